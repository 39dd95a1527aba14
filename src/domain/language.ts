import { z } from 'zod';

/** A language code as RECAP_LANGUAGES takes it: "ja", "en", "pt-BR". */
export const languageCodeSchema = z.string().regex(/^[a-z]{2}(-[A-Za-z]{2})?$/, 'a language code such as "ja" or "en"');

const languageNames = new Intl.DisplayNames(['en'], { type: 'language', fallback: 'none' });

/**
 * A language code that names a real language ("fr", "pt-BR"), not merely one shaped like it
 * ("xx", "qq"): its base language must be one the runtime's ICU data knows. Any real language
 * may be asked for on demand, whether or not RECAP_LANGUAGES lists it.
 */
export function isKnownLanguageCode(code: string): boolean {
  if (!languageCodeSchema.safeParse(code).success) return false;
  try {
    return languageNames.of(code.split('-')[0] ?? code) !== undefined;
  } catch {
    return false;
  }
}

/** Whether text in `noteLanguage` ("ja") already is in `wanted` ("ja", "ja-JP"). */
export function sameBaseLanguage(noteLanguage: string, wanted: string): boolean {
  return noteLanguage.split('-')[0]?.toLowerCase() === wanted.split('-')[0]?.toLowerCase();
}
