import { useState } from 'react';
import { useTranslation } from 'react-i18next';

import { ApiError } from '@/shared/api/api-error';

/** What to tell the user about a failed request: the server's message, or that the server could not be reached. */
export function useErrorMessage(): (error: unknown) => string {
  const { t } = useTranslation('ui');
  return (error) => (error instanceof ApiError ? error.message : t('networkError'));
}

/** The error line of a screen's row actions (delete, reset password, ...): `failed` shows what a request's failure means. */
export function useActionError() {
  const errorMessage = useErrorMessage();
  const [actionError, setActionError] = useState<string | null>(null);
  const failed = (error: unknown) => setActionError(errorMessage(error));
  return { actionError, setActionError, failed };
}
