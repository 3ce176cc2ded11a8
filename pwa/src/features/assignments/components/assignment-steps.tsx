import { ArrowLeft, ArrowRight, Check } from 'lucide-react';
import { type ReactNode, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';

import { ApiError } from '@/shared/api/api-error';
import { applyApiFieldErrors } from '@/shared/api/form-errors';
import { cn } from '@/shared/lib/cn';
import { Alert } from '@/shared/ui/alert';
import { Button } from '@/shared/ui/button';
import { Card, CardContent } from '@/shared/ui/card';

import type { AssignmentActivity } from '../api/types';
import {
  type ErrorKey,
  type FieldMessages,
  firstInvalidStep,
  STEP_OF_FIELD,
  type StepErrors,
  validateStep,
  WIZARD_FIELD_OF_API_FIELD,
  WIZARD_STEPS,
  type WizardField,
  type WizardState,
  type WizardStep,
} from '../lib/wizard';
import { ActivitiesStep } from './steps/activities-step';
import { BookStep } from './steps/book-step';
import { OptionsStep } from './steps/options-step';
import { ReviewStep } from './steps/review-step';
import type { Update } from './steps/step-parts';
import { TargetsStep } from './steps/targets-step';

// The steps of an assignment (book -> activities (ordered) -> students/classes -> options -> review, one file
// each in steps/) and the flow through them, shared by the wizard that creates an assignment and the editor that
// changes one.

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
