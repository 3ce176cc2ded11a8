import { Link } from '@tanstack/react-router';
import { ArrowLeft, ChevronLeft, ChevronRight, Maximize, ZoomIn, ZoomOut } from 'lucide-react';
import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';

import { useSession } from '@/shared/session/session';
import { Alert } from '@/shared/ui/alert';
import { Button } from '@/shared/ui/button';
import { selectClass } from '@/shared/ui/form-field';
import { Label } from '@/shared/ui/label';

import { type Book, useBook } from '../api/get-book';
import { type BookPage, type BookPages, type PageAudio, useBookPages } from '../api/get-book-pages';
import { clampPageIndex, keyPageMove, movePage, type PageMove } from '../lib/paging';
import { clampZoom, MIN_ZOOM, type Pan, ZOOM_STEP } from '../lib/zoom';
import { BookOfflineControl, useOfflineBook, useOfflineUrls } from './book-offline';
import { PageCanvas, PreviewLink, useMarkerTitle } from './page-canvas';

const NO_PAN: Pan = { x: 0, y: 0 };

type Props = {
  bookId: string;
  /** 0-based index into the book's pages (kept in the URL by the route). */
  pageIndex: number;
  onPageChange: (pageIndex: number) => void;
};

/** A book's pages: turn them (buttons, arrow keys, swipe), zoom, play page audio, and open activities. */
export function BookViewer({ bookId, pageIndex, onPageChange }: Props) {
  const { t } = useTranslation('books');
  const session = useSession();
  // Teachers, publishers and admins preview activities; students see where they are.
  const canPreview = session.status === 'signed-in' && session.me.role !== 'student';
  const book = useBook(bookId);
  const pages = useBookPages(bookId);
  // The device's copy stands in for the network when offline, and its files are used whenever they are there.
  const copy = useOfflineBook(bookId);
  const localUrl = useOfflineUrls(bookId, copy);
  const bookData = book.data ?? (copy?.book as Book | undefined);
  const pagesData = pages.data ?? (copy?.pages as BookPages | undefined);
  const [zoom, setZoom] = useState(MIN_ZOOM);
  const [pan, setPan] = useState<Pan>(NO_PAN);
  const audio = usePageAudio();

  const all = pagesData?.pages ?? [];
  const index = clampPageIndex(pageIndex, all.length);
  const remotePage = all[index];
  const page = remotePage && {
    ...remotePage,
    image_url: remotePage.image_url === null ? null : localUrl(remotePage.image_url),
    audio: remotePage.audio.map((audio) => ({ ...audio, url: localUrl(audio.url) })),
  };

  const goTo = (next: number) => {
    if (next === index) return;
    setZoom(MIN_ZOOM);
    setPan(NO_PAN);
    audio.stop();
    onPageChange(next);
  };
  const move = (pageMove: PageMove) => goTo(movePage(index, pageMove, all.length));
  const moveRef = useRef(move);
  moveRef.current = move;

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey) return;
      if (event.target instanceof HTMLElement && event.target.closest('input, select, textarea, [contenteditable]')) return;
      const pageMove = keyPageMove(event.key);
      if (pageMove === null) return;
      event.preventDefault();
      moveRef.current(pageMove);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const zoomTo = (next: number) => {
    const zoomed = clampZoom(next);
    setZoom(zoomed);
    if (zoomed === MIN_ZOOM) setPan(NO_PAN);
  };

  return (
    <div className="grid gap-4">
      <header className="flex flex-wrap items-center gap-3">
        <Button variant="ghost" asChild>
          <Link to="/books">
            <ArrowLeft aria-hidden="true" />
            {t('viewer.back')}
          </Link>
        </Button>
        <h1 className="text-2xl font-bold tracking-tight">{bookData?.title ?? t('viewer.loading')}</h1>
        <div className="ms-auto">
          <BookOfflineControl bookId={bookId} />
        </div>
      </header>
      {pages.isLoading && !pagesData ? <p className="text-muted-foreground">{t('viewer.loading')}</p> : null}
      {(pages.error || book.error) && !copy ? <Alert variant="destructive">{t('viewer.loadFailed')}</Alert> : null}
      {pagesData && !page ? <p className="text-muted-foreground">{t('viewer.noPages')}</p> : null}
      {page ? (
        <>
          <ViewerToolbar
            pages={all}
            index={index}
            zoom={zoom}
            onGoTo={goTo}
            onMove={move}
            onZoom={zoomTo}
          />
          <p className="sr-only" aria-live="polite">
            {t('viewer.position', { page: page.page_number, index: index + 1, count: all.length })}
          </p>
          <PageCanvas
            page={page}
            canPreview={canPreview}
            zoom={zoom}
            pan={pan}
            onZoom={zoomTo}
            onPan={setPan}
            onPageMove={move}
            playingUrl={audio.playingUrl}
            onToggleAudio={audio.toggle}
          />
          {audio.failed ? <Alert variant="destructive">{t('viewer.audioFailed')}</Alert> : null}
          <p className="text-sm text-muted-foreground">{t('viewer.keyboardHint')}</p>
          <PageActivities page={page} canPreview={canPreview} />
        </>
      ) : null}
    </div>
  );
}

function ViewerToolbar({ pages, index, zoom, onGoTo, onMove, onZoom }: {
  pages: BookPage[];
  index: number;
  zoom: number;
  onGoTo: (index: number) => void;
  onMove: (move: PageMove) => void;
  onZoom: (zoom: number) => void;
}) {
  const { t } = useTranslation('books');
  const selectId = useId();
  const modules = groupByModule(pages);
  return (
    <div role="toolbar" aria-label={t('viewer.toolbar')} className="flex flex-wrap items-end gap-2">
      <Button variant="outline" size="icon" aria-label={t('viewer.previousPage')} disabled={index === 0} onClick={() => onMove('previous')}>
        <ChevronLeft aria-hidden="true" />
      </Button>
      <div className="grid gap-1">
        <Label htmlFor={selectId} className="sr-only">
          {t('viewer.goToPage')}
        </Label>
        <select
          id={selectId}
          className={selectClass}
          value={index}
          onChange={(event) => onGoTo(Number(event.target.value))}
        >
          {modules.map((module) => (
            <optgroup key={module.index} label={module.name}>
              {module.pages.map(({ page, index: pageIndex }) => (
                <option key={pageIndex} value={pageIndex}>
                  {t('viewer.pageOption', { page: page.page_number })}
                </option>
              ))}
            </optgroup>
          ))}
        </select>
      </div>
      <Button
        variant="outline"
        size="icon"
        aria-label={t('viewer.nextPage')}
        disabled={index === pages.length - 1}
        onClick={() => onMove('next')}
      >
        <ChevronRight aria-hidden="true" />
      </Button>
      <span className="mx-2 hidden h-8 w-px bg-border sm:block" aria-hidden="true" />
      <Button variant="outline" size="icon" aria-label={t('viewer.zoomOut')} disabled={zoom <= MIN_ZOOM} onClick={() => onZoom(zoom - ZOOM_STEP)}>
        <ZoomOut aria-hidden="true" />
      </Button>
      <output className="min-w-20 self-center text-center text-sm tabular-nums" aria-live="polite">
        {t('viewer.zoomLevel', { percent: Math.round(zoom * 100) })}
      </output>
      <Button variant="outline" size="icon" aria-label={t('viewer.zoomIn')} disabled={zoom >= clampZoom(Infinity)} onClick={() => onZoom(zoom + ZOOM_STEP)}>
        <ZoomIn aria-hidden="true" />
      </Button>
      <Button variant="outline" size="icon" aria-label={t('viewer.zoomReset')} disabled={zoom === MIN_ZOOM} onClick={() => onZoom(MIN_ZOOM)}>
        <Maximize aria-hidden="true" />
      </Button>
    </div>
  );
}

function groupByModule(pages: BookPage[]) {
  const modules: { index: number; name: string; pages: { page: BookPage; index: number }[] }[] = [];
  pages.forEach((page, index) => {
    const last = modules.at(-1);
    if (last && last.index === page.module_index) last.pages.push({ page, index });
    else modules.push({ index: page.module_index, name: page.module_name, pages: [{ page, index }] });
  });
  return modules;
}

function PageActivities({ page, canPreview }: { page: BookPage; canPreview: boolean }) {
  const { t } = useTranslation('books');
  const titleOf = useMarkerTitle();
  const headingId = useId();
  return (
    <section aria-labelledby={headingId} className="grid gap-2">
      <h2 id={headingId} className="text-lg font-semibold">
        {t('viewer.activities')}
      </h2>
      {page.markers.length === 0 ? (
        <p className="text-muted-foreground">{t('viewer.noActivities')}</p>
      ) : (
        <ol className="grid gap-1">
          {page.markers.map((marker) => (
            <li key={marker.activity_id} className="flex items-center gap-2">
              <span className="grid size-7 place-items-center rounded-full bg-primary text-xs font-bold text-primary-foreground" aria-hidden="true">
                {marker.section_index + 1}
              </span>
              {canPreview ? (
                <PreviewLink activityId={marker.activity_id} className="underline underline-offset-4 hover:text-primary">
                  {titleOf(marker)}
                </PreviewLink>
              ) : (
                <span>{titleOf(marker)}</span>
              )}
              <span className="text-sm text-muted-foreground">{t(`types.${marker.activity_type}`)}</span>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

/** One audio element for the page's audio buttons: a second button stops the first. */
function usePageAudio() {
  const element = useRef<HTMLAudioElement | null>(null);
  const [playingUrl, setPlayingUrl] = useState<string | null>(null);
  const [failed, setFailed] = useState(false);

  useEffect(() => () => element.current?.pause(), []);

  const stop = () => {
    element.current?.pause();
    setPlayingUrl(null);
  };

  const toggle = (audio: PageAudio) => {
    if (playingUrl === audio.url) {
      stop();
      return;
    }
    element.current?.pause();
    const player = new Audio(audio.url);
    player.addEventListener('ended', () => setPlayingUrl((url) => (url === audio.url ? null : url)));
    element.current = player;
    setFailed(false);
    setPlayingUrl(audio.url);
    Promise.resolve(player.play()).catch(() => {
      setPlayingUrl(null);
      setFailed(true);
    });
  };

  return { playingUrl, failed, toggle, stop };
}
