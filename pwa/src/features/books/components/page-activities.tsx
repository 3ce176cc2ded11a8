import { useId } from 'react';
import { useTranslation } from 'react-i18next';

import type { BookPage } from '../api/get-book-pages';
import { PreviewLink, useMarkerTitle } from './page-canvas';

/** The activities on the page, in order; staff open a preview of each. */
export function PageActivities({ page, canPreview }: { page: BookPage; canPreview: boolean }) {
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
