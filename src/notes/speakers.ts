/**
 * Finds who spoke: "@handle" (not e-mail addresses), "草間さん" (the name before さん) and
 * "by Kazuto Kusama" / "By Étienne Coutaud" (capitalised words up to a comma, dash or paren).
 */

// A handle's @ follows a space or punctuation, never a letter or a dot (that is an e-mail) or a slash (a URL).
const HANDLE = /(?<![\p{L}\p{N}_.\/:+-])@([A-Za-z0-9_](?:[A-Za-z0-9_.-]{0,28}[A-Za-z0-9_])?)/gu;
// Names are kanji, katakana or Latin letters; hiragana before さん is almost always a particle (の, は).
// "…さんにて" is the venue ("ヌーラボさんにて"), not a speaker.
const SAN = /(?<![\p{Script=Han}\p{Script=Katakana}ー・\w])([\p{Script=Han}\p{Script=Katakana}ー・A-Za-z]{1,8})さん(?!にて|主催|提供)/gu;
const BY = /(?<![\p{L}])by\s+([\p{Lu}\p{Script=Han}\p{Script=Katakana}][^\n,，、(（)）\-–—/|:;]{0,60})/giu;
// Words that may sit inside a Latin name ("Ludwig van Beethoven").
const NAME_PARTICLES = new Set(['de', 'van', 'von', 'der', 'da', 'di', 'le', 'la', 'du', 'del']);
// "さん" after these is "everyone", "the customer", a placeholder: not a person.
const NOT_NAMES = new Set(['皆', '皆様', 'お客', '〇〇', '○○', 'XX', 'xx', '誰', '誰か', '何', '登壇者', '発表者', '中の人']);
const MAX_LATIN_NAME_WORDS = 4;
// Decorators in code notes look like handles.
const DECORATORS = new Set(['Component', 'Directive', 'Injectable', 'Input', 'Output', 'NgModule', 'Pipe', 'Override', 'Deprecated', 'Test', 'Autowired', 'Entity']);
const COMPANY_SUFFIX = /(株式会社|会社|支社|社)$/;

/** Speakers named in the texts, deduplicated, in order of first mention. */
export function findSpeakers(texts: readonly string[]): string[] {
  const found = new Set<string>();
  for (const text of texts) {
    for (const name of speakersIn(text)) found.add(name);
  }
  return [...found];
}

function speakersIn(text: string): string[] {
  return [...handles(text), ...sanNames(text), ...byNames(text)];
}

function handles(text: string): string[] {
  return [...text.matchAll(HANDLE)]
    .map((match) => match[1] ?? '')
    .filter((handle) => !DECORATORS.has(handle))
    .map((handle) => `@${handle}`);
}

function sanNames(text: string): string[] {
  return [...text.matchAll(SAN)]
    .map((match) => (match[1] ?? '').replace(/^株式会社/, ''))
    .filter((name) => name !== '' && !NOT_NAMES.has(name) && !COMPANY_SUFFIX.test(name) && !/^[A-Za-z]$/.test(name));
}

function byNames(text: string): string[] {
  return [...text.matchAll(BY)].map((match) => nameFrom(match[1] ?? '')).filter((name) => name !== '');
}

/**
 * The person's name at the start of `raw`: a Japanese name, or two to four capitalised words
 * ("Kazuto Kusama" of "Kazuto Kusama at Pivotal"). One word or an acronym ("by Google", "by CNCF")
 * is more often a company or a tool than a speaker.
 */
function nameFrom(raw: string): string {
  const trimmed = raw.trim();
  if (/^[\p{Script=Han}\p{Script=Katakana}]/u.test(trimmed)) return trimmed.split(/\s/)[0] ?? '';
  const words: string[] = [];
  for (const word of trimmed.split(/\s+/)) {
    const nameWord = /^\p{Lu}(?:\p{Ll}[\p{Ll}'’-]*|\.)$/u.test(word);
    if (!nameWord && !(NAME_PARTICLES.has(word) && words.length > 0)) break;
    words.push(word);
    if (words.length === MAX_LATIN_NAME_WORDS) break;
  }
  while (words.length > 0 && NAME_PARTICLES.has(words.at(-1) ?? '')) words.pop();
  return words.length >= 2 ? words.join(' ') : '';
}
