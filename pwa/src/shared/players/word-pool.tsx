import { Hand } from 'lucide-react';
import { useTranslation } from 'react-i18next';

import { cn } from '@/shared/lib/cn';

import type { DragGhost, useWordPlacement } from './use-word-placement';

interface WordPoolProps {
  words: string[];
  placement: ReturnType<typeof useWordPlacement>;
}

export const chipClass =
  'inline-flex min-h-11 min-w-11 items-center justify-center gap-1 rounded-xl border-2 border-primary/40 bg-background px-3 text-base font-semibold shadow-sm outline-none focus-visible:ring-4 focus-visible:ring-ring/60 disabled:opacity-60';

/** The pool of words; a word stays in the pool after use, as one word may fill several targets. */
export function WordPool({ words, placement }: WordPoolProps) {
  const { t } = useTranslation('players');
  return (
    <div role="group" aria-label={t('pool.label')} className="flex flex-wrap gap-2 rounded-xl bg-muted p-3">
      {words.map((word, index) => {
        const pressed = placement.picked === word;
        return (
          <button
            key={`${index}-${word}`}
            type="button"
            className={cn(
              chipClass,
              'cursor-grab touch-none select-none',
              pressed && '-translate-y-0.5 border-4 border-primary bg-accent shadow-md',
            )}
            {...placement.wordProps(word)}
          >
            {pressed && <Hand aria-hidden="true" />}
            {word}
          </button>
        );
      })}
    </div>
  );
}

/** The word following the finger or mouse during a drag. */
export function DragGhostView({ ghost }: { ghost: DragGhost | null }) {
  if (ghost === null) return null;
  return (
    <div
      aria-hidden="true"
      className={cn(chipClass, 'pointer-events-none fixed z-50 -translate-x-1/2 -translate-y-1/2 border-primary bg-accent')}
      style={{ left: ghost.x, top: ghost.y }}
    >
      {ghost.word}
    </div>
  );
}
