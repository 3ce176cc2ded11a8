import { Link } from '@tanstack/react-router';
import { Plus } from 'lucide-react';
import { useTranslation } from 'react-i18next';

import { useNow } from '@/shared/hooks/use-now';
import { Badge } from '@/shared/ui/badge';
import { Button } from '@/shared/ui/button';
import { Card, CardContent } from '@/shared/ui/card';

import { useAssignments } from '../api/list-assignments';
import type { Assignment } from '../api/types';
import { formatDateTime } from '../lib/format';
import { CompletionBar } from './completion-bar';
import { QueryState } from './query-state';

/** The teacher's assignments, newest first, each with how many students have finished it. */
export function AssignmentList() {
  const { t } = useTranslation('assignments');
  const assignments = useAssignments();
  // "Past due" turns on while the list is open.
  const now = useNow(60_000);
  return (
    <div className="grid gap-6">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-2xl font-bold tracking-tight sm:text-3xl">{t('list.title')}</h1>
        <Button asChild>
          <Link to="/teacher/assignments/new">
            <Plus aria-hidden="true" />
            {t('list.new')}
          </Link>
        </Button>
      </div>
      <QueryState query={assignments}>
        {(list) =>
          list.length === 0 ? (
            <Card>
              <CardContent>
                <p>{t('list.empty')}</p>
              </CardContent>
            </Card>
          ) : (
            <ul className="grid gap-3" aria-label={t('list.title')}>
              {list.map((assignment) => (
                  <li key={assignment.id}>
                    <AssignmentCard assignment={assignment} now={now} />
                  </li>
                ))}
            </ul>
          )
        }
      </QueryState>
    </div>
  );
}

function AssignmentCard({ assignment, now }: { assignment: Assignment; now: number }) {
  const { t, i18n } = useTranslation('assignments');
  const due = formatDateTime(assignment.due_at, i18n.language);
  const pastDue = assignment.due_at !== null && new Date(assignment.due_at).getTime() < now;
  const total = assignment.stats.targeted;
  const done = assignment.stats.submitted;
  return (
    <Card>
      <CardContent className="grid gap-3 sm:grid-cols-[1fr_minmax(12rem,18rem)] sm:items-center sm:gap-6">
        <div className="grid gap-1">
          <h2 className="text-lg font-semibold">
            <Link
              to="/teacher/assignments/$assignmentId"
              params={{ assignmentId: assignment.id }}
              className="rounded underline-offset-4 hover:underline focus-visible:outline-none focus-visible:ring-3 focus-visible:ring-ring/60"
            >
              {assignment.name}
            </Link>
          </h2>
          <p className="flex flex-wrap items-center gap-2 text-sm text-muted-foreground">
            <span>{assignment.book_title}</span>
            <span>{t('list.activities', { count: assignment.activities.length })}</span>
            <span>{due ? t('list.due', { date: due }) : t('list.noDueDate')}</span>
            {pastDue && <Badge className="border-destructive/50 text-destructive">{t('status.pastDue')}</Badge>}
          </p>
        </div>
        <CompletionBar done={done} total={total} label={t('list.completionLabel', { name: assignment.name })} />
      </CardContent>
    </Card>
  );
}
