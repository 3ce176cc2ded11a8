import { type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

import { Input } from '@/shared/ui/input';

import type { ActivitySummary, AssignmentActivity } from '../../api/types';
import { activityTitle } from '../../lib/format';
import type { FieldMessages, WizardState } from '../../lib/wizard';
import { Field } from '../field';

// What the steps of an assignment share: their props, choice lists, the filter and how an activity reads.

export type Update = (change: Partial<WizardState>) => void;

export type StepProps = { state: WizardState; update: Update; errors: FieldMessages };

/** An activity as the steps show it: one of the book's, or one the assignment already has. */
export type ActivityLike = Pick<ActivitySummary, 'title' | 'module_name' | 'page_number' | 'activity_type'> & {
  header_text?: string | null;
};

/** The book's activities by id, plus the ones the assignment has that the book no longer lists (archived). */

/** The book's activities by id, plus the ones the assignment has that the book no longer lists (archived). */
export function withKnown(list: readonly ActivitySummary[], known: readonly AssignmentActivity[]): Map<string, ActivityLike> {
  const byId = new Map<string, ActivityLike>(known.map((activity) => [activity.activity_id, activity]));
  for (const activity of list) byId.set(activity.id, activity);
  return byId;
}

export const choiceRowClass =
  'flex min-h-11 cursor-pointer items-center gap-3 rounded-lg border border-border px-3 py-2 hover:bg-accent has-[:checked]:border-primary has-[:checked]:bg-accent';
export const checkClass = 'size-5 shrink-0 accent-[var(--color-primary)]';
export const textareaClass =
  'min-h-24 w-full rounded-lg border border-input bg-background px-3 py-2 text-base outline-none focus-visible:border-ring focus-visible:ring-3 focus-visible:ring-ring/40 aria-invalid:border-destructive';

export function ChoiceList({ label, children, describedBy }: { label: string; children: ReactNode; describedBy?: string }) {
  return (
    <fieldset className="grid gap-2" aria-describedby={describedBy}>
      <legend className="mb-2 font-medium">{label}</legend>
      {children}
    </fieldset>
  );
}

export function FilterInput({ label, value, onChange }: { label: string; value: string; onChange: (value: string) => void }) {
  return (
    <Field label={label}>
      {({ id }) => <Input id={id} type="search" value={value} onChange={(event) => onChange(event.target.value)} />}
    </Field>
  );
}

export const matches = (text: string, filter: string) => text.toLocaleLowerCase().includes(filter.trim().toLocaleLowerCase());

export function ActivityText({ activity }: { activity: ActivityLike }) {
  const { t } = useTranslation('assignments');
  return (
    <span className="grid">
      <span className="font-medium">{activityTitle(activity)}</span>
      <span className="text-sm text-muted-foreground">
        {t('wizard.activities.where', {
          module: activity.module_name,
          page: activity.page_number,
          type: t(`types.${activity.activity_type}`, { defaultValue: activity.activity_type }),
        })}
      </span>
    </span>
  );
}
