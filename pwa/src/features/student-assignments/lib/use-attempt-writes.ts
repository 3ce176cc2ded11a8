import { useCallback, useEffect, useRef, useState } from 'react';

import { getDb } from '@/shared/db/db';
import type { AnswerEntry } from '@/shared/sync/types';
import { addTimeSpent, currentScheduler, saveActivityAnswers, submitAttempt, type AssignmentPayload } from '@/shared/sync-engine';

import { clientScore } from './client-score';

const TIME_FLUSH_SECONDS = 30;

type Options = {
  userId: string;
  attemptId: string;
  activities: AssignmentPayload['activities'];
  /** The attempt's answers as last rendered (the device's copy is read first at submission). */
  answers: Record<string, AnswerEntry>;
  onSubmitted: () => void;
};

/**
 * The player's writes to the device: answers on every change, time spent while the page is visible (saved every
 * 30 s and with the submission), and the submission with the device's score. Writes are chained so they reach
 * IndexedDB in the order the student made them.
 */
export function useAttemptWrites({ userId, attemptId, activities, answers, onSubmitted }: Options) {
  const [submitting, setSubmitting] = useState(false);
  const writes = useRef<Promise<unknown>>(Promise.resolve());
  const unsavedSeconds = useRef(0);
  const submittedRef = useRef(false);
  const latestAnswers = useRef(answers);
  useEffect(() => {
    latestAnswers.current = answers;
  }, [answers]);
  const ctx = useCallback(() => ({ db: getDb(), userId }), [userId]);

  const enqueue = useCallback((write: () => Promise<unknown>) => {
    writes.current = writes.current.then(write).catch((error: unknown) => console.error('local save failed', error));
    return writes.current;
  }, []);

  useEffect(() => {
    const tick = setInterval(() => {
      if (document.visibilityState !== 'visible' || submittedRef.current) return;
      unsavedSeconds.current += 1;
      if (unsavedSeconds.current >= TIME_FLUSH_SECONDS) {
        const seconds = unsavedSeconds.current;
        unsavedSeconds.current = 0;
        void enqueue(() => addTimeSpent(ctx(), attemptId, seconds));
      }
    }, 1000);
    return () => {
      clearInterval(tick);
      const seconds = unsavedSeconds.current;
      unsavedSeconds.current = 0;
      if (seconds > 0 && !submittedRef.current) void enqueue(() => addTimeSpent(ctx(), attemptId, seconds));
    };
  }, [attemptId, ctx, enqueue]);

  const saveAnswers = useCallback(
    (activityId: string, value: Record<string, unknown>) => enqueue(() => saveActivityAnswers(ctx(), attemptId, activityId, value)),
    [attemptId, ctx, enqueue],
  );

  const submit = useCallback(async () => {
    if (submittedRef.current) return;
    submittedRef.current = true;
    setSubmitting(true);
    const seconds = unsavedSeconds.current;
    unsavedSeconds.current = 0;
    await enqueue(async () => {
      const saved = (await getDb().attemptStates.get(attemptId))?.state.answers ?? latestAnswers.current;
      const score = clientScore(activities, saved);
      await submitAttempt(ctx(), attemptId, { timeSpentSeconds: seconds, ...(score === null ? {} : { clientScore: score }) });
    });
    void currentScheduler(userId)?.flush();
    onSubmitted();
  }, [activities, attemptId, ctx, enqueue, onSubmitted, userId]);

  return { saveAnswers, submit, submitting };
}
