import { scoreActivity } from '@/shared/scoring';
import type { AnswerEntry } from '@/shared/sync/types';
import type { AssignmentActivity } from '@/shared/sync-engine';

/** The score the device shows (mean of the activities' scores); the server's own scoring is what counts. */
export function clientScore(activities: AssignmentActivity[], answers: Record<string, AnswerEntry>): number | null {
  const scores: number[] = [];
  for (const activity of activities) {
    const entry = answers[activity.activity_id];
    try {
      scores.push(entry === undefined ? 0 : scoreActivity(activity.type, activity.config, entry.value).score);
    } catch {
      return null;
    }
  }
  if (scores.length === 0) return null;
  return Math.round(scores.reduce((sum, score) => sum + score, 0) / scores.length);
}
