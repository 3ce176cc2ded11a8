import { useState } from 'react';

import type { Answers } from '@/shared/scoring';

import type { SetAnswersOptions } from './types';

interface History {
  current: Answers;
  past: Answers[];
  coalesceKey: string | null;
}

/**
 * The answers with an undo history. Every change (including undo and reset) is reported through
 * onChange, so auto-save sees each state; typing into one blank counts as one step to undo.
 */
export function useAnswersHistory(initial: Answers, onChange: ((answers: Answers) => void) | undefined) {
  const [history, setHistory] = useState<History>({ current: initial, past: [], coalesceKey: null });

  const apply = (next: History) => {
    setHistory(next);
    onChange?.(next.current);
  };

  const setAnswers = (next: Answers, options: SetAnswersOptions = {}) => {
    const coalesceKey = options.coalesceKey ?? null;
    const extendsLastStep = coalesceKey !== null && coalesceKey === history.coalesceKey;
    const past = extendsLastStep ? history.past : [...history.past, history.current];
    apply({ current: next, past, coalesceKey });
  };

  const undo = () => {
    const previous = history.past.at(-1);
    if (previous === undefined) return;
    apply({ current: previous, past: history.past.slice(0, -1), coalesceKey: null });
  };

  /** Reset can be undone too: a tap on the wrong button must not lose a child's work. */
  const reset = (empty: Answers) => apply({ current: empty, past: [...history.past, history.current], coalesceKey: null });

  return { answers: history.current, canUndo: history.past.length > 0, setAnswers, undo, reset };
}
