import { Link } from '@tanstack/react-router';
import { ArrowRight, Lightbulb, type LucideIcon } from 'lucide-react';
import { type ReactNode, useId } from 'react';
import { useTranslation } from 'react-i18next';

import type { PageInfo } from '@/shared/api/page';
import { useErrorMessage } from '@/shared/hooks/use-error-message';
import { Alert } from '@/shared/ui/alert';
import { Button } from '@/shared/ui/button';
import { Card, CardContent, CardHeader, CardTitle } from '@/shared/ui/card';
import { Skeleton } from '@/shared/ui/skeleton';

/** What a figure needs of a list query: the list's total (one item is enough to get it) and a way to ask again. */
type CountQuery = { isPending: boolean; error: unknown; data?: { pagination: PageInfo } | undefined; refetch: () => unknown };

export type Figure = { label: string; to: string; icon: LucideIcon; query: CountQuery };

/** A failed request in the server's words (or "no connection"), with a retry. */
export function LoadError({ error, onRetry }: { error: unknown; onRetry: () => void }) {
  const { t } = useTranslation('common');
  const errorMessage = useErrorMessage();
  return (
    <Alert variant="destructive" className="flex flex-wrap items-center gap-3">
      <span className="min-w-0 flex-1">{errorMessage(error)}</span>
      <Button variant="outline" size="sm" onClick={onRetry}>
        {t('error.retry')}
      </Button>
    </Alert>
  );
}

/** Says "loading" to screen readers while the skeletons show it to everyone else. */
function LoadingStatus() {
  const { t } = useTranslation('common');
  return (
    <p role="status" className="sr-only">
      {t('loading')}
    </p>
  );
}

/** The role's counts, each a link to the page that lists them; counts that fail show a dash and one error above. */
export function FigureCards({ title, figures }: { title: string; figures: Figure[] }) {
  const headingId = useId();
  const loading = figures.some((figure) => figure.query.isPending);
  const failed = figures.filter((figure) => figure.query.error);
  return (
    <section aria-labelledby={headingId} aria-busy={loading} className="grid gap-3">
      <h2 id={headingId} className="text-lg font-semibold">
        {title}
      </h2>
      {loading ? <LoadingStatus /> : null}
      {failed.length > 0 ? (
        <LoadError error={failed[0]?.query.error} onRetry={() => failed.forEach((figure) => void figure.query.refetch())} />
      ) : null}
      <ul className="grid grid-cols-[repeat(auto-fill,minmax(9rem,1fr))] gap-3">
        {figures.map((figure) => (
          <li key={figure.to + figure.label}>
            <FigureCard figure={figure} />
          </li>
        ))}
      </ul>
    </section>
  );
}

function FigureCard({ figure: { label, to, icon: Icon, query } }: { figure: Figure }) {
  const { i18n } = useTranslation();
  const total = query.data?.pagination.total;
  return (
    <Link
      to={to}
      className="flex h-full flex-col gap-1 rounded-xl border border-border bg-card p-4 shadow-sm outline-none transition-colors hover:bg-accent focus-visible:ring-3 focus-visible:ring-ring/60"
    >
      <Icon aria-hidden="true" className="size-5 text-muted-foreground" />
      {query.isPending ? (
        <Skeleton className="my-1 h-8 w-14" />
      ) : total === undefined ? (
        <span aria-hidden="true" className="text-3xl font-bold">
          —
        </span>
      ) : (
        <span className="text-3xl font-bold tabular-nums">{new Intl.NumberFormat(i18n.language).format(total)}</span>
      )}
      {/* The link's name reads "12 Schools"; the space keeps the two apart wherever the layout does not. */}{' '}
      <span className="text-sm font-medium text-muted-foreground">{label}</span>
    </Link>
  );
}

/** A titled card of the dashboard; `link` (e.g. "see all") sits by the title. */
export function DashboardCard({ title, link, children }: { title: string; link?: ReactNode; children: ReactNode }) {
  const headingId = useId();
  return (
    <Card aria-labelledby={headingId} className="min-w-0">
      <CardHeader className="flex-row flex-wrap items-center justify-between gap-x-4">
        <CardTitle id={headingId}>{title}</CardTitle>
        {link}
      </CardHeader>
      <CardContent>{children}</CardContent>
    </Card>
  );
}

/** A link inside a dashboard card's list (an assignment, a class). */
export const linkClass =
  'rounded font-medium text-primary underline-offset-4 outline-none hover:underline focus-visible:ring-3 focus-visible:ring-ring/60';

/** The link from a dashboard card to the page with all of its items. */
export function SeeAllLink({ to, children }: { to: string; children: ReactNode }) {
  return (
    <Link
      to={to}
      className="inline-flex min-h-11 items-center gap-1 rounded-md text-sm font-medium text-primary underline-offset-4 outline-none hover:underline focus-visible:ring-3 focus-visible:ring-ring/60"
    >
      {children}
      <ArrowRight aria-hidden="true" className="size-4" />
    </Link>
  );
}

/** The buttons and links of a role's most frequent tasks; full width on phones. */
export function QuickActions({ title, children }: { title: string; children: ReactNode }) {
  return (
    <DashboardCard title={title}>
      <div className="grid gap-2 sm:flex sm:flex-wrap">{children}</div>
    </DashboardCard>
  );
}

/** What the user should do first on an empty system, with the action that does it. */
export function NextStep({ title, children, action }: { title: string; children: ReactNode; action?: ReactNode }) {
  const headingId = useId();
  return (
    <section
      aria-labelledby={headingId}
      className="flex flex-wrap items-center gap-3 rounded-xl border border-primary/40 bg-primary/5 p-4 sm:p-5"
    >
      <Lightbulb aria-hidden="true" className="size-6 shrink-0 text-primary" />
      <div className="grid min-w-0 flex-1 basis-56 gap-1">
        <h2 id={headingId} className="font-semibold">
          {title}
        </h2>
        <p>{children}</p>
      </div>
      {action}
    </section>
  );
}

/** Placeholder rows while a short list loads. */
export function ListSkeleton({ rows }: { rows: number }) {
  return (
    <div className="grid gap-3">
      <LoadingStatus />
      {Array.from({ length: rows }, (_, row) => (
        <div key={row} className="grid gap-1.5">
          <Skeleton className="h-4 w-3/5" />
          <Skeleton className="h-3 w-4/5" />
        </div>
      ))}
    </div>
  );
}
