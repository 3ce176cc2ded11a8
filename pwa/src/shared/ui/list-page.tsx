import type { ReactNode } from 'react';

import type { PageInfo } from '@/shared/api/page';

import { Alert } from './alert';
import { DataTable, ListState, ListToolbar, PageHeader, Pagination, SearchBox, type SortOption, SortSelect } from './list-controls';

/** What a list page needs of `useListState`: the search box's text and the sort, and a way back to page 1. */
type ListControls<Sort extends string> = {
  searchInput: string;
  setSearchInput: (value: string) => void;
  sort: Sort;
  setSort: (sort: Sort) => void;
  setPage: (page: number) => void;
};

/** A server-side list query as TanStack Query gives it. */
type ListQuery = {
  isLoading: boolean;
  error: unknown;
  data?: { items: unknown[]; pagination: PageInfo } | undefined;
};

/**
 * The frame every searchable, sortable, paged list page shares: header, the last action's error, toolbar
 * (search, `filters`, sort, `tools`), the table (`children`, captioned by the title) or its loading, error
 * or empty state, and the pages. `dialogs` are the page's dialogs.
 */
export function ListPage<Sort extends string>({
  title,
  description,
  actions,
  actionError,
  list,
  searchLabel,
  filters,
  sortOptions,
  tools,
  query,
  emptyText,
  children,
  dialogs,
}: {
  title: string;
  description: string;
  actions?: ReactNode;
  actionError?: string | null;
  list: ListControls<Sort>;
  searchLabel: string;
  filters?: ReactNode;
  sortOptions: SortOption<Sort>[];
  tools?: ReactNode;
  query: ListQuery;
  emptyText: string;
  children: ReactNode;
  dialogs?: ReactNode;
}) {
  return (
    <div className="grid gap-6">
      <PageHeader title={title} description={description} actions={actions} />
      {actionError ? <Alert variant="destructive">{actionError}</Alert> : null}
      <ListToolbar>
        <SearchBox label={searchLabel} value={list.searchInput} onChange={list.setSearchInput} />
        {filters}
        <SortSelect value={list.sort} onChange={list.setSort} options={sortOptions} />
        {tools}
      </ListToolbar>
      <ListState isLoading={query.isLoading} error={query.error} isEmpty={(query.data?.items.length ?? 0) === 0} emptyText={emptyText}>
        <DataTable caption={title}>{children}</DataTable>
      </ListState>
      <Pagination pagination={query.data?.pagination} onPage={list.setPage} />
      {dialogs}
    </div>
  );
}
