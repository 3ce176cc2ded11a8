import { useTranslation } from 'react-i18next';

import { Alert } from '@/shared/ui/alert';
import { Button } from '@/shared/ui/button';

/** A failed load with its reason and a retry. */
export function LoadError({ error, onRetry }: { error: Error; onRetry: () => void }) {
  const { t } = useTranslation('preview');
  return (
    <Alert variant="destructive" className="flex flex-wrap items-center gap-3">
      <span className="flex-1">{t('error.load', { message: error.message })}</span>
      <Button variant="outline" onClick={onRetry}>
        {t('error.retry')}
      </Button>
    </Alert>
  );
}

export function Loading() {
  const { t } = useTranslation();
  return (
    <p role="status" className="text-muted-foreground">
      {t('loading')}
    </p>
  );
}
