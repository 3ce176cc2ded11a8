import { ArrowDown, ArrowLeft, ArrowRight, ArrowUp, Check, X } from 'lucide-react';
import { type ReactNode, useEffect, useId, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';

import { ApiError } from '@/shared/api/api-error';
import { applyApiFieldErrors } from '@/shared/api/form-errors';
import { cn } from '@/shared/lib/cn';
import { Alert } from '@/shared/ui/alert';
import { Button } from '@/shared/ui/button';
import { Card, CardContent } from '@/shared/ui/card';
import { Input } from '@/shared/ui/input';

import { useBookActivities } from '../api/list-book-activities';
import { useBooks } from '../api/list-books';
import { useClasses } from '../api/list-classes';
import { useStudents } from '../api/list-students';
import type { ActivitySummary, AssignmentActivity, Book } from '../api/types';
import { activityTitle, formatDateTime } from '../lib/format';
import {
  type ErrorKey,
  type FieldMessages,
  firstInvalidStep,
  MAX_ATTEMPTS,
  MAX_TIME_LIMIT_MINUTES,
  move,
  parseLocalDateTime,
  STEP_OF_FIELD,
  type StepErrors,
  validateStep,
  WIZARD_FIELD_OF_API_FIELD,
  WIZARD_STEPS,
  type WizardField,
  type WizardState,
  type WizardStep,
} from '../lib/wizard';
import { Field, GroupError } from './field';
import { QueryState } from './query-state';

// The steps of an assignment (book -> activities (ordered) -> students/classes -> options -> review) and the flow
// through them, shared by the wizard that creates an assignment and the editor that changes one.

type Update = (change: Partial<WizardState>) => void;
/** An activity as the steps show it: one of the book's, or one the assignment already has. */
type ActivityLike = Pick<ActivitySummary, 'title' | 'module_name' | 'page_number' | 'activity_type'> & {
  header_text?: string | null;
};

/** The book's activities by id, plus the ones the assignment has that the book no longer lists (archived). */
function withKnown(list: readonly ActivitySummary[], known: readonly AssignmentActivity[]): Map<string, ActivityLike> {
  const byId = new Map<string, ActivityLike>(known.map((activity) => [activity.activity_id, activity]));
  for (const activity of list) byId.set(activity.id, activity);
  return byId;
}

const choiceRowClass =
  'flex min-h-11 cursor-pointer items-center gap-3 rounded-lg border border-border px-3 py-2 hover:bg-accent has-[:checked]:border-primary has-[:checked]:bg-accent';
const checkClass = 'size-5 shrink-0 accent-[var(--color-primary)]';
const textareaClass =
  'min-h-24 w-full rounded-lg border border-input bg-background px-3 py-2 text-base outline-none focus-visible:border-ring focus-visible:ring-3 focus-visible:ring-ring/40 aria-invalid:border-destructive';

export type AssignmentStepsText = {
  title: string;
  submit: string;
  submitting: string;
  /** The server refused the request for a reason that belongs to no field. */
  refused: (message: string) => string;
  /** No answer, or the server failed. */
  failed: string;
};

/**
 * Walks the teacher through the steps from `initial` and sends the result with `onSubmit` (a mutation's
 * `mutateAsync`). The server's field errors are shown next to their fields (on the step of the first one), the rest
 * above the buttons. `keptDueAt` is a due date the assignment already has (accepted even if it has passed);
 * `notes` adds what a step should say besides its fields (the editor's warnings).
 */
export function AssignmentSteps({
  text,
  initial,
  startAt = 'book',
  keptDueAt,
  known = [],
  notes,
  extraActions,
  onSubmit,
}: {
  text: AssignmentStepsText;
  initial: WizardState;
  startAt?: WizardStep;
  keptDueAt?: string;
  known?: readonly AssignmentActivity[];
  notes?: (step: WizardStep, state: WizardState) => ReactNode;
  extraActions?: ReactNode;
  onSubmit: (state: WizardState) => Promise<unknown>;
}) {
  const { t } = useTranslation('assignments');
  const [state, setState] = useState<WizardState>(initial);
  const [stepIndex, setStepIndex] = useState(WIZARD_STEPS.indexOf(startAt));
  const [errors, setErrors] = useState<StepErrors>({});
  const [serverErrors, setServerErrors] = useState<FieldMessages>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const movedRef = useRef(false);
  const step = WIZARD_STEPS[stepIndex]!;

  // Move focus to the new step's heading so keyboard and screen-reader users start there.
  useEffect(() => {
    if (movedRef.current) headingRef.current?.focus();
  }, [stepIndex]);

  const messages: FieldMessages = { ...serverErrors };
  for (const [field, key] of Object.entries(errors) as [WizardField, ErrorKey][]) {
    messages[field] = t(`wizard.errors.${key}`);
  }

  const update: Update = (change) => {
    setState((previous) => ({ ...previous, ...change }));
    if (Object.keys(errors).length > 0) setErrors({});
    if (Object.keys(serverErrors).length > 0) setServerErrors({});
  };

  const goTo = (next: WizardStep) => {
    movedRef.current = true;
    setErrors({});
    setStepIndex(WIZARD_STEPS.indexOf(next));
  };

  const next = () => {
    const found = validateStep(step, state, new Date(), keptDueAt);
    setErrors(found);
    if (Object.keys(found).length === 0) goTo(WIZARD_STEPS[stepIndex + 1]!);
  };

  const showServerError = (error: unknown) => {
    if (!(error instanceof ApiError) || error.status >= 500) {
      setFormError(text.failed);
      return;
    }
    const found: FieldMessages = {};
    const { message } = applyApiFieldErrors(error, Object.keys(WIZARD_FIELD_OF_API_FIELD), (apiField, { message }) => {
      const field = WIZARD_FIELD_OF_API_FIELD[apiField]!;
      found[field] = found[field] ? `${found[field]} ${message}` : message;
    });
    // A conflict (e.g. removing activities students answered) also says why above the buttons.
    const refusal = message ?? (error.status === 409 ? error.message : null);
    setFormError(refusal === null ? null : text.refused(refusal));
    const first = (Object.keys(STEP_OF_FIELD) as WizardField[]).find((field) => found[field] !== undefined);
    if (first !== undefined) goTo(STEP_OF_FIELD[first]);
    setServerErrors(found);
  };

  const submit = async () => {
    const invalid = firstInvalidStep(state, new Date(), keptDueAt);
    if (invalid !== null) {
      goTo(invalid);
      setErrors(validateStep(invalid, state, new Date(), keptDueAt));
      return;
    }
    setFormError(null);
    setServerErrors({});
    setPending(true);
    try {
      await onSubmit(state);
    } catch (error) {
      showServerError(error);
    } finally {
      setPending(false);
    }
  };

  const stepProps = { state, update, errors: messages };
  return (
    <div className="grid gap-6">
      <h1 className="text-2xl font-bold tracking-tight sm:text-3xl">{text.title}</h1>
      <ol aria-label={t('wizard.stepsLabel')} className="flex flex-wrap gap-2">
        {WIZARD_STEPS.map((name, index) => (
          <li
            key={name}
            aria-current={index === stepIndex ? 'step' : undefined}
            className={cn(
              'flex items-center gap-2 rounded-full border border-border px-3 py-1 text-sm',
              index === stepIndex && 'border-primary bg-primary text-primary-foreground',
              index < stepIndex && 'text-foreground',
              index > stepIndex && 'text-muted-foreground',
            )}
          >
            <span aria-hidden="true" className="font-semibold">
              {index < stepIndex ? <Check className="size-4" /> : index + 1}
            </span>
            <span>{t(`wizard.steps.${name}`)}</span>
            {index < stepIndex && <span className="sr-only">{t('wizard.stepDone')}</span>}
          </li>
        ))}
      </ol>
      <Card>
        <CardContent className="grid gap-5">
          <h2 ref={headingRef} tabIndex={-1} className="text-xl font-semibold outline-none">
            {t('wizard.stepHeading', { n: stepIndex + 1, total: WIZARD_STEPS.length, name: t(`wizard.steps.${step}`) })}
          </h2>
          {notes?.(step, state)}
          {step === 'book' && <BookStep {...stepProps} />}
          {step === 'activities' && <ActivitiesStep {...stepProps} known={known} />}
          {step === 'targets' && <TargetsStep {...stepProps} />}
          {step === 'options' && <OptionsStep {...stepProps} />}
          {step === 'review' && <ReviewStep state={state} onEdit={goTo} known={known} />}
          {formError !== null && <Alert variant="destructive">{formError}</Alert>}
        </CardContent>
      </Card>
      <div className="flex flex-wrap justify-between gap-3">
        <Button variant="outline" disabled={stepIndex === 0} onClick={() => goTo(WIZARD_STEPS[stepIndex - 1]!)}>
          <ArrowLeft aria-hidden="true" />
          {t('wizard.back')}
        </Button>
        <div className="flex flex-wrap gap-3">
          {extraActions}
          {step === 'review' ? (
            <Button onClick={() => void submit()} disabled={pending}>
              <Check aria-hidden="true" />
              {pending ? text.submitting : text.submit}
            </Button>
          ) : (
            <Button onClick={next}>
              {t('wizard.next')}
              <ArrowRight aria-hidden="true" />
            </Button>
          )}
        </div>
      </div>
    </div>
  );
}

type StepProps = { state: WizardState; update: Update; errors: FieldMessages };

function ChoiceList({ label, children, describedBy }: { label: string; children: ReactNode; describedBy?: string }) {
  return (
    <fieldset className="grid gap-2" aria-describedby={describedBy}>
      <legend className="mb-2 font-medium">{label}</legend>
      {children}
    </fieldset>
  );
}

function FilterInput({ label, value, onChange }: { label: string; value: string; onChange: (value: string) => void }) {
  return (
    <Field label={label}>
      {({ id }) => <Input id={id} type="search" value={value} onChange={(event) => onChange(event.target.value)} />}
    </Field>
  );
}

const matches = (text: string, filter: string) => text.toLocaleLowerCase().includes(filter.trim().toLocaleLowerCase());

function BookStep({ state, update, errors }: StepProps) {
  const { t } = useTranslation('assignments');
  const books = useBooks();
  const [filter, setFilter] = useState('');
  const errorId = useId();

  const choose = (book: Book) => {
    if (book.id === state.bookId) return;
    // Activities belong to one book; a new book starts the choice again.
    update({ bookId: book.id, activityIds: [], name: state.name.trim() === '' ? book.title : state.name });
  };

  return (
    <QueryState query={books}>
      {(list) =>
        list.length === 0 ? (
          <p>{t('wizard.book.none')}</p>
        ) : (
          <div className="grid gap-4">
            {list.length > 8 && <FilterInput label={t('wizard.book.filter')} value={filter} onChange={setFilter} />}
            <ChoiceList label={t('wizard.book.label')} describedBy={errors.bookId ? errorId : undefined}>
              {list
                .filter((book) => matches(`${book.title} ${book.publisher_name ?? ''}`, filter))
                .map((book) => (
                  <label key={book.id} className={choiceRowClass}>
                    <input
                      type="radio"
                      name="book"
                      className={checkClass}
                      checked={state.bookId === book.id}
                      onChange={() => choose(book)}
                    />
                    <span className="grid">
                      <span className="font-medium">{book.title}</span>
                      {book.publisher_name && <span className="text-sm text-muted-foreground">{book.publisher_name}</span>}
                    </span>
                  </label>
                ))}
            </ChoiceList>
            <GroupError id={errorId} message={errors.bookId} />
          </div>
        )
      }
    </QueryState>
  );
}

function ActivitiesStep({ state, update, errors, known }: StepProps & { known: readonly AssignmentActivity[] }) {
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

function ActivityText({ activity }: { activity: ActivityLike }) {
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

function TargetsStep({ state, update, errors }: StepProps) {
  const { t } = useTranslation('assignments');
  const classes = useClasses();
  const students = useStudents();
  const [filter, setFilter] = useState('');
  const errorId = useId();
  const toggle = (key: 'classIds' | 'studentIds', id: string, checked: boolean) =>
    update({ [key]: checked ? [...state[key], id] : state[key].filter((other) => other !== id) });

  return (
    <div className="grid gap-6">
      <p className="text-muted-foreground">{t('wizard.targets.intro')}</p>
      <QueryState query={classes}>
        {(list) =>
          list.length === 0 ? (
            <p>{t('wizard.targets.noClasses')}</p>
          ) : (
            <ChoiceList label={t('wizard.targets.classes')} describedBy={errors.targets ? errorId : undefined}>
              {list.map((schoolClass) => (
                <label key={schoolClass.id} className={choiceRowClass}>
                  <input
                    type="checkbox"
                    className={checkClass}
                    checked={state.classIds.includes(schoolClass.id)}
                    onChange={(event) => toggle('classIds', schoolClass.id, event.target.checked)}
                  />
                  <span className="grid">
                    <span className="font-medium">{schoolClass.name}</span>
                    <span className="text-sm text-muted-foreground">
                      {t('wizard.targets.studentCount', { count: schoolClass.student_count })}
                    </span>
                  </span>
                </label>
              ))}
            </ChoiceList>
          )
        }
      </QueryState>
      <QueryState query={students}>
        {(list) =>
          list.length === 0 ? (
            <p>{t('wizard.targets.noStudents')}</p>
          ) : (
            <div className="grid gap-3">
              {list.length > 8 && <FilterInput label={t('wizard.targets.filter')} value={filter} onChange={setFilter} />}
              <ChoiceList label={t('wizard.targets.students')} describedBy={errors.targets ? errorId : undefined}>
                <div className="grid gap-2 sm:grid-cols-2">
                  {list
                    .filter((student) => matches(`${student.full_name} ${student.username ?? ''} ${student.email ?? ''}`, filter))
                    .map((student) => (
                      <label key={student.id} className={choiceRowClass}>
                        <input
                          type="checkbox"
                          className={checkClass}
                          checked={state.studentIds.includes(student.id)}
                          onChange={(event) => toggle('studentIds', student.id, event.target.checked)}
                        />
                        <span>{student.full_name}</span>
                      </label>
                    ))}
                </div>
              </ChoiceList>
            </div>
          )
        }
      </QueryState>
      <GroupError id={errorId} message={errors.targets} />
    </div>
  );
}

function OptionsStep({ state, update, errors }: StepProps) {
  const { t } = useTranslation('assignments');
  return (
    <div className="grid gap-5 sm:grid-cols-2">
      <div className="sm:col-span-2">
        <Field label={t('wizard.options.name')} error={errors.name}>
          {({ id, describedBy, invalid }) => (
            <Input
              id={id}
              value={state.name}
              aria-describedby={describedBy}
              aria-invalid={invalid}
              autoComplete="off"
              onChange={(event) => update({ name: event.target.value })}
            />
          )}
        </Field>
      </div>
      <div className="sm:col-span-2">
        <Field label={t('wizard.options.instructions')} hint={t('wizard.options.instructionsHint')} error={errors.instructions}>
          {({ id, describedBy, invalid }) => (
            <textarea
              id={id}
              className={textareaClass}
              value={state.instructions}
              aria-describedby={describedBy}
              aria-invalid={invalid}
              onChange={(event) => update({ instructions: event.target.value })}
            />
          )}
        </Field>
      </div>
      <Field label={t('wizard.options.dueAt')} hint={t('wizard.options.dueAtHint')} error={errors.dueAt}>
        {({ id, describedBy, invalid }) => (
          <Input
            id={id}
            type="datetime-local"
            value={state.dueAt}
            aria-describedby={describedBy}
            aria-invalid={invalid}
            onChange={(event) => update({ dueAt: event.target.value })}
          />
        )}
      </Field>
      <Field
        label={t('wizard.options.timeLimit')}
        hint={t('wizard.options.timeLimitHint', { max: MAX_TIME_LIMIT_MINUTES })}
        error={errors.timeLimit}
      >
        {({ id, describedBy, invalid }) => (
          <Input
            id={id}
            inputMode="numeric"
            value={state.timeLimit}
            aria-describedby={describedBy}
            aria-invalid={invalid}
            onChange={(event) => update({ timeLimit: event.target.value })}
          />
        )}
      </Field>
      <Field
        label={t('wizard.options.maxAttempts')}
        hint={t('wizard.options.maxAttemptsHint', { max: MAX_ATTEMPTS })}
        error={errors.maxAttempts}
      >
        {({ id, describedBy, invalid }) => (
          <Input
            id={id}
            inputMode="numeric"
            value={state.maxAttempts}
            aria-describedby={describedBy}
            aria-invalid={invalid}
            onChange={(event) => update({ maxAttempts: event.target.value })}
          />
        )}
      </Field>
      <label className={cn(choiceRowClass, 'self-end')}>
        <input
          type="checkbox"
          className={checkClass}
          checked={state.showAnswers}
          onChange={(event) => update({ showAnswers: event.target.checked })}
        />
        <span>{t('wizard.options.showAnswers')}</span>
      </label>
    </div>
  );
}

function ReviewStep({
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
