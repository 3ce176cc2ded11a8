import { Link } from '@tanstack/react-router';
import { Pause, Play } from 'lucide-react';
import { type ComponentProps, useState } from 'react';
import { useTranslation } from 'react-i18next';

import { cn } from '@/shared/lib/cn';

import type { BookPage, PageAudio, PageMarker } from '../api/get-book-pages';
import { type PercentBox, percentBox, type Size } from '../lib/page-geometry';
import type { PageMove } from '../lib/paging';
import type { Pan } from '../lib/zoom';
import { usePageGestures } from './use-page-gestures';


type Props = {
  page: BookPage;
  canPreview: boolean;
  zoom: number;
  pan: Pan;
  onZoom: (zoom: number) => void;
  onPan: (pan: Pan) => void;
  onPageMove: (move: PageMove) => void;
  playingUrl: string | null;
  onToggleAudio: (audio: PageAudio) => void;
};

const placed = (box: PercentBox) => ({
  left: `${box.left}%`,
  top: `${box.top}%`,
  width: `${box.width}%`,
  height: `${box.height}%`,
});

/** The page image with activity markers and audio buttons on it, zoomed and panned with a CSS transform. */
export function PageCanvas({ page, canPreview, zoom, pan, onZoom, onPan, onPageMove, playingUrl, onToggleAudio }: Props) {
  const { t } = useTranslation('books');
  // Coords are in the image's own pixels; they are placed once the image says how large it is.
  const [natural, setNatural] = useState<{ url: string; size: Size } | null>(null);
  const size = natural && natural.url === page.image_url ? natural.size : null;
  const { frame, handlers } = usePageGestures({ zoom, pan, onZoom, onPan, onPageMove });

  return (
    <div
      ref={frame}
      {...handlers}
      data-testid="page-frame"
      className="relative mx-auto w-full max-w-3xl touch-none overflow-hidden rounded-xl border border-border bg-muted select-none"
    >
      <div
        className="relative origin-center transition-transform duration-75"
        style={{ transform: `translate(${pan.x}px, ${pan.y}px) scale(${zoom})` }}
      >
        {page.image_url ? (
          <img
            src={page.image_url}
            alt={t('viewer.pageImage', { module: page.module_name, page: page.page_number })}
            draggable={false}
            className="block h-auto w-full"
            onLoad={(event) =>
              setNatural({
                url: page.image_url ?? '',
                size: { width: event.currentTarget.naturalWidth, height: event.currentTarget.naturalHeight },
              })
            }
          />
        ) : (
          <p className="grid aspect-[4/5] place-items-center text-muted-foreground">{t('viewer.noImage')}</p>
        )}
        {size
          ? page.markers.map((marker) => {
              const box = marker.coords ? percentBox(marker.coords, size) : null;
              return box ? <Marker key={marker.activity_id} marker={marker} box={box} canPreview={canPreview} /> : null;
            })
          : null}
        {size
          ? page.audio.map((audio, index) => {
              const box = audio.coords ? percentBox(audio.coords, size) : null;
              return box ? (
                <AudioButton
                  key={audio.section_index}
                  audio={audio}
                  box={box}
                  fallbackTitle={t('viewer.audioFallback', { n: index + 1 })}
                  playing={playingUrl === audio.url}
                  onToggle={() => onToggleAudio(audio)}
                />
              ) : null;
            })
          : null}
      </div>
    </div>
  );
}

export function useMarkerTitle() {
  const { t } = useTranslation('books');
  return (marker: PageMarker) => marker.title ?? t('viewer.untitled', { type: t(`types.${marker.activity_type}`) });
}

/** A link to the teacher preview of an activity (a route of the players feature). */
export function PreviewLink({ activityId, ...props }: Omit<ComponentProps<'a'>, 'href'> & { activityId: string }) {
  return <Link to="/preview/activities/$activityId" params={{ activityId }} {...props} />;
}

function Marker({ marker, box, canPreview }: { marker: PageMarker; box: PercentBox; canPreview: boolean }) {
  const { t } = useTranslation('books');
  const title = useMarkerTitle()(marker);
  const outline = 'absolute rounded-md border-2 border-dashed border-primary bg-primary/5';
  const chip = (
    <span className="absolute -top-3 -left-3 grid size-8 place-items-center rounded-full bg-primary text-xs font-bold text-primary-foreground shadow">
      {marker.section_index + 1}
    </span>
  );
  if (!canPreview) {
    // Students read the page; the list below names the activities, so the outline is decoration only.
    return (
      <span aria-hidden="true" data-testid="activity-marker" className={outline} style={placed(box)}>
        {chip}
      </span>
    );
  }
  return (
    <PreviewLink
      activityId={marker.activity_id}
      aria-label={t('viewer.openActivity', { title })}
      data-testid="activity-marker"
      style={placed(box)}
      className={cn(outline, 'outline-none hover:bg-primary/15 focus-visible:ring-4 focus-visible:ring-ring/70')}
    >
      {chip}
    </PreviewLink>
  );
}

function AudioButton({ audio, box, fallbackTitle, playing, onToggle }: {
  audio: PageAudio;
  box: PercentBox;
  fallbackTitle: string;
  playing: boolean;
  onToggle: () => void;
}) {
  const { t } = useTranslation('books');
  const title = audio.title ?? fallbackTitle;
  return (
    <button
      type="button"
      onClick={onToggle}
      aria-pressed={playing}
      aria-label={t(playing ? 'viewer.pauseAudio' : 'viewer.playAudio', { title })}
      className="absolute grid size-11 -translate-x-full place-items-center rounded-full bg-amber-500 text-black shadow-md outline-none hover:bg-amber-400 focus-visible:ring-4 focus-visible:ring-ring/70"
      style={{ left: `${box.left + box.width}%`, top: `${box.top}%` }}
    >
      {playing ? <Pause aria-hidden="true" className="size-5" /> : <Play aria-hidden="true" className="size-5" />}
    </button>
  );
}
