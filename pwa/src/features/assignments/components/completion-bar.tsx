import { useTranslation } from 'react-i18next';

import { percent } from '../lib/format';

/** How many of the targeted students have submitted, as a bar with the figures spelled out. */
export function CompletionBar({ done, total, label }: { done: number; total: number; label: string }) {
  const { t } = useTranslation('assignments');
  const value = percent(done, total);
  return (
    <div className="grid gap-1">
      <div
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={value}
        aria-valuetext={t('list.completion', { done, total })}
        className="h-2.5 w-full overflow-hidden rounded-full bg-muted"
      >
        <div className="h-full rounded-full bg-primary transition-[width]" style={{ width: `${value}%` }} />
      </div>
      <p className="text-sm text-muted-foreground">{t('list.completion', { done, total })}</p>
    </div>
  );
}
