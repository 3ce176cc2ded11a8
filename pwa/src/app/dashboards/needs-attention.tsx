import { Link } from '@tanstack/react-router';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';

import { useAssignments } from '@/features/assignments/api/list-assignments';
import { useNow } from '@/shared/hooks/use-now';
import { EmptyState } from '@/shared/ui/list-controls';

import { ATTENTION_WINDOW_DAYS, needingAttention, relativeTime, type TeacherAssignment } from './attention';
import { DashboardCard, linkClass, ListSkeleton, LoadError, SeeAllLink } from './dashboard-parts';

type AssignmentsQuery = ReturnType<typeof useAssignments>;

/** The assignments due within the week ahead and those past due within the week behind. */
export function NeedsAttention({ query }: { query: AssignmentsQuery }) {
  const { t } = useTranslation('dashboard');
  const now = useNow(60_000);
  return (
    <DashboardCard
      title={t('teacher.attention.title')}
      link={<SeeAllLink to="/teacher/assignments">{t('teacher.attention.all')}</SeeAllLink>}
    >
      {query.isPending ? (
        <ListSkeleton rows={3} />
      ) : query.isError ? (
        <LoadError error={query.error} onRetry={() => void query.refetch()} />
      ) : query.data.length === 0 ? (
        <EmptyState>{t('teacher.attention.empty')}</EmptyState>
      ) : (
        <AttentionGroups {...needingAttention(query.data, now)} now={now} />
      )}
    </DashboardCard>
  );
}

function AttentionGroups({
  dueSoon,
  recentlyDue,
  now,
}: {
  dueSoon: TeacherAssignment[];
  recentlyDue: TeacherAssignment[];
  now: number;
}) {
  const { t } = useTranslation('dashboard');
  const days = ATTENTION_WINDOW_DAYS;
  if (dueSoon.length + recentlyDue.length === 0) {
    return <EmptyState>{t('teacher.attention.nothingDue', { days })}</EmptyState>;
  }
  return (
    <div className="grid gap-5">
      <AttentionGroup title={t('teacher.attention.dueSoon', { days })} items={dueSoon} now={now} />
      <AttentionGroup title={t('teacher.attention.recentlyDue', { days })} items={recentlyDue} now={now} />
    </div>
  );
}

function AttentionGroup({ title, items, now }: { title: string; items: TeacherAssignment[]; now: number }) {
  const headingId = useId();
  if (items.length === 0) return null;
  return (
    <div className="grid gap-1">
      <h3 id={headingId} className="text-sm font-semibold text-muted-foreground">
        {title}
      </h3>
      <ul aria-labelledby={headingId} className="grid divide-y divide-border">
        {items.map((assignment) => (
          <AttentionItem key={assignment.id} assignment={assignment} now={now} />
        ))}
      </ul>
    </div>
  );
}

function AttentionItem({ assignment, now }: { assignment: TeacherAssignment; now: number }) {
  const { t, i18n } = useTranslation('dashboard');
  // needingAttention keeps only assignments with a due date.
  const due = new Date(assignment.due_at ?? '');
  const when = relativeTime(due, now, i18n.language);
  const date = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'short' }).format(due);
  const { submitted, targeted, average_score: average } = assignment.stats;
  return (
    <li className="grid gap-1 py-3 last:pb-0 sm:grid-cols-[minmax(0,1fr)_auto] sm:items-center sm:gap-x-4">
      <div className="grid min-w-0 gap-0.5">
        <Link
          to="/teacher/assignments/$assignmentId"
          params={{ assignmentId: assignment.id }}
          className={`${linkClass} justify-self-start break-words`}
        >
          {assignment.name}
        </Link>
        <span className="text-sm text-muted-foreground">
          <time dateTime={assignment.due_at ?? undefined} title={date}>
            {due.getTime() < now ? t('teacher.attention.wasDue', { when }) : t('teacher.attention.due', { when })}
          </time>
          {` · ${assignment.book_title}`}
        </span>
      </div>
      <span className="flex flex-wrap gap-x-3 text-sm sm:justify-end">
        <span className="font-medium">{t('teacher.attention.submitted', { done: submitted, total: targeted })}</span>
        {average !== null ? (
          <span className="text-muted-foreground">{t('teacher.attention.average', { score: Math.round(average) })}</span>
        ) : null}
      </span>
    </li>
  );
}
