import { Link } from '@tanstack/react-router';
import { ArrowLeft, Pencil } from 'lucide-react';
import { useTranslation } from 'react-i18next';

import { Button } from '@/shared/ui/button';
import { Card, CardContent, CardHeader, CardTitle } from '@/shared/ui/card';

import { useAnalytics } from '../api/get-analytics';
import { useResults } from '../api/get-results';
import type { Assignment, StudentResult } from '../api/types';
import { activityTitle, formatDateTime } from '../lib/format';
import { CompletionBar } from './completion-bar';
import { DeleteAssignmentButton } from './delete-assignment-button';
import { ItemAnalyticsSection } from './item-analytics';
import { QueryState } from './query-state';
import { ResultsTable } from './results-table';
import type { RenderActivityAnswers } from './student-answers';

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
