import { Link } from '@tanstack/react-router';
import { BookOpen } from 'lucide-react';
import { useTranslation } from 'react-i18next';

import { useBooks } from '@/features/preview/api/book-activities';

import { LoadError, Loading } from './load-error';

/** The books the user can see, each leading to its activities (the books feature has the full catalogue). */
export function PreviewBooksPage() {
  const { t } = useTranslation('preview');
  const books = useBooks();
  return (
    <div className="grid gap-6">
      <div className="grid gap-1">
        <h1 className="text-2xl font-bold tracking-tight sm:text-3xl">{t('books.title')}</h1>
        <p className="text-muted-foreground">{t('books.intro')}</p>
      </div>
      {books.isPending && <Loading />}
      {books.isError && <LoadError error={books.error} onRetry={() => void books.refetch()} />}
      {books.data && books.data.items.length === 0 && <p>{t('books.empty')}</p>}
      {books.data && books.data.items.length > 0 && (
        <ul aria-label={t('books.listLabel')} className="grid gap-3 sm:grid-cols-2">
          {books.data.items.map((book) => (
            <li key={book.id}>
              <Link
                to="/preview/books/$bookId"
                params={{ bookId: book.id }}
                className="flex min-h-11 items-center gap-3 rounded-xl border border-border bg-card p-4 font-semibold hover:bg-accent focus-visible:outline-none focus-visible:ring-3 focus-visible:ring-ring/60"
              >
                <BookOpen aria-hidden="true" className="size-5 shrink-0 text-primary" />
                <span>{book.title}</span>
              </Link>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
