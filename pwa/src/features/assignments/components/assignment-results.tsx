import { Link, useNavigate } from '@tanstack/react-router';
import { ArrowLeft, CalendarClock, ChevronDown, ChevronUp, Pencil, Trash2 } from 'lucide-react';
import { Fragment, type ReactNode, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';

import type { Answers } from '@/shared/scoring';
import {
  AlertDialog,
  AlertDialogAction,
  AlertDialogCancel,
  AlertDialogContent,
  AlertDialogDescription,
  AlertDialogFooter,
  AlertDialogTitle,
  AlertDialogTrigger,
} from '@/shared/ui/alert-dialog';
import { Alert } from '@/shared/ui/alert';
import { Badge } from '@/shared/ui/badge';
import { Button } from '@/shared/ui/button';
import { Card, CardContent, CardHeader, CardTitle } from '@/shared/ui/card';

import { useDeleteAssignment } from '../api/delete-assignment';
import { useActivity } from '../api/get-activity';
import { useAnalytics } from '../api/get-analytics';
import { useResults } from '../api/get-results';
import type { ActivityDetail, Assignment, AssignmentActivity, StudentResult } from '../api/types';
import { activityAnswers } from '../lib/answers';
import { activityTitle, formatDateTime, formatDuration } from '../lib/format';
import { CompletionBar } from './completion-bar';
import { ExtensionEditor } from './extension-editor';
import { ItemAnalyticsSection } from './item-analytics';
import { QueryState } from './query-state';

/**
 * Draws one student's answers on an activity (the app passes the players' read-only results mode). `counted` is
 * false for answers kept but never scored, which are drawn without right/wrong marks or a score.
 */
export type RenderActivityAnswers = (input: {
  activity: ActivityDetail;
  answers: Answers;
  studentId: string;
  counted: boolean;
}) => ReactNode;

/** An assignment's settings, every targeted student's result with their answers, and per-item analytics. */
export function AssignmentResults({
  assignmentId,
  renderAnswers,
}: {
  assignmentId: string;
  renderAnswers: RenderActivityAnswers;
}) {
  const { t } = useTranslation('assignments');
  const results = useResults(assignmentId);
  return (
    <div className="grid gap-6">
      <Link
        to="/teacher/assignments"
        className="inline-flex min-h-11 items-center gap-2 self-start rounded-lg text-sm font-medium underline-offset-4 hover:underline focus-visible:outline-none focus-visible:ring-3 focus-visible:ring-ring/60"
      >
        <ArrowLeft aria-hidden="true" className="size-4" />
        {t('results.back')}
      </Link>
      <QueryState query={results}>
        {(data) => <AssignmentView assignment={data.assignment} rows={data.students} renderAnswers={renderAnswers} />}
      </QueryState>
    </div>
  );
}

function AssignmentView({
  assignment,
  rows,
  renderAnswers,
}: {
  assignment: Assignment;
  rows: StudentResult[];
  renderAnswers: RenderActivityAnswers;
}) {
  const { t, i18n } = useTranslation('assignments');
  const analytics = useAnalytics(assignment.id);
  const ordered = [...assignment.activities].sort((a, b) => a.position - b.position);
  const due = formatDateTime(assignment.due_at, i18n.language);

  return (
    <>
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div className="grid gap-1">
          <h1 className="text-2xl font-bold tracking-tight sm:text-3xl">{assignment.name}</h1>
          <p className="text-muted-foreground">{assignment.book_title}</p>
        </div>
        <div className="flex flex-wrap gap-2">
          <Button variant="outline" asChild>
            <Link to="/teacher/assignments/$assignmentId/edit" params={{ assignmentId: assignment.id }}>
              <Pencil aria-hidden="true" />
              {t('results.edit')}
            </Link>
          </Button>
          <DeleteAssignmentButton assignment={assignment} />
        </div>
      </div>
      <Card>
        <CardContent className="grid gap-4">
          {assignment.instructions && <p className="whitespace-pre-line">{assignment.instructions}</p>}
          <dl className="grid gap-x-6 gap-y-2 sm:grid-cols-[max-content_1fr]">
            <dt className="font-medium">{t('results.dueAt')}</dt>
            <dd>{due ?? t('wizard.review.noDueDate')}</dd>
            <dt className="font-medium">{t('results.timeLimit')}</dt>
            <dd>
              {assignment.time_limit_minutes
                ? t('minutes', { count: assignment.time_limit_minutes })
                : t('wizard.review.noTimeLimit')}
            </dd>
            <dt className="font-medium">{t('results.maxAttempts')}</dt>
            <dd>{assignment.max_attempts}</dd>
            <dt className="font-medium">{t('results.showAnswers')}</dt>
            <dd>{assignment.show_answers ? t('yes') : t('no')}</dd>
            <dt className="font-medium">{t('results.activities')}</dt>
            <dd>
              <ol className="list-decimal pl-5">
                {ordered.map((activity) => (
                  <li key={activity.activity_id}>{activityTitle(activity)}</li>
                ))}
              </ol>
            </dd>
          </dl>
        </CardContent>
      </Card>
      <Card>
        <CardHeader>
          <CardTitle>{t('results.studentsTitle')}</CardTitle>
        </CardHeader>
        <CardContent className="grid gap-4">
          <CompletionBar
            done={assignment.stats.submitted}
            total={assignment.stats.targeted}
            label={t('list.completionLabel', { name: assignment.name })}
          />
          <ResultsTable assignment={assignment} rows={rows} activities={ordered} renderAnswers={renderAnswers} />
        </CardContent>
      </Card>
      <ItemAnalyticsSection activities={ordered} analytics={analytics} />
    </>
  );
}

function DeleteAssignmentButton({ assignment }: { assignment: Assignment }) {
  const { t } = useTranslation('assignments');
  const navigate = useNavigate();
  const remove = useDeleteAssignment({ onSuccess: () => void navigate({ to: '/teacher/assignments' }) });
  return (
    <div className="grid gap-2">
      <AlertDialog>
        <AlertDialogTrigger asChild>
          <Button variant="outline" disabled={remove.isPending}>
            <Trash2 aria-hidden="true" />
            {t('results.delete')}
          </Button>
        </AlertDialogTrigger>
        <AlertDialogContent>
          <AlertDialogTitle>{t('results.deleteTitle', { name: assignment.name })}</AlertDialogTitle>
          <AlertDialogDescription>{t('results.deleteBody')}</AlertDialogDescription>
          <AlertDialogFooter>
            <AlertDialogCancel>{t('results.deleteCancel')}</AlertDialogCancel>
            <AlertDialogAction onClick={() => remove.mutate(assignment.id)}>{t('results.deleteConfirm')}</AlertDialogAction>
          </AlertDialogFooter>
        </AlertDialogContent>
      </AlertDialog>
      {remove.isError && <Alert variant="destructive">{t('results.deleteFailed')}</Alert>}
    </div>
  );
}

type Open = { studentId: string; panel: 'answers' | 'extension' } | null;

function ResultsTable({
  assignment,
  rows,
  activities,
  renderAnswers,
}: {
  assignment: Assignment;
  rows: StudentResult[];
  activities: AssignmentActivity[];
  renderAnswers: RenderActivityAnswers;
}) {
  const { t } = useTranslation('assignments');
  const [open, setOpen] = useState<Open>(null);
  const panelBase = useId();
  if (rows.length === 0) return <p>{t('results.noStudents')}</p>;
  const toggle = (studentId: string, panel: 'answers' | 'extension') =>
    setOpen((current) => (current?.studentId === studentId && current.panel === panel ? null : { studentId, panel }));

  return (
    <div className="overflow-x-auto">
      <table className="w-full border-collapse text-left text-sm">
        <caption className="sr-only">{t('results.tableCaption', { name: assignment.name })}</caption>
        <thead>
          <tr className="border-b border-border">
            <th scope="col" className="p-2 font-semibold">
              {t('results.columns.student')}
            </th>
            <th scope="col" className="p-2 font-semibold">
              {t('results.columns.status')}
            </th>
            <th scope="col" className="p-2 font-semibold">
              {t('results.columns.score')}
            </th>
            <th scope="col" className="p-2 font-semibold">
              {t('results.columns.time')}
            </th>
            <th scope="col" className="p-2 font-semibold">
              {t('results.columns.completed')}
            </th>
            <th scope="col" className="p-2 font-semibold">
              {t('results.columns.attempts')}
            </th>
            <th scope="col" className="p-2 font-semibold">
              <span className="sr-only">{t('results.columns.actions')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => {
            const panelId = `${panelBase}-${row.student_id}`;
            const answersOpen = open?.studentId === row.student_id && open.panel === 'answers';
            const extensionOpen = open?.studentId === row.student_id && open.panel === 'extension';
            return (
              <Fragment key={row.student_id}>
                <ResultRow
                  assignment={assignment}
                  row={row}
                  panelId={panelId}
                  answersOpen={answersOpen}
                  extensionOpen={extensionOpen}
                  onToggle={(panel) => toggle(row.student_id, panel)}
                />
                {(answersOpen || extensionOpen) && (
                  <tr className="border-b border-border bg-muted/40">
                    <td colSpan={7} className="p-3" id={panelId}>
                      {answersOpen ? (
                        <StudentAnswers row={row} activities={activities} renderAnswers={renderAnswers} />
                      ) : (
                        <ExtensionEditor assignment={assignment} row={row} onDone={() => setOpen(null)} />
                      )}
                    </td>
                  </tr>
                )}
              </Fragment>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

function ResultRow({
  assignment,
  row,
  panelId,
  answersOpen,
  extensionOpen,
  onToggle,
}: {
  assignment: Assignment;
  row: StudentResult;
  panelId: string;
  answersOpen: boolean;
  extensionOpen: boolean;
  onToggle: (panel: 'answers' | 'extension') => void;
}) {
  const { t, i18n } = useTranslation('assignments');
  const completed = formatDateTime(row.completed_at, i18n.language);
  const started = formatDateTime(row.started_at, i18n.language);
  const extendedDue = formatDateTime(row.due_at_extension, i18n.language);
  const attempt = row.latest_attempt;
  const hasAnswers = Object.keys(attempt?.answers ?? {}).length + Object.keys(attempt?.answers_not_submitted ?? {}).length > 0;
  return (
    <tr className="border-b border-border align-top" data-testid="result-row">
      <th scope="row" className="p-2 font-medium">
        {row.full_name}
        {(extendedDue || row.time_limit_extension_minutes) && (
          <span className="block text-xs font-normal text-muted-foreground">
            {[
              extendedDue && t('results.extendedDue', { date: extendedDue }),
              row.time_limit_extension_minutes && t('results.extendedTime', { count: row.time_limit_extension_minutes }),
            ]
              .filter(Boolean)
              .join(' · ')}
          </span>
        )}
      </th>
      <td className="p-2">
        <span className="flex flex-wrap gap-1">
          <StatusBadge row={row} />
          {row.synced_late && (
            <Badge className="border-amber-600 text-amber-800 dark:text-amber-300" title={t('results.syncedLateHint')}>
              {t('status.syncedLate')}
            </Badge>
          )}
        </span>
      </td>
      <td className="p-2 font-semibold">{row.score === null ? '—' : t('results.score', { score: row.score })}</td>
      <td className="p-2">{row.time_spent_seconds > 0 ? formatDuration(row.time_spent_seconds, t) : '—'}</td>
      <td className="p-2">{completed ?? (started ? t('results.startedAt', { date: started }) : '—')}</td>
      <td className="p-2">{t('results.attemptsOf', { used: row.attempts_used, max: assignment.max_attempts })}</td>
      <td className="p-2">
        <span className="flex flex-wrap justify-end gap-2">
          <Button
            variant="outline"
            size="sm"
            disabled={!hasAnswers}
            aria-expanded={answersOpen}
            aria-controls={answersOpen ? panelId : undefined}
            aria-label={t('results.answersFor', { name: row.full_name })}
            onClick={() => onToggle('answers')}
          >
            {answersOpen ? <ChevronUp aria-hidden="true" /> : <ChevronDown aria-hidden="true" />}
            {t('results.answers')}
          </Button>
          <Button
            variant="outline"
            size="sm"
            aria-expanded={extensionOpen}
            aria-controls={extensionOpen ? panelId : undefined}
            aria-label={t('results.extensionFor', { name: row.full_name })}
            onClick={() => onToggle('extension')}
          >
            <CalendarClock aria-hidden="true" />
            {t('results.extension')}
          </Button>
        </span>
      </td>
    </tr>
  );
}

function StatusBadge({ row }: { row: StudentResult }) {
  const { t } = useTranslation('assignments');
  if (row.past_due && row.status !== 'submitted') {
    return <Badge className="border-destructive/50 text-destructive">{t('status.pastDue')}</Badge>;
  }
  const tone = {
    not_started: 'text-muted-foreground',
    in_progress: 'border-primary/50 text-primary',
    submitted: 'border-emerald-600 text-emerald-800 dark:text-emerald-300',
  }[row.status];
  return <Badge className={tone}>{t(`status.${row.status}`)}</Badge>;
}

function StudentAnswers({
  row,
  activities,
  renderAnswers,
}: {
  row: StudentResult;
  activities: AssignmentActivity[];
  renderAnswers: RenderActivityAnswers;
}) {
  const { t } = useTranslation('assignments');
  return (
    <section aria-label={t('results.answersOf', { name: row.full_name })} className="grid gap-6">
      {activities.map((activity, index) => {
        const id = activity.activity_id;
        const answers = activityAnswers(row.latest_attempt?.answers, id);
        const notCounted = activityAnswers(row.latest_attempt?.answers_not_submitted, id);
        const answeredAt = row.latest_attempt?.answers_not_submitted[id]?.answered_at;
        return (
          <div key={id} className="grid gap-3 rounded-lg border border-border bg-background p-3 sm:p-4">
            <p className="text-sm font-semibold text-muted-foreground">
              {t('results.activityN', { n: index + 1, title: activityTitle(activity) })}
            </p>
            {answers === undefined ? (
              <p>{t('results.noAnswer')}</p>
            ) : (
              <ActivityAnswers
                activityId={id}
                answers={answers}
                studentId={row.student_id}
                counted
                renderAnswers={renderAnswers}
              />
            )}
            {notCounted && (
              <NotCountedAnswers
                activityId={id}
                answers={notCounted}
                answeredAt={answeredAt}
                studentId={row.student_id}
                renderAnswers={renderAnswers}
              />
            )}
          </div>
        );
      })}
    </section>
  );
}

/**
 * Answers the student gave on another device after the submission that counts (PROTOCOL.md "Merging"): kept and
 * shown so nothing the student did is hidden, but clearly apart from the scored answers.
 */
function NotCountedAnswers({
  activityId,
  answers,
  answeredAt,
  studentId,
  renderAnswers,
}: {
  activityId: string;
  answers: Answers;
  answeredAt: string | undefined;
  studentId: string;
  renderAnswers: RenderActivityAnswers;
}) {
  const { t, i18n } = useTranslation('assignments');
  const label = t('results.notCounted');
  const when = formatDateTime(answeredAt, i18n.language);
  return (
    <section
      aria-label={label}
      data-testid="not-counted-answers"
      className="grid gap-2 rounded-lg border border-dashed border-amber-600/60 bg-amber-50/60 p-3 dark:bg-amber-950/20"
    >
      <p className="text-sm font-semibold text-amber-900 dark:text-amber-200">
        {label}
        {when && <span className="block text-xs font-normal">{t('results.notCountedAt', { date: when })}</span>}
      </p>
      <ActivityAnswers
        activityId={activityId}
        answers={answers}
        studentId={studentId}
        counted={false}
        renderAnswers={renderAnswers}
      />
    </section>
  );
}

function ActivityAnswers({
  activityId,
  answers,
  studentId,
  counted,
  renderAnswers,
}: {
  activityId: string;
  answers: Answers;
  studentId: string;
  counted: boolean;
  renderAnswers: RenderActivityAnswers;
}) {
  const activity = useActivity(activityId);
  return (
    <QueryState query={activity}>{(detail) => renderAnswers({ activity: detail, answers, studentId, counted })}</QueryState>
  );
}
