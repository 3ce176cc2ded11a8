import { Check, X } from 'lucide-react';
import { useTranslation } from 'react-i18next';

import { cn } from '@/shared/lib/cn';

/** Right / wrong shown by a shape and a word for screen readers, never by colour alone. */
export function ResultMark({ correct, className }: { correct: boolean; className?: string }) {
  const { t } = useTranslation('players');
  const Icon = correct ? Check : X;
  return (
    <span
      className={cn(
        'inline-flex size-6 shrink-0 items-center justify-center rounded-full border-2 border-white text-white shadow',
        correct ? 'bg-green-700' : 'bg-red-700',
        className,
      )}
    >
      <Icon aria-hidden="true" className="size-4" strokeWidth={3} />
      <span className="sr-only">{correct ? t('result.right') : t('result.wrong')}</span>
    </span>
  );
}

/** Correctness per item index, or null when no results are shown. */
export function itemCorrectness(results: { items: { index: number; correct: boolean }[] } | null): Map<number, boolean> | null {
  return results === null ? null : new Map(results.items.map((item) => [item.index, item.correct]));
}
