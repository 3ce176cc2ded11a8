import { Download } from 'lucide-react';
import { useTranslation } from 'react-i18next';

import { Button } from '@/shared/ui/button';

import type { ImportTarget } from '../lib/types';

/** Step 1: what to import (teachers, students, ...) and its template. */
export function ChooseStep({
  targets,
  kind,
  onChoose,
  onTemplate,
  onNext,
}: {
  targets: ImportTarget[];
  kind: string | null;
  onChoose: (kind: ImportTarget['kind']) => void;
  onTemplate: (format: 'xlsx' | 'csv') => Promise<void>;
  onNext: () => void;
}) {
  const { t } = useTranslation('imports');
  return (
    <div className="grid gap-5">
      <fieldset className="grid gap-2">
        <legend className="mb-2 text-sm font-medium">{t('chooseKind')}</legend>
        {targets.map((target) => (
          <label
            key={target.kind}
            className="flex min-h-11 items-center gap-3 rounded-lg border border-border px-3 has-[:checked]:border-primary"
          >
            <input
              type="radio"
              name="import-kind"
              className="size-5 accent-primary"
              value={target.kind}
              checked={kind === target.kind}
              onChange={() => onChoose(target.kind)}
            />
            <span className="grid">
              <span className="font-medium">{t(`kinds.${target.kind}.label`)}</span>
              <span className="text-sm text-muted-foreground">{t(`kinds.${target.kind}.columns`)}</span>
            </span>
          </label>
        ))}
      </fieldset>
      <div className="grid gap-2">
        <p className="text-sm text-muted-foreground">{t('templateHint')}</p>
        <div className="flex flex-wrap gap-2">
          <Button variant="outline" disabled={!kind} onClick={() => void onTemplate('xlsx')}>
            <Download aria-hidden="true" />
            {t('templateXlsx')}
          </Button>
          <Button variant="outline" disabled={!kind} onClick={() => void onTemplate('csv')}>
            <Download aria-hidden="true" />
            {t('templateCsv')}
          </Button>
        </div>
      </div>
      <div className="flex justify-end">
        <Button disabled={!kind} onClick={onNext}>
          {t('next')}
        </Button>
      </div>
    </div>
  );
}
