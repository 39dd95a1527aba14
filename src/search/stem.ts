/**
 * A light English stemmer: plurals, -ing, -ed and a final e, nothing more. Porter went further
 * (container → contain, generated and generics → gener) and mangled typos differently from the
 * words they misspell (telepresense → telepresens, telepresence → telepres), which broke
 * one-edit typo matching; this keeps a typo one edit away from its word.
 */

// Shorter words are acronyms or function words (aws, gke, use): left alone.
const MIN_STEMMED_CHARS = 4;
// Doubled final consonants of English verbs (planned → plan); dd, ll, ss, zz stay (added, installed).
const UNDOUBLE = /(bb|gg|mm|nn|pp|rr|tt)$/;

/** Stem of a lower-case English word; acronyms, numbers and mixed tokens come back unchanged. */
export function stemLatin(word: string): string {
  if (word.length < MIN_STEMMED_CHARS || !/^[a-z]+$/.test(word)) return word;
  let stem = word;
  if (stem.endsWith('ies') && stem.length > 4) stem = `${stem.slice(0, -3)}y`;
  else if (/(ss|x|ch|sh|z)es$/.test(stem)) stem = stem.slice(0, -2);
  else if (stem.endsWith('s') && !/(ss|us|is)$/.test(stem)) stem = stem.slice(0, -1);
  if (stem.length > 5 && stem.endsWith('ing') && /[aeiouy]/.test(stem.slice(0, -3))) {
    stem = undouble(stem.slice(0, -3));
  } else if (stem.length > 4 && stem.endsWith('ed') && !stem.endsWith('eed') && /[aeiouy]/.test(stem.slice(0, -2))) {
    stem = undouble(stem.slice(0, -2));
  }
  if (stem.length >= MIN_STEMMED_CHARS && stem.endsWith('e') && !stem.endsWith('ee')) stem = stem.slice(0, -1);
  return stem;
}

function undouble(stem: string): string {
  return UNDOUBLE.test(stem) ? stem.slice(0, -1) : stem;
}
