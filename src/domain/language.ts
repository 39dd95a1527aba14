import { z } from 'zod';

/** A language code as RECAP_LANGUAGES takes it: "ja", "en", "pt-BR". */
export const languageCodeSchema = z.string().regex(/^[a-z]{2}(-[A-Za-z]{2})?$/, 'a language code such as "ja" or "en"');
