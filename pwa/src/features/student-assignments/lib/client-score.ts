import { attemptScore, scoreActivity } from '@/shared/scoring';
import type { AnswerEntry } from '@/shared/sync/types';
import type { AssignmentActivity } from '@/shared/sync-engine';

/** The score the device shows (the shared attempt score, docs/scoring.md); the server's own scoring is what counts. */
export function clientScore(activities: AssignmentActivity[], answers: Record<string, AnswerEntry>): number | null {
  const scores: (number | null)[] = [];
  for (const activity of activities) {
    const entry = answers[activity.activity_id];
    try {
      scores.push(entry === undefined ? null : scoreActivity(activity.type, activity.config, entry.value).score);
    } catch {
      return null;
    }
  }
  return scores.length === 0 ? null : attemptScore(scores);
}
