import { ApiError } from './api-error';

/**
 * Puts the server's field details next to the matching form fields and returns what is left for one
 * message above the form: the error's own message, or null when every problem found its field.
 * `fields` lists the form's field names; details about other fields (or none) go to the form message.
 */
export function applyApiFieldErrors<Field extends string>(
  error: unknown,
  fields: readonly Field[],
  setError: (field: Field, error: { type: 'server'; message: string }) => void,
): { message: string | null; network: boolean } {
  if (!(error instanceof ApiError)) return { message: null, network: true };
  const known = new Set<string>(fields);
  const unmatched: string[] = [];
  let matched = 0;
  for (const detail of error.details) {
    const field = detail.field?.split('.').at(-1) ?? null;
    if (field !== null && known.has(field)) {
      setError(field as Field, { type: 'server', message: detail.message });
      matched += 1;
    } else if (detail.message) {
      unmatched.push(detail.message);
    }
  }
  if (matched > 0 && unmatched.length === 0) return { message: null, network: false };
  return { message: [error.message, ...unmatched].join(' '), network: false };
}
