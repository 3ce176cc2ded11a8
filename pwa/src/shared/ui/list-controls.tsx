import { ChevronLeft, ChevronRight, Pencil, Search, Trash2 } from 'lucide-react';
import { type ReactNode, useId } from 'react';
import { useTranslation } from 'react-i18next';

import type { PageInfo } from '@/shared/api/page';
import { cn } from '@/shared/lib/cn';

import { Button } from './button';
import { SelectField, selectClass } from './form-field';
import { Input } from './input';
import { Label } from './label';

export function SearchBox({ value, onChange, label }: { value: string; onChange: (v: string) => void; label: string }) {
  const id = useId();
  return (
    <div className="grid min-w-48 flex-1 gap-1.5">
      <Label htmlFor={id}>{label}</Label>
      <div className="relative">
        <Search aria-hidden="true" className="pointer-events-none absolute top-3.5 left-3 size-4 text-muted-foreground" />
        <Input id={id} type="search" value={value} onChange={(e) => onChange(e.target.value)} className="pl-9" />
      </div>
    </div>
  );
}

export type SortOption<Sort extends string> = { value: Sort; label: string };

export type NameAndDateSort = 'name' | '-name' | '-created_at' | 'created_at';

/**
 * The sorts of a list of named records: by name either way, then newest or oldest; `between` (e.g. grade) sits
 * between. A hook because its labels are the `ui` namespace's and a page's `t` is typed for its own namespaces.
 */
export function useNameAndDateSorts<Extra extends string = never>(
  between: SortOption<Extra>[] = [],
): SortOption<NameAndDateSort | Extra>[] {
  const { t } = useTranslation('ui');
  return [
    { value: 'name', label: t('sort.nameAsc') },
    { value: '-name', label: t('sort.nameDesc') },
    ...between,
    { value: '-created_at', label: t('sort.newest') },
    { value: 'created_at', label: t('sort.oldest') },
  ];
}

export function SortSelect<Sort extends string>({
  value,
  onChange,
  options,
}: {
  value: Sort;
  onChange: (v: Sort) => void;
  options: SortOption<Sort>[];
}) {
  const { t } = useTranslation('ui');
  const id = useId();
  return (
    <div className="grid gap-1.5">
      <Label htmlFor={id}>{t('sortBy')}</Label>
      <select id={id} className={cn(selectClass, 'w-auto')} value={value} onChange={(e) => onChange(e.target.value as Sort)}>
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </div>
  );
}

/** A list's filter: "all" (the empty value) or one of `options`; the caller's `onChange` also goes back to page 1. */
export function FilterSelect({
  label,
  allLabel,
  value,
  onChange,
  options,
  className = 'min-w-48',
}: {
  label: string;
  allLabel: string;
  value: string;
  onChange: (value: string) => void;
  options: { value: string; label: string }[];
  className?: string;
}) {
  return (
    <div className={className}>
      <SelectField label={label} value={value} onChange={(e) => onChange(e.target.value)}>
        <option value="">{allLabel}</option>
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </SelectField>
    </div>
  );
}

export function ListToolbar({ children }: { children: ReactNode }) {
  return <div className="flex flex-wrap items-end gap-3">{children}</div>;
}

export function Pagination({ pagination, onPage }: { pagination: PageInfo | undefined; onPage: (page: number) => void }) {
  const { t } = useTranslation('ui');
  if (!pagination) return null;
  return (
    <nav aria-label={t('pagination')} className="flex flex-wrap items-center justify-between gap-3">
      <p className="text-sm text-muted-foreground" aria-live="polite">
        {t('pageOf', { page: pagination.page, pages: pagination.total_pages, total: pagination.total })}
      </p>
      <div className="flex gap-2">
        <Button
          variant="outline"
          disabled={pagination.prev_page === null}
          onClick={() => pagination.prev_page !== null && onPage(pagination.prev_page)}
        >
          <ChevronLeft aria-hidden="true" />
          {t('previous')}
        </Button>
        <Button
          variant="outline"
          disabled={pagination.next_page === null}
          onClick={() => pagination.next_page !== null && onPage(pagination.next_page)}
        >
          {t('next')}
          <ChevronRight aria-hidden="true" />
        </Button>
      </div>
    </nav>
  );
}

/** A table that scrolls sideways on narrow screens instead of squeezing its columns. */
export function DataTable({ caption, children }: { caption: string; children: ReactNode }) {
  return (
    <div className="overflow-x-auto rounded-xl border border-border">
      <table className="w-full border-collapse text-left text-sm [&_td]:px-3 [&_td]:py-2 [&_th]:px-3 [&_th]:py-2.5 [&_th]:font-medium [&_thead]:bg-muted [&_tr]:border-b [&_tr]:border-border [&_tbody_tr:last-child]:border-0">
        <caption className="sr-only">{caption}</caption>
        {children}
      </table>
    </div>
  );
}

/**
 * A row's edit and delete icon buttons, right-aligned after the row's own buttons (`children`). The labels name
 * the row, since a screen reader hears each button apart from its row; `titled` also shows them as tooltips.
 */
export function RowActions({
  editLabel,
  deleteLabel,
  onEdit,
  onDelete,
  titled = false,
  children,
}: {
  editLabel: string;
  deleteLabel: string;
  onEdit: () => void;
  onDelete: () => void;
  titled?: boolean;
  children?: ReactNode;
}) {
  return (
    <div className="flex justify-end gap-1">
      {children}
      <Button variant="ghost" size="icon" aria-label={editLabel} title={titled ? editLabel : undefined} onClick={onEdit}>
        <Pencil aria-hidden="true" />
      </Button>
      <Button variant="ghost" size="icon" aria-label={deleteLabel} title={titled ? deleteLabel : undefined} onClick={onDelete}>
        <Trash2 aria-hidden="true" />
      </Button>
    </div>
  );
}

/** Loading, error and empty states of a list, so every list says the same thing the same way. */
export function ListState({
  isLoading,
  error,
  isEmpty,
  emptyText,
  children,
}: {
  isLoading: boolean;
  error: unknown;
  isEmpty: boolean;
  emptyText: string;
  children: ReactNode;
}) {
  const { t } = useTranslation('ui');
  if (isLoading) return <p className="text-muted-foreground">{t('loading')}</p>;
  if (error) {
    return (
      <p role="alert" className="text-destructive">
        {t('loadFailed')}
      </p>
    );
  }
  if (isEmpty) return <EmptyState>{emptyText}</EmptyState>;
  return <>{children}</>;
}

/** A list that has nothing yet, saying what to do to fill it. */
export function EmptyState({ children }: { children: ReactNode }) {
  return <p className="rounded-xl border border-dashed border-border p-6 text-center text-muted-foreground">{children}</p>;
}

export function PageHeader({ title, description, actions }: { title: string; description?: string; actions?: ReactNode }) {
  return (
    <header className="flex flex-wrap items-start justify-between gap-3">
      <div className="grid gap-1">
        <h1 className="text-2xl font-bold tracking-tight sm:text-3xl">{title}</h1>
        {description ? <p className="text-muted-foreground">{description}</p> : null}
      </div>
      {actions ? <div className="flex flex-wrap gap-2">{actions}</div> : null}
    </header>
  );
}
