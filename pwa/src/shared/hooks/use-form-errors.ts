import { useState } from 'react';
import type { FieldErrors, FieldValues, Path, UseFormSetError } from 'react-hook-form';
import { useTranslation } from 'react-i18next';

import { applyApiFieldErrors } from '@/shared/api/form-errors';

/**
 * The messages of a react-hook-form form: zod messages are translation keys of `namespace`, server
 * messages are shown as sent, and a failure that belongs to no field becomes one form message.
 */
export function useFormErrors<Values extends FieldValues>(
  namespace: 'orgs',
  errors: FieldErrors<Values>,
  setError: UseFormSetError<Values>,
  fields: readonly Path<Values>[],
) {
  const { t } = useTranslation([namespace, 'ui']);
  const [formError, setFormError] = useState<string | null>(null);

  const fieldError = (name: Path<Values>): string | undefined => {
    const error = errors[name];
    const message = error?.message;
    if (typeof message !== 'string' || message === '') return undefined;
    return error?.type === 'server' ? message : (t as (key: string) => string)(`${namespace}:${message}`);
  };

  const onServerError = (error: unknown) => {
    const { message, network } = applyApiFieldErrors(error, fields, (field, value) => setError(field, value));
    setFormError(network ? t('ui:networkError') : message);
  };

  return { fieldError, formError, setFormError, onServerError };
}
