import type { UseQueryResult } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';

import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/shared/ui/card';

import type { ActivityAnalytics, AssignmentActivity, AssignmentAnalytics, WrongAnswer } from '../api/types';
import { activityTitle } from '../lib/format';
import { QueryState } from './query-state';

type AnswerLabels = { empty: string; picked: string; notPicked: string };

/** The server reports a selection item's answer as "selected" / "not selected"; other types give the text. */
function answerText(answer: unknown, selection: boolean, labels: AnswerLabels): string {
  if (answer === null || answer === undefined || answer === '') return labels.empty;
  if (selection && answer === 'selected') return labels.picked;
  if (selection && answer === 'not selected') return labels.notPicked;
  return typeof answer === 'string' ? answer : JSON.stringify(answer);
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
                        <WrongAnswers
                          answers={item.common_wrong_answers}
                          selection={analytics.activity_type === 'circle' || analytics.activity_type === 'markwithx'}
                        />
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        </>
      )}
    </section>
  );
}

function WrongAnswers({ answers, selection }: { answers: WrongAnswer[]; selection: boolean }) {
  const { t } = useTranslation('assignments');
  const labels = { empty: t('analytics.emptyAnswer'), picked: t('analytics.picked'), notPicked: t('analytics.notPicked') };
  if (answers.length === 0) return <span className="text-muted-foreground">{t('analytics.noWrong')}</span>;
  return (
    <ul className="grid gap-1">
      {answers.map((wrong) => {
        const text = answerText(wrong.answer, selection, labels);
        return <li key={text}>{t('analytics.wrongAnswer', { answer: text, count: wrong.count })}</li>;
      })}
    </ul>
  );
}
