import { useTranslation } from 'react-i18next';

import { cn } from '@/shared/lib/cn';
import { Input } from '@/shared/ui/input';

import { MAX_ATTEMPTS, MAX_TIME_LIMIT_MINUTES } from '../../lib/wizard';
import { Field } from '../field';
import { checkClass, choiceRowClass, type StepProps, textareaClass } from './step-parts';

/** Step 4: name, instructions, due date, time limit, attempts and whether students see the answers. */
export function OptionsStep({ state, update, errors }: StepProps) {
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
