import { useState } from 'react';
import { useTranslation } from 'react-i18next';

import { ApiError } from '@/shared/api/api-error';
import { Alert } from '@/shared/ui/alert';
import { Button } from '@/shared/ui/button';
import { Input } from '@/shared/ui/input';

import { useSetExtension } from '../api/set-extension';
import type { Assignment, ExtensionInput, StudentResult } from '../api/types';
import { validateExtension } from '../lib/extension';
import { toLocalDateTimeValue } from '../lib/wizard';
import { Field } from './field';

/** A student's own due date and time limit (more time for those who need it, WCAG 2.2.1). */
export function ExtensionEditor({
  assignment,
  row,
  onDone,
}: {
  assignment: Assignment;
  row: StudentResult;
  onDone: () => void;
}) {
  const { t } = useTranslation('assignments');
  const [dueAt, setDueAt] = useState(() => {
    return row.due_at ? toLocalDateTimeValue(new Date(row.due_at)) : '';
  });
  const [timeLimit, setTimeLimit] = useState(() => String(row.time_limit_minutes ?? ''));
  const [errors, setErrors] = useState<ReturnType<typeof validateExtension>['errors']>({});
  const save = useSetExtension(assignment.id, { onSuccess: onDone });
  const hasExtension = row.due_at_extension !== null || row.time_limit_extension_minutes !== null;

  const submit = (body: ExtensionInput) => save.mutate({ assignmentId: assignment.id, studentId: row.student_id, body });

  return (
    <form
      noValidate
      aria-label={t('extension.title', { name: row.full_name })}
      className="grid gap-4"
      onSubmit={(event) => {
        event.preventDefault();
        const result = validateExtension({ dueAt, timeLimit });
        setErrors(result.errors);
        if (result.body) submit(result.body);
      }}
    >
      <h3 className="font-semibold">{t('extension.title', { name: row.full_name })}</h3>
      <p className="text-sm text-muted-foreground">{t('extension.intro')}</p>
      <div className="grid gap-4 sm:grid-cols-2">
        <Field
          label={t('extension.dueAt')}
          error={errors.dueAt ? t(`extension.errors.${errors.dueAt}`) : undefined}
        >
          {({ id, describedBy, invalid }) => (
            <Input
              id={id}
              type="datetime-local"
              value={dueAt}
              aria-describedby={describedBy}
              aria-invalid={invalid}
              onChange={(event) => setDueAt(event.target.value)}
            />
          )}
        </Field>
        <Field
          label={t('extension.timeLimit')}
          error={errors.timeLimit ? t(`extension.errors.${errors.timeLimit}`) : undefined}
        >
          {({ id, describedBy, invalid }) => (
            <Input
              id={id}
              inputMode="numeric"
              value={timeLimit}
              aria-describedby={describedBy}
              aria-invalid={invalid}
              onChange={(event) => setTimeLimit(event.target.value)}
            />
          )}
        </Field>
      </div>
      {save.isError && (
        <Alert variant="destructive">
          {save.error instanceof ApiError && save.error.status < 500
            ? t('extension.refused', { message: save.error.message })
            : t('extension.failed')}
        </Alert>
      )}
      <div className="flex flex-wrap gap-2">
        <Button type="submit" disabled={save.isPending}>
          {t('extension.save')}
        </Button>
        {hasExtension && (
          <Button
            type="button"
            variant="outline"
            disabled={save.isPending}
            onClick={() => submit({ due_at: null, time_limit_minutes: null })}
          >
            {t('extension.remove')}
          </Button>
        )}
        <Button type="button" variant="ghost" onClick={onDone}>
          {t('extension.cancel')}
        </Button>
      </div>
    </form>
  );
}
