import { type ComponentProps, useId, useState } from 'react';
import { type RegisterOptions, useForm, type UseFormSetError } from 'react-hook-form';
import { useTranslation } from 'react-i18next';

import { ApiError } from '@/shared/api/api-error';
import type { Me } from '@/shared/api/types';
import { Alert } from '@/shared/ui/alert';
import { Button } from '@/shared/ui/button';
import { Input } from '@/shared/ui/input';
import { Label } from '@/shared/ui/label';

import { useLogin } from '../api/login';

type LoginValues = { login: string; password: string };
// Messages are translation keys of the `auth` namespace, resolved when shown. The rules are react-hook-form's
// own (not a zod schema) so the login route's first JavaScript stays small.
const LOGIN_RULES = {
  login: {
    setValueAs: (value: string) => value.trim(),
    required: 'login.errors.loginRequired',
    maxLength: { value: 255, message: 'login.errors.loginTooLong' },
  },
  password: {
    required: 'login.errors.passwordRequired',
    maxLength: { value: 128, message: 'login.errors.passwordTooLong' },
  },
} satisfies { [K in keyof LoginValues]: RegisterOptions<LoginValues, K> };
type FieldName = keyof LoginValues;

type FormErrorMessage = { key: string; count?: number };

/**
 * Chooses what to tell the user about a failed sign-in. Problems with one field go next to that field
 * (and null is returned); everything else becomes one message above the form.
 */
function describeLoginFailure(error: unknown, setError: UseFormSetError<LoginValues>): FormErrorMessage | null {
  if (!(error instanceof ApiError)) {
    return { key: navigator.onLine ? 'login.errors.server' : 'login.errors.offline' };
  }
  if (error.code === 'UNAUTHORIZED') return { key: 'login.errors.badCredentials' };
  if (error.code === 'RATE_LIMIT_EXCEEDED') {
    return error.retryAfterSeconds === null
      ? { key: 'login.errors.lockedOutNoTime' }
      : { key: 'login.errors.lockedOut', count: Math.max(1, Math.ceil(error.retryAfterSeconds / 60)) };
  }
  const fieldDetails = error.details.filter((d): d is { field: FieldName; message: string } =>
    d.field === 'login' || d.field === 'password',
  );
  for (const detail of fieldDetails) setError(detail.field, { type: 'server', message: detail.message });
  return fieldDetails.length > 0 ? null : { key: 'login.errors.server' };
}

export function LoginForm({ onSuccess }: { onSuccess: (me: Me) => void }) {
  const { t } = useTranslation('auth');
  const formErrorId = useId();
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors },
  } = useForm<LoginValues>({ defaultValues: { login: '', password: '' } });
  const loginMutation = useLogin({ onSuccess });
  const [failure, setFailure] = useState<FormErrorMessage | null>(null);

  const onSubmit = handleSubmit((values) => {
    setFailure(null);
    loginMutation.mutate(values, { onError: (error) => setFailure(describeLoginFailure(error, setError)) });
  });

  // Field messages from the rules are keys; messages the server attached to a field are shown as sent.
  const fieldMessage = (name: FieldName): string | undefined => {
    const error = errors[name];
    if (!error?.message) return undefined;
    return error.type === 'server' ? error.message : t(error.message as 'login.errors.loginRequired');
  };

  return (
    <form onSubmit={(event) => void onSubmit(event)} noValidate className="grid gap-5" aria-describedby={failure ? formErrorId : undefined}>
      {failure ? (
        <Alert id={formErrorId} variant="destructive">
          {t(failure.key as 'login.errors.server', { count: failure.count ?? 0 })}
        </Alert>
      ) : null}
      <FormField
        label={t('login.loginLabel')}
        error={fieldMessage('login')}
        inputProps={{ ...register('login', LOGIN_RULES.login), autoComplete: 'username', autoCapitalize: 'none', spellCheck: false }}
      />
      <FormField
        label={t('login.passwordLabel')}
        error={fieldMessage('password')}
        inputProps={{ ...register('password', LOGIN_RULES.password), type: 'password', autoComplete: 'current-password' }}
      />
      <Button type="submit" disabled={loginMutation.isPending} className="w-full">
        {loginMutation.isPending ? t('login.submitting') : t('login.submit')}
      </Button>
    </form>
  );
}

function FormField({
  label,
  error,
  inputProps,
}: {
  label: string;
  error: string | undefined;
  inputProps: ComponentProps<typeof Input>;
}) {
  const inputId = useId();
  const errorId = `${inputId}-error`;
  return (
    <div className="grid gap-2">
      <Label htmlFor={inputId}>{label}</Label>
      <Input
        id={inputId}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? errorId : undefined}
        {...inputProps}
      />
      {error ? (
        <p id={errorId} className="text-sm text-destructive">
          {error}
        </p>
      ) : null}
    </div>
  );
}
