import { Link } from '@tanstack/react-router';
import { ArrowLeft } from 'lucide-react';
import { useEffect, useEffectEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';

import { useSession } from '@/shared/session/session';
import { Alert } from '@/shared/ui/alert';
import { Button } from '@/shared/ui/button';

import { type Book, useBook } from '../api/get-book';
import { type BookPages, useBookPages } from '../api/get-book-pages';
import { clampPageIndex, keyPageMove, movePage, type PageMove } from '../lib/paging';
import { clampZoom, MIN_ZOOM, type Pan } from '../lib/zoom';
import { BookOfflineControl, useOfflineBook, useOfflineUrls } from './book-offline';
import { PageActivities } from './page-activities';
import { PageCanvas } from './page-canvas';
import { usePageAudio } from './use-page-audio';
import { ViewerToolbar } from './viewer-toolbar';

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
  // The key listener is added once and always moves from the page on screen.
  const onPageKey = useEffectEvent((pageMove: PageMove) => move(pageMove));

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey) return;
      if (event.target instanceof HTMLElement && event.target.closest('input, select, textarea, [contenteditable]')) return;
      const pageMove = keyPageMove(event.key);
      if (pageMove === null) return;
      event.preventDefault();
      onPageKey(pageMove);
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
