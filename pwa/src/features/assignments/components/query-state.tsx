import type { UseQueryResult } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

import { Alert } from '@/shared/ui/alert';
import { Button } from '@/shared/ui/button';

/** Loading text, or an error with a retry button, or the children with the data. */
export function QueryState<Data>({
  query,
  children,
}: {
  query: UseQueryResult<Data>;
  children: (data: Data) => ReactNode;
}) {
  const { t } = useTranslation(['assignments', 'common']);
  if (query.isPending) {
    return (
      <p role="status" className="text-muted-foreground">
        {t('common:loading')}
      </p>
    );
  }
  if (query.isError) {
    return (
      <Alert variant="destructive" className="flex flex-wrap items-center gap-3">
        <span className="flex-1">{t('loadFailed')}</span>
        <Button variant="outline" size="sm" onClick={() => void query.refetch()}>
          {t('common:error.retry')}
        </Button>
      </Alert>
    );
  }
  return <>{children(query.data)}</>;
}
