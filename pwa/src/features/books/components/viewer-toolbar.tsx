import { ChevronLeft, ChevronRight, Maximize, ZoomIn, ZoomOut } from 'lucide-react';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';

import { Button } from '@/shared/ui/button';
import { selectClass } from '@/shared/ui/form-field';
import { Label } from '@/shared/ui/label';

import type { BookPage } from '../api/get-book-pages';
import type { PageMove } from '../lib/paging';
import { clampZoom, MIN_ZOOM, ZOOM_STEP } from '../lib/zoom';

/** Previous and next page, a page picker grouped by module, and the zoom buttons. */
export function ViewerToolbar({ pages, index, zoom, onGoTo, onMove, onZoom }: {
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
