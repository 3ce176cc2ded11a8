import { type ReactNode, useMemo } from 'react';
import { useTranslation } from 'react-i18next';

import { Button } from '@/shared/ui/button';

import { useBookActivities } from '../../api/list-book-activities';
import { useBooks } from '../../api/list-books';
import { useClasses } from '../../api/list-classes';
import { useStudents } from '../../api/list-students';
import type { AssignmentActivity } from '../../api/types';
import { activityTitle, formatDateTime } from '../../lib/format';
import { parseLocalDateTime, type WizardState, type WizardStep } from '../../lib/wizard';
import { withKnown } from './step-parts';

/** Step 5: everything chosen, each with a way back to its step. */
export function ReviewStep({
  state,
  onEdit,
  known,
}: {
  state: WizardState;
  onEdit: (step: WizardStep) => void;
  known: readonly AssignmentActivity[];
}) {
  const { t, i18n } = useTranslation('assignments');
  const books = useBooks();
  const activities = useBookActivities(state.bookId);
  const classes = useClasses();
  const students = useStudents();
  const book = books.data?.find((candidate) => candidate.id === state.bookId);
  const activityById = useMemo(() => withKnown(activities.data ?? [], known), [activities.data, known]);
  const classNames = (classes.data ?? []).filter((c) => state.classIds.includes(c.id)).map((c) => c.name);
  const studentNames = (students.data ?? []).filter((s) => state.studentIds.includes(s.id)).map((s) => s.full_name);
  const dueAt = parseLocalDateTime(state.dueAt);

  const rows: { label: string; value: ReactNode; step: WizardStep }[] = [
    { label: t('wizard.review.name'), value: state.name.trim(), step: 'options' },
    { label: t('wizard.review.book'), value: book?.title ?? '', step: 'book' },
    {
      label: t('wizard.review.activities'),
      value: (
        <ol className="list-decimal pl-5">
          {state.activityIds.map((id) => {
            const activity = activityById.get(id);
            return <li key={id}>{activity ? activityTitle(activity) : id}</li>;
          })}
        </ol>
      ),
      step: 'activities',
    },
    {
      label: t('wizard.review.targets'),
      value: [...classNames, ...studentNames].join(', '),
      step: 'targets',
    },
    {
      label: t('wizard.review.dueAt'),
      value: dueAt ? formatDateTime(dueAt.toISOString(), i18n.language) : t('wizard.review.noDueDate'),
      step: 'options',
    },
    {
      label: t('wizard.review.timeLimit'),
      value: state.timeLimit.trim() ? t('minutes', { count: Number(state.timeLimit) }) : t('wizard.review.noTimeLimit'),
      step: 'options',
    },
    { label: t('wizard.review.maxAttempts'), value: state.maxAttempts, step: 'options' },
    {
      label: t('wizard.review.showAnswers'),
      value: state.showAnswers ? t('yes') : t('no'),
      step: 'options',
    },
  ];
  if (state.instructions.trim()) {
    rows.splice(1, 0, { label: t('wizard.review.instructions'), value: state.instructions.trim(), step: 'options' });
  }

  return (
    <dl className="grid gap-3 sm:grid-cols-[max-content_1fr_max-content] sm:items-start sm:gap-x-6">
      {rows.map((row) => (
        <div key={row.label} className="contents">
          <dt className="font-medium">{row.label}</dt>
          <dd className="whitespace-pre-line">{row.value}</dd>
          <dd className="max-sm:mb-2">
            <Button variant="ghost" size="sm" onClick={() => onEdit(row.step)} aria-label={t('wizard.review.edit', { what: row.label })}>
              {t('wizard.review.change')}
            </Button>
          </dd>
        </div>
      ))}
    </dl>
  );
}
