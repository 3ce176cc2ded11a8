import type { ErrorComponentProps } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';

import { Button } from '@/shared/ui/button';

export function ErrorPage({ reset }: ErrorComponentProps) {
  const { t } = useTranslation();
  return (
    <div role="alert" className="grid justify-items-start gap-3 p-6">
      <h1 className="text-xl font-semibold">{t('error.title')}</h1>
      <p className="text-muted-foreground">{t('error.body')}</p>
      <Button onClick={reset}>{t('error.retry')}</Button>
    </div>
  );
}
