// Which score counts: an attempt's score from its activities, the attempt that counts for a student's assignment,
// and the time limit's deadline for answers (docs/scoring.md). Twin of server/dream_lms/scoring/counted.py; both
// run sync-protocol/vectors/results/.

/** What choosing the counted attempt reads of an attempt. */
export interface CountableAttempt {
  attempt_number: number;
  status: string;
  score: number | null;
}

/** floor(numerator / denominator + 1/2) for a positive denominator, in integers so every language agrees. */
export function roundHalfUp(numerator: number, denominator: number): number {
  return Math.floor((2 * numerator + denominator) / (2 * denominator));
}

/**
 * An attempt's score: the mean of its activities' scores, every activity weighing the same whatever its number of
 * items, round half up. null is an activity that earns 0 (not answered, answered after the time limit, or not
 * scorable). An attempt of no activities scores 0.
 */
export function attemptScore(activityScores: readonly (number | null)[]): number {
  if (activityScores.length === 0) return 0;
  const sum = activityScores.reduce<number>((total, score) => total + (score ?? 0), 0);
  return roundHalfUp(sum, activityScores.length);
}

/**
 * The attempt whose score is the student's assignment score: the highest server score among the submitted attempts
 * (Moodle's "highest grade"); of equal scores the earliest attempt. A submitted attempt the server has not scored
 * yet, and an attempt in progress, do not count; null when no attempt counts.
 */
export function countedAttempt<T extends CountableAttempt>(attempts: Iterable<T>): T | null {
  let best: T | null = null;
  for (const attempt of attempts) {
    if (attempt.status !== 'submitted' || attempt.score === null) continue;
    const better =
      best === null ||
      attempt.score > (best.score ?? 0) ||
      (attempt.score === best.score && attempt.attempt_number < best.attempt_number);
    if (better) best = attempt;
  }
  return best;
}

/** The student's assignment score: the counted attempt's score, null when no attempt counts. */
export function countedScore(attempts: Iterable<CountableAttempt>): number | null {
  return countedAttempt(attempts)?.score ?? null;
}

/**
 * When a time-limited attempt's answers stop counting: start + limit + grace; null without a limit. An answer last
 * changed at the deadline itself still counts, one changed a millisecond later scores 0.
 */
export function answersDeadlineMs(startedAtMs: number, timeLimitMinutes: number | null, graceMs: number): number | null {
  return timeLimitMinutes === null ? null : startedAtMs + timeLimitMinutes * 60_000 + graceMs;
}

/** Whether an answer last changed at `answeredAtMs` counts under the attempt's deadline. */
export function answerCounts(answeredAtMs: number, deadlineMs: number | null): boolean {
  return deadlineMs === null || answeredAtMs <= deadlineMs;
}
