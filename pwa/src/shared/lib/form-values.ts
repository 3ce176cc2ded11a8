import * as z from 'zod/mini';

// A practical email check for forms; the server has the final word and its messages are shown by the field.
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Required text: trimmed, 1..max characters. Messages are translation keys. */
export const requiredText = (max: number, requiredKey: string, tooLongKey: string) =>
  z.string().check(z.trim(), z.minLength(1, requiredKey), z.maxLength(max, tooLongKey));

/** Optional text: trimmed, empty allowed, at most max characters. */
export const optionalText = (max: number, tooLongKey: string) => z.string().check(z.trim(), z.maxLength(max, tooLongKey));

/** Optional email: empty, or something shaped like an email address. */
export const optionalEmail = (invalidKey: string) =>
  z.string().check(
    z.trim(),
    z.refine((value) => value === '' || (value.length <= 320 && EMAIL.test(value)), invalidKey),
  );

export const requiredEmail = (requiredKey: string, invalidKey: string) =>
  z.string().check(
    z.trim(),
    z.minLength(1, requiredKey),
    z.refine((value) => value === '' || (value.length <= 320 && EMAIL.test(value)), invalidKey),
  );

/** Form strings to an API body: empty optional fields are left out when creating and cleared (null) when editing. */
export function toBody<Values extends Record<string, string | boolean | undefined>>(
  values: Values,
  mode: 'create' | 'update',
): { [K in keyof Values]?: Values[K] | null } {
  const body: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(values)) {
    if (value === '' || value === undefined) {
      if (mode === 'update') body[key] = null;
    } else {
      body[key] = value;
    }
  }
  return body as { [K in keyof Values]?: Values[K] | null };
}
