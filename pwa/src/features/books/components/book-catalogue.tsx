import { Link } from '@tanstack/react-router';
import { BookOpen } from 'lucide-react';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';

import { useListState } from '@/shared/hooks/use-list-state';
import { Badge } from '@/shared/ui/badge';
import { selectClass } from '@/shared/ui/form-field';
import { Label } from '@/shared/ui/label';
import { ListState, ListToolbar, PageHeader, Pagination, SearchBox } from '@/shared/ui/list-controls';

import { type Book, useCatalogue } from '../api/list-books';
import { CATALOGUE_LANGUAGES, languageName } from '../lib/languages';

/** The books the signed-in user may see, with covers: search, a language filter and pages. */
export function BookCatalogue() {
  const { t, i18n } = useTranslation('books');
  const list = useListState<'title'>('title');
  const [language, setLanguage] = useState('');
  const languageId = useId();
  const catalogue = useCatalogue({ search: list.search, language: language || undefined, page: list.page });
  const books = catalogue.data?.items ?? [];

  return (
    <div className="grid gap-6">
      <PageHeader title={t('catalogue.title')} description={t('catalogue.intro')} />
      <ListToolbar>
        <SearchBox label={t('catalogue.search')} value={list.searchInput} onChange={list.setSearchInput} />
        <div className="grid gap-1.5">
          <Label htmlFor={languageId}>{t('catalogue.language')}</Label>
          <select
            id={languageId}
            className={selectClass}
            value={language}
            onChange={(event) => {
              setLanguage(event.target.value);
              list.setPage(1);
            }}
          >
            <option value="">{t('catalogue.allLanguages')}</option>
            {CATALOGUE_LANGUAGES.map((code) => (
              <option key={code} value={code}>
                {languageName(code, i18n.language)}
              </option>
            ))}
          </select>
        </div>
      </ListToolbar>
      <ListState
        isLoading={catalogue.isLoading}
        error={catalogue.error}
        isEmpty={books.length === 0}
        emptyText={t('catalogue.empty')}
      >
        <ul className="grid grid-cols-[repeat(auto-fill,minmax(11rem,1fr))] gap-4">
          {books.map((book) => (
            <li key={book.id}>
              <BookCard book={book} />
            </li>
          ))}
        </ul>
      </ListState>
      <Pagination pagination={catalogue.data?.pagination} onPage={list.setPage} />
    </div>
  );
}

function BookCard({ book }: { book: Book }) {
  const { t, i18n } = useTranslation('books');
  return (
    <Link
      to="/books/$bookId"
      params={{ bookId: book.id }}
      search={{ page: 1 }}
      className="group grid h-full gap-2 rounded-xl border border-border bg-card p-3 shadow-sm outline-none transition-colors hover:bg-accent focus-visible:ring-3 focus-visible:ring-ring/60"
    >
      <div className="grid aspect-[3/4] place-items-center overflow-hidden rounded-lg bg-muted">
        {book.cover_url ? (
          <img
            src={book.cover_url}
            alt={t('catalogue.cover', { title: book.title })}
            loading="lazy"
            className="size-full object-cover"
          />
        ) : (
          <span className="grid justify-items-center gap-1 text-sm text-muted-foreground">
            <BookOpen aria-hidden="true" className="size-8" />
            {t('catalogue.noCover')}
          </span>
        )}
      </div>
      <span className="font-semibold leading-tight">{book.title}</span>
      <span className="flex flex-wrap items-center gap-2 text-sm text-muted-foreground">
        {book.publisher_name ? <span>{t('catalogue.publisher', { name: book.publisher_name })}</span> : null}
        {book.language ? <Badge>{languageName(book.language, i18n.language)}</Badge> : null}
      </span>
    </Link>
  );
}
