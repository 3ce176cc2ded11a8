import { useTranslation } from 'react-i18next';

import { ApiError } from '@/shared/api/api-error';

/** What to tell the user about a failed request: the server's message, or that the server could not be reached. */
export function useErrorMessage(): (error: unknown) => string {
  const { t } = useTranslation('ui');
  return (error) => (error instanceof ApiError ? error.message : t('networkError'));
}
