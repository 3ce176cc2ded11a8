import { Link } from '@tanstack/react-router';
import { CircleAlert, Clock, Timer } from 'lucide-react';
import { useTranslation } from 'react-i18next';

import type { AssignmentRow } from '@/shared/db/db';
import { useSession } from '@/shared/session/session';
import type { AttemptState } from '@/shared/sync/types';
import type { AssignmentPayload } from '@/shared/sync-engine';
import { Badge } from '@/shared/ui/badge';
import { Button } from '@/shared/ui/button';
import { Card, CardContent, CardHeader, CardTitle } from '@/shared/ui/card';

import { useMyAssignments, type ServerStudentAssignment } from '../api/list-my-assignments';
import { countdownParts, sortViews, viewOf, type AssignmentView } from '../lib/assignment-view';
import { useLocalAssignments, useLocalAttempts, usePendingAttemptIds } from '../lib/local-data';
import { useNow } from '@/shared/hooks/use-now';
import { OfflineButton } from './offline-button';

function serverOnlyPayload(item: ServerStudentAssignment): AssignmentPayload {
  return {
    id: item.id,
    book_id: item.book_id,
    name: item.name,
    due_at: item.due_at,
    time_limit_minutes: item.time_limit_minutes,
    max_attempts: item.max_attempts,
    show_answers: item.show_answers,
    activities: Array.from({ length: item.activity_count }, (_, position) => ({
      activity_id: `${item.id}-${position}`,
      position,
      type: '',
      config: {},
    })),
    assets: [],
  };
}

/** The student's assignments: to do (due soon with a countdown, past due), then done with the score. */
export function StudentAssignmentsDashboard() {
  const { t } = useTranslation('student');
  const session = useSession();
  const userId = session.status === 'signed-in' ? session.me.id : '';
  const name = session.status === 'signed-in' ? session.me.full_name : '';
  const rows = useLocalAssignments(userId);
  const attempts = useLocalAttempts(userId);
  const pending = usePendingAttemptIds(userId);
  const server = useMyAssignments();
  const now = useNow(30_000);

  if (rows === undefined || attempts === undefined) return <p>{t('loading')}</p>;

  const attemptsBy = new Map<string, AttemptState[]>();
  for (const row of attempts) attemptsBy.set(row.assignmentId, [...(attemptsBy.get(row.assignmentId) ?? []), row.state]);
  for (const list of attemptsBy.values()) list.sort((a, b) => a.attempt_number - b.attempt_number);
  const serverBy = new Map((server.data ?? []).map((item) => [item.id, item]));
  const rowsBy = new Map(rows.map((row) => [(row.payload as AssignmentPayload).id, row]));
  const payloads = [
    ...rows.map((row) => row.payload as AssignmentPayload),
    ...(server.data ?? []).filter((item) => !rowsBy.has(item.id)).map(serverOnlyPayload),
  ];
  const views = sortViews(
    payloads.map((payload) => viewOf(payload, attemptsBy.get(payload.id) ?? [], serverBy.get(payload.id), now, pending)),
  );
  const todo = views.filter((view) => view.group === 'todo');
  const done = views.filter((view) => view.group === 'done');

  return (
    <div className="grid gap-6">
      <header className="grid gap-1">
        <p className="text-sm text-muted-foreground">{t('dashboard.greeting', { name })}</p>
        <h1 className="text-2xl font-bold tracking-tight sm:text-3xl">{t('dashboard.title')}</h1>
      </header>
      <Card>
        <CardHeader>
          <CardTitle>{t('dashboard.todo', { count: todo.length })}</CardTitle>
        </CardHeader>
        <CardContent>
          {todo.length === 0 ? (
            <p className="text-muted-foreground">{t('dashboard.nothingToDo')}</p>
          ) : (
            <ul className="grid gap-3" aria-label={t('dashboard.todo', { count: todo.length })}>
              {todo.map((view) => (
                <AssignmentItem key={view.id} view={view} now={now} userId={userId} row={rowsBy.get(view.id)} />
              ))}
            </ul>
          )}
        </CardContent>
      </Card>
      <Card>
        <CardHeader>
          <CardTitle>{t('dashboard.done', { count: done.length })}</CardTitle>
        </CardHeader>
        <CardContent>
          {done.length === 0 ? (
            <p className="text-muted-foreground">{t('dashboard.nothingDone')}</p>
          ) : (
            <ul className="grid gap-3" aria-label={t('dashboard.done', { count: done.length })}>
              {done.map((view) => (
                <AssignmentItem key={view.id} view={view} now={now} userId={userId} row={rowsBy.get(view.id)} />
              ))}
            </ul>
          )}
        </CardContent>
      </Card>
    </div>
  );
}

function Countdown({ until, now }: { until: number; now: number }) {
  const { t } = useTranslation('student');
  const { days, hours, minutes } = countdownParts(until - now);
  const text = days > 0 ? t('due.inDays', { days, hours }) : hours > 0 ? t('due.inHours', { hours, minutes }) : t('due.inMinutes', { minutes: Math.max(1, minutes) });
  return (
    <Badge className="border-amber-300 bg-amber-50 text-amber-900">
      <Clock aria-hidden="true" className="size-3.5" />
      {text}
    </Badge>
  );
}

function AssignmentItem({ view, now, userId, row }: { view: AssignmentView; now: number; userId: string; row: AssignmentRow | undefined }) {
  const { t } = useTranslation('student');
  const dueText = view.dueAt === null ? t('due.none') : t('due.at', { date: new Date(view.dueAt).toLocaleString([], { dateStyle: 'medium', timeStyle: 'short' }) });
  return (
    <li className="flex flex-wrap items-center gap-3 rounded-lg border border-border p-4" data-testid="student-assignment" data-assignment-id={view.id}>
      <div className="grid min-w-0 flex-1 gap-1">
        <h3 className="font-semibold">{view.name}</h3>
        <p className="text-sm text-muted-foreground">
          {t('dashboard.activities', { count: view.activityCount })} · {dueText}
        </p>
        <div className="flex flex-wrap gap-2">
          {view.pastDue && (
            <Badge className="border-red-300 bg-red-50 text-red-900">
              <CircleAlert aria-hidden="true" className="size-3.5" />
              {t('due.pastDue')}
            </Badge>
          )}
          {view.dueSoon && view.dueAt !== null && <Countdown until={view.dueAt} now={now} />}
          {view.inProgress && <Badge>{t('dashboard.inProgress')}</Badge>}
          {view.timeLimitMinutes !== null && view.group === 'todo' && (
            <Badge>
              <Timer aria-hidden="true" className="size-3.5" />
              {t('dashboard.timeLimit', { minutes: view.timeLimitMinutes })}
            </Badge>
          )}
          {view.group === 'done' && (
            <Badge className="border-emerald-300 bg-emerald-50 text-emerald-900" data-testid="score">
              {view.score === null
                ? view.waitingToSync
                  ? t('dashboard.waitingToSync')
                  : t('dashboard.beingMarked')
                : t('dashboard.score', { score: view.score })}
            </Badge>
          )}
        </div>
      </div>
      <div className="flex flex-wrap items-center gap-3">
        {row !== undefined && view.group === 'todo' && <OfflineButton userId={userId} row={row} />}
        {view.group === 'todo' ? (
          <Button asChild>
            <Link to="/student/assignments/$assignmentId" params={{ assignmentId: view.id }}>
              {view.inProgress ? t('dashboard.continue') : t('dashboard.start')}
            </Link>
          </Button>
        ) : (
          <Button asChild variant="outline">
            <Link to="/student/assignments/$assignmentId/results" params={{ assignmentId: view.id }}>
              {t('dashboard.results')}
            </Link>
          </Button>
        )}
      </div>
    </li>
  );
}
