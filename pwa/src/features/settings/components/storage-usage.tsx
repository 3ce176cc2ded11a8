import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';

import { readStorageFigures, requestPersistentStorage } from '@/shared/db/storage';
import { Button } from '@/shared/ui/button';

const storageQuery = { queryKey: ['device', 'storage'], queryFn: readStorageFigures, networkMode: 'always' } as const;

function formatBytes(bytes: number, locale: string): string {
  const units = ['byte', 'kilobyte', 'megabyte', 'gigabyte', 'terabyte'] as const;
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit += 1;
  }
  return new Intl.NumberFormat(locale, {
    style: 'unit',
    unit: units[unit],
    unitDisplay: 'short',
    maximumFractionDigits: value < 10 ? 1 : 0,
  }).format(value);
}

/** How much of the device's storage Dream LMS uses, and whether the browser promised to keep it. */
export function StorageUsage() {
  const { t, i18n } = useTranslation('settings');
  const queryClient = useQueryClient();
  const { data: figures, isPending } = useQuery(storageQuery);

  if (isPending) return <p className="text-muted-foreground">{t('storage.measuring')}</p>;
  if (!figures) return <p className="text-muted-foreground">{t('storage.unknown')}</p>;

  const percent = figures.quota > 0 ? Math.min(100, (figures.usage / figures.quota) * 100) : 0;
  const persist = async () => {
    await requestPersistentStorage();
    await queryClient.invalidateQueries({ queryKey: storageQuery.queryKey });
  };

  return (
    <div className="grid gap-3">
      <p data-testid="storage-usage">
        {t('storage.usage', {
          used: formatBytes(figures.usage, i18n.language),
          quota: formatBytes(figures.quota, i18n.language),
        })}
      </p>
      <div
        className="h-2 overflow-hidden rounded-full bg-muted"
        role="progressbar"
        aria-label={t('storage.title')}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={Math.round(percent)}
      >
        <div className="h-full bg-primary" style={{ width: `${percent}%` }} />
      </div>
      <p className="text-sm text-muted-foreground">
        {figures.persisted ? t('storage.persisted') : t('storage.notPersisted')}
      </p>
      {figures.persisted ? null : (
        <Button variant="outline" className="justify-self-start" onClick={() => void persist()}>
          {t('storage.persist')}
        </Button>
      )}
    </div>
  );
}
