import { type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

import type { Answers } from '@/shared/scoring';

import { useActivity } from '../api/get-activity';
import type { ActivityDetail, AssignmentActivity, StudentResult } from '../api/types';
import { activityAnswers } from '../lib/answers';
import { activityTitle, formatDateTime } from '../lib/format';
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

/** One student's answers on each activity of the assignment, and any answers kept but not counted. */
export function StudentAnswers({
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
