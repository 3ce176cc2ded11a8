import type { ExtensionInput } from '../api/types';
import { MAX_TIME_LIMIT_MINUTES, parseLocalDateTime } from './wizard';

export type ExtensionErrors = Partial<Record<'dueAt' | 'timeLimit', 'dueAtInvalid' | 'timeLimitInvalid' | 'empty'>>;

/** The extension form's values -> the request body, or the errors to show. Empty fields mean "no extension". */
export function validateExtension(values: { dueAt: string; timeLimit: string }): {
  errors: ExtensionErrors;
  body: ExtensionInput | null;
} {
  const errors: ExtensionErrors = {};
  const dueAt = values.dueAt === '' ? null : parseLocalDateTime(values.dueAt);
  if (values.dueAt !== '' && dueAt === null) errors.dueAt = 'dueAtInvalid';
  const minutesText = values.timeLimit.trim();
  const minutes = minutesText === '' ? null : Number(minutesText);
  if (minutes !== null && (!/^\d+$/.test(minutesText) || minutes < 1 || minutes > MAX_TIME_LIMIT_MINUTES)) {
    errors.timeLimit = 'timeLimitInvalid';
  }
  if (Object.keys(errors).length === 0 && dueAt === null && minutes === null) errors.dueAt = 'empty';
  if (Object.keys(errors).length > 0) return { errors, body: null };
  return { errors, body: { due_at: dueAt === null ? null : dueAt.toISOString(), time_limit_minutes: minutes } };
}
