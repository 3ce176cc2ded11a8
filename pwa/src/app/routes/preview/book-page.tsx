import { Link, useParams } from '@tanstack/react-router';
import { ArrowLeft } from 'lucide-react';
import { useTranslation } from 'react-i18next';

import { useBook, useBookActivities } from '@/features/preview/api/book-activities';

import { LoadError, Loading } from './load-error';
import { useTypeName } from './type-name';

const linkClass =
  'flex min-h-11 flex-wrap items-center gap-x-3 rounded-lg px-3 py-2 hover:bg-accent focus-visible:outline-none focus-visible:ring-3 focus-visible:ring-ring/60';

/** A book's activities in book order, each opening the teacher preview. */
export function PreviewBookPage() {
  const { bookId = '' } = useParams({ strict: false });
  const { t } = useTranslation('preview');
  const typeName = useTypeName();
  const book = useBook(bookId);
  const activities = useBookActivities(bookId);
  return (
    <div className="grid gap-6">
      <Link to="/preview/books" className="inline-flex min-h-11 items-center gap-2 justify-self-start text-sm font-medium underline-offset-4 hover:underline">
        <ArrowLeft aria-hidden="true" className="size-4" />
        {t('book.back')}
      </Link>
      {book.isError && <LoadError error={book.error} onRetry={() => void book.refetch()} />}
      <h1 className="text-2xl font-bold tracking-tight sm:text-3xl">{book.data?.title ?? t('book.activities')}</h1>
      {activities.isPending && <Loading />}
      {activities.isError && <LoadError error={activities.error} onRetry={() => void activities.refetch()} />}
      {activities.data && activities.data.length === 0 && <p>{t('book.empty')}</p>}
      {activities.data && activities.data.length > 0 && (
        <ol aria-label={t('book.activities')} className="grid gap-1 rounded-xl border border-border bg-card p-2">
          {activities.data.map((activity, index) => (
            <li key={activity.id}>
              <Link to="/preview/activities/$activityId" params={{ activityId: activity.id }} className={linkClass}>
                <span className="w-20 shrink-0 text-sm text-muted-foreground">{t('book.page', { page: activity.page_number })}</span>
                <span className="flex-1 font-semibold">{activity.title ?? activity.header_text ?? t('book.untitled', { n: index + 1 })}</span>
                <span className="text-sm text-muted-foreground">{typeName(activity.activity_type)}</span>
              </Link>
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}
