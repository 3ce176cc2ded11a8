// Text normalization shared by typed answers and word-search words; mirrors server/dream_lms/scoring/text.py.

// The Unicode White_Space set, spelled out so JavaScript and Python agree exactly.
const WHITESPACE = '\\t\\n\\v\\f\\r \\u0085\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000';
const WHITESPACE_RUN = new RegExp(`[${WHITESPACE}]+`, 'g');
const HAS_WHITESPACE = new RegExp(`[${WHITESPACE}]`);

export function hasWhitespace(text: string): boolean {
  return HAS_WHITESPACE.test(text);
}

/**
 * What two typed answers must share to be equal: trimmed, inner whitespace runs collapsed to one
 * space, case folded (upper then lower, so "Straße" equals "STRASSE"), NFC so composed and
 * decomposed accents compare equal.
 */
export function typedAnswerKey(text: string): string {
  const collapsed = text.replace(WHITESPACE_RUN, ' ').replace(/^ +| +$/g, '');
  return collapsed.toUpperCase().toLowerCase().normalize('NFC');
}
