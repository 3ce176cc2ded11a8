/** The languages the catalogue can be filtered by: the ISO codes the sync stores for the authoring tool's names. */
export const CATALOGUE_LANGUAGES = ['en', 'de', 'tr', 'fr', 'es'] as const;

/** A language code as the reader's language names it ("de" -> "German"); unknown values are shown as stored. */
export function languageName(code: string, locale: string): string {
  try {
    return new Intl.DisplayNames([locale], { type: 'language' }).of(code) ?? code;
  } catch {
    return code;
  }
}
