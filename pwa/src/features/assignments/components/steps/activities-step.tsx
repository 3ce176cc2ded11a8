import { ArrowDown, ArrowUp, X } from 'lucide-react';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';

import { Button } from '@/shared/ui/button';

import { useBookActivities } from '../../api/list-book-activities';
import type { ActivitySummary, AssignmentActivity } from '../../api/types';
import { activityTitle } from '../../lib/format';
import { move } from '../../lib/wizard';
import { GroupError } from '../field';
import { QueryState } from '../query-state';
import { ActivityText, checkClass, ChoiceList, choiceRowClass, type StepProps, withKnown } from './step-parts';

/** Step 2: the book's activities to assign, and their order. */
export function ActivitiesStep({ state, update, errors, known }: StepProps & { known: readonly AssignmentActivity[] }) {
  const { t } = useTranslation('assignments');
  const activities = useBookActivities(state.bookId);
  const errorId = useId();
  const [announcement, setAnnouncement] = useState('');

  return (
    <QueryState query={activities}>
      {(list) => {
        const byId = withKnown(list, known);
        const toggle = (activity: ActivitySummary, checked: boolean) =>
          update({
            activityIds: checked
              ? [...state.activityIds, activity.id]
              : state.activityIds.filter((id) => id !== activity.id),
          });
        const reorder = (index: number, offset: -1 | 1) => {
          const nextIds = move(state.activityIds, index, offset);
          update({ activityIds: nextIds });
          const movedId = state.activityIds[index]!;
          const moved = byId.get(movedId);
          if (moved) {
            setAnnouncement(t('wizard.activities.moved', { title: activityTitle(moved), n: nextIds.indexOf(movedId) + 1 }));
          }
        };
        if (list.length === 0) return <p>{t('wizard.activities.none')}</p>;
        return (
          <div className="grid gap-6 lg:grid-cols-2">
            <div className="grid content-start gap-2">
              <ChoiceList label={t('wizard.activities.label')} describedBy={errors.activityIds ? errorId : undefined}>
                {list.map((activity) => (
                  <label key={activity.id} className={choiceRowClass}>
                    <input
                      type="checkbox"
                      className={checkClass}
                      checked={state.activityIds.includes(activity.id)}
                      onChange={(event) => toggle(activity, event.target.checked)}
                    />
                    <ActivityText activity={activity} />
                  </label>
                ))}
              </ChoiceList>
              <GroupError id={errorId} message={errors.activityIds} />
            </div>
            <section aria-labelledby={`${errorId}-order`} className="grid content-start gap-2">
              <h3 id={`${errorId}-order`} className="font-medium">
                {t('wizard.activities.order', { count: state.activityIds.length })}
              </h3>
              {state.activityIds.length === 0 ? (
                <p className="text-sm text-muted-foreground">{t('wizard.activities.orderEmpty')}</p>
              ) : (
                <ol className="grid gap-2">
                  {state.activityIds.map((id, index) => {
                    const activity = byId.get(id);
                    const title = activity ? activityTitle(activity) : id;
                    return (
                      <li key={id} className="flex items-center gap-2 rounded-lg border border-border p-2">
                        <span className="w-6 text-center font-semibold" aria-hidden="true">
                          {index + 1}
                        </span>
                        <span className="min-w-0 flex-1">{activity ? <ActivityText activity={activity} /> : id}</span>
                        <Button
                          variant="ghost"
                          size="icon"
                          disabled={index === 0}
                          aria-label={t('wizard.activities.moveUp', { title })}
                          onClick={() => reorder(index, -1)}
                        >
                          <ArrowUp aria-hidden="true" />
                        </Button>
                        <Button
                          variant="ghost"
                          size="icon"
                          disabled={index === state.activityIds.length - 1}
                          aria-label={t('wizard.activities.moveDown', { title })}
                          onClick={() => reorder(index, 1)}
                        >
                          <ArrowDown aria-hidden="true" />
                        </Button>
                        <Button
                          variant="ghost"
                          size="icon"
                          aria-label={t('wizard.activities.remove', { title })}
                          onClick={() => update({ activityIds: state.activityIds.filter((other) => other !== id) })}
                        >
                          <X aria-hidden="true" />
                        </Button>
                      </li>
                    );
                  })}
                </ol>
              )}
              <div aria-live="polite" className="sr-only">
                {announcement}
              </div>
            </section>
          </div>
        );
      }}
    </QueryState>
  );
}
