import type { UseQueryResult } from '@tanstack/react-query';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';

import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/shared/ui/card';

import type { ActivityAnalytics, AssignmentActivity, AssignmentAnalytics, WrongAnswer } from '../api/types';
import { activityTitle } from '../lib/format';
import { QueryState } from './query-state';

type ActivityType = ActivityAnalytics['activity_type'];

/** One wrong answer and how many gave it. A null answer is an item left blank (or a whole activity left blank),
 * in a word search a word not found. A selection item is a question, answered by the 0-based position in it of the
 * option picked, or in free multi-select an option, answered "selected" / "not selected"; other types give the text. */
function wrongAnswerText(t: TFunction<'assignments'>, wrong: WrongAnswer, activityType: ActivityType): string {
  const { answer, count } = wrong;
  if (answer === null || answer === undefined || answer === '') {
    return t(activityType === 'puzzleFindWords' ? 'analytics.notFound' : 'analytics.noAnswer', { count });
  }
  const selection = activityType === 'circle' || activityType === 'markwithx';
  let text = typeof answer === 'string' ? answer : JSON.stringify(answer);
  if (selection && answer === 'selected') text = t('analytics.picked');
  if (selection && answer === 'not selected') text = t('analytics.notPicked');
  if (selection && typeof answer === 'number') text = t('analytics.option', { n: answer + 1 });
  return t('analytics.wrongAnswer', { answer: text, count });
}

/** Per item: how many students got it right, and the wrong answers they gave most often. */
export function ItemAnalyticsSection({
  activities,
  analytics,
}: {
  activities: AssignmentActivity[];
  analytics: UseQueryResult<AssignmentAnalytics>;
}) {
  const { t } = useTranslation('assignments');
  return (
    <Card>
      <CardHeader>
        <CardTitle>{t('analytics.title')}</CardTitle>
        <CardDescription>{t('analytics.intro')}</CardDescription>
      </CardHeader>
      <CardContent>
        <QueryState query={analytics}>
          {(data) => {
            const byId = new Map(data.activities.map((activity) => [activity.activity_id, activity]));
            return (
              <div className="grid gap-6">
                {activities.map((activity, index) => (
                  <ActivityItems
                    key={activity.activity_id}
                    heading={t('results.activityN', { n: index + 1, title: activityTitle(activity) })}
                    analytics={byId.get(activity.activity_id)}
                  />
                ))}
              </div>
            );
          }}
        </QueryState>
      </CardContent>
    </Card>
  );
}

function ActivityItems({ heading, analytics }: { heading: string; analytics: ActivityAnalytics | undefined }) {
  const { t } = useTranslation('assignments');
  return (
    <section className="grid gap-3">
      <h3 className="font-semibold">{heading}</h3>
      {analytics === undefined || analytics.attempts === 0 ? (
        <p className="text-sm text-muted-foreground">{t('analytics.noSubmissions')}</p>
      ) : (
        <>
          <p className="text-sm text-muted-foreground">
            {t('analytics.summary', {
              count: analytics.attempts,
              average: analytics.average_score ?? 0,
            })}
          </p>
          {analytics.items.length === 0 ? (
            // Only an activity that cannot be scored has no items (a blank one lists its items as wrong).
            <p className="text-sm text-muted-foreground">{t('analytics.noItems')}</p>
          ) : (
            <ItemsTable heading={heading} analytics={analytics} />
          )}
        </>
      )}
    </section>
  );
}

function ItemsTable({ heading, analytics }: { heading: string; analytics: ActivityAnalytics }) {
  const { t } = useTranslation('assignments');
  return (
    <div className="overflow-x-auto">
      <table className="w-full border-collapse text-left text-sm">
        <caption className="sr-only">{t('analytics.caption', { activity: heading })}</caption>
        <thead>
          <tr className="border-b border-border">
            <th scope="col" className="p-2 font-semibold">
              {t('analytics.columns.item')}
            </th>
            <th scope="col" className="w-1/3 p-2 font-semibold">
              {t('analytics.columns.correct')}
            </th>
            <th scope="col" className="p-2 font-semibold">
              {t('analytics.columns.wrong')}
            </th>
          </tr>
        </thead>
        <tbody>
          {analytics.items.map((item) => {
            const rate = Math.round(item.correct_rate * 100);
            return (
              <tr key={item.index} className="border-b border-border align-top" data-testid="analytics-item">
                <th scope="row" className="p-2 font-medium">
                  {t('analytics.item', { n: item.index + 1 })}
                </th>
                <td className="p-2">
                  <div className="grid gap-1">
                    <div aria-hidden="true" className="h-2 w-full overflow-hidden rounded-full bg-muted">
                      <div
                        className={rate >= 50 ? 'h-full bg-emerald-600' : 'h-full bg-destructive'}
                        style={{ width: `${rate}%` }}
                      />
                    </div>
                    <span>
                      {t('analytics.correctRate', {
                        rate,
                        correct: item.correct,
                        answered: item.answered,
                      })}
                    </span>
                  </div>
                </td>
                <td className="p-2">
                  <WrongAnswers answers={item.common_wrong_answers} activityType={analytics.activity_type} />
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

function WrongAnswers({ answers, activityType }: { answers: WrongAnswer[]; activityType: ActivityType }) {
  const { t } = useTranslation('assignments');
  if (answers.length === 0) return <span className="text-muted-foreground">{t('analytics.noWrong')}</span>;
  return (
    <ul className="grid gap-1">
      {answers.map((wrong) => {
        const text = wrongAnswerText(t, wrong, activityType);
        return <li key={text}>{text}</li>;
      })}
    </ul>
  );
}
