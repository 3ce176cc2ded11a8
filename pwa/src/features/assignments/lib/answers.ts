import type { Answers } from '@/shared/scoring';

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * One activity's answers from an attempt's `answers` map: a sync answer entry (`{value, hlc}`, see
 * sync-protocol/schemas/attempt_state.schema.json) or the bare answers; undefined when there are none.
 */
export function activityAnswers(answers: Record<string, unknown> | null | undefined, activityId: string): Answers | undefined {
  const entry = answers?.[activityId];
  if (!isObject(entry)) return undefined;
  const value = 'value' in entry ? entry.value : entry;
  return isObject(value) ? (value as unknown as Answers) : undefined;
}
