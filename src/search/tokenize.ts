import { LOANWORDS_VERSION, splitKatakanaCompound } from './loanwords.js';
import { HIRAGANA_CHAR, KANJI_CHAR, foldKatakana } from './normalize.js';
import { stemLatin } from './stem.js';
import { isStopWord } from './stopwords.js';

/**
 * Tokenizer for mixed Japanese/English notes, as measured best here: Intl.Segmenter('ja') words,
 * plus character bigrams over runs of kanji and of katakana (robust where the segmenter splits
 * differently in a question than in a note), Latin words kept whole and split at camelCase / dots /
 * underscores, English words lightly stemmed so "containers" meets "container".
 */

/**
 * Changes whenever indexed terms would change: the rules here and in chunk-terms.ts (field
 * weights), Node's ICU (the segmenter's dictionary) and the loanword data (compound splits).
 * Stored terms with another version are recomputed.
 */
export const TOKENIZER_VERSION = `recap-tokenizer-3;icu-${process.versions.icu ?? 'none'};loanwords-${LOANWORDS_VERSION}`;

export { stemLatin };

export type WordKind = 'latin' | 'number' | 'kanji' | 'katakana' | 'kana';

/** One word of a text with the index terms it contributes. */
export interface AnalyzedWord {
  /** Normalized surface: NFKC, lower case, katakana folded (サーバー → サーバ). */
  text: string;
  kind: WordKind;
  /** Index terms: stems for Latin words, bigrams and whole words for Japanese. */
  terms: string[];
  /** Latin words only: lower-case unstemmed forms (whole word, then camelCase parts), for loanwords. */
  latin: string[];
  /** Katakana runs only: known words it splits into (サービスメッシュ → サービス, メッシュ). */
  parts: string[];
  stop: boolean;
}

export interface TextAnalysis {
  words: AnalyzedWord[];
  /** Terms spanning two words: kanji bigrams across a word boundary (術的 in 技術|的), ・-compounds. */
  joins: string[];
}

const segmenter = new Intl.Segmenter('ja', { granularity: 'word' });
const KATAKANA_RUN = /[\u30A1-\u30FA\u30FC-\u30FF\u31F0-\u31FF]+/g;
const KANJI_RUN = /[\p{Script=Han}\u3005\u3007]+/gu;
const LATIN_LETTER = /[a-z]/i;
const NUMBER = /^[0-9][0-9.,]*$/;

/** Index terms of a text: every term of its non-stop words, plus terms spanning words. */
export function tokenize(text: string): string[] {
  const { words, joins } = analyzeText(text);
  const terms: string[] = [];
  for (const word of words) if (!word.stop) terms.push(...word.terms);
  terms.push(...joins);
  return terms;
}

/** Words of a text with their terms; queries use this to weigh and expand each word separately. */
export function analyzeText(text: string): TextAnalysis {
  const source = text.normalize('NFKC');
  const words: AnalyzedWord[] = [];
  const joins: string[] = [];
  const kanjiBigrams = kanjiBigramsByPosition(source);
  let previousKatakanaEnd = -1;
  let previousKatakana = '';
  let cursor = 0;
  for (const run of source.matchAll(KATAKANA_RUN)) {
    const start = run.index;
    analyzeSegments(source, cursor, start, kanjiBigrams, words, joins);
    const word = katakanaWord(run[0]);
    if (word) {
      // "アーリー・バード" is also searchable as アーリーバード.
      if (previousKatakanaEnd >= 0 && /^[・=]$/.test(source.slice(previousKatakanaEnd, start))) {
        joins.push(previousKatakana + word.text);
      }
      words.push(word);
      previousKatakana = word.text;
    }
    previousKatakanaEnd = start + run[0].length;
    cursor = previousKatakanaEnd;
  }
  analyzeSegments(source, cursor, source.length, kanjiBigrams, words, joins);
  return { words, joins };
}

/** Kanji bigrams (and lone kanji) keyed by start offset in the text. */
function kanjiBigramsByPosition(source: string): Map<number, { term: string; length: number }> {
  const byPosition = new Map<number, { term: string; length: number }>();
  for (const run of source.matchAll(KANJI_RUN)) {
    const chars = [...run[0]];
    if (chars.length === 1) {
      byPosition.set(run.index, { term: run[0], length: run[0].length });
      continue;
    }
    let offset = run.index;
    for (let i = 0; i + 1 < chars.length; i++) {
      const first = chars[i] ?? '';
      const term = first + (chars[i + 1] ?? '');
      byPosition.set(offset, { term, length: term.length });
      offset += first.length;
    }
  }
  return byPosition;
}

/** Runs the segmenter over source[from, to) (text without katakana) and appends its words. */
function analyzeSegments(
  source: string,
  from: number,
  to: number,
  kanjiBigrams: Map<number, { term: string; length: number }>,
  words: AnalyzedWord[],
  joins: string[],
): void {
  if (to <= from) return;
  const span = source.slice(from, to);
  for (const segment of segmenter.segment(span)) {
    const start = from + segment.index;
    const end = start + segment.segment.length;
    // Bigrams starting in this segment: inside it they are its terms, crossing its end a join.
    const inside: string[] = [];
    for (let position = start; position < end; position++) {
      const bigram = kanjiBigrams.get(position);
      if (!bigram) continue;
      if (position + bigram.length <= end) inside.push(bigram.term);
      else joins.push(bigram.term);
    }
    if (!segment.isWordLike) continue;
    const word = segmentWord(segment.segment, inside);
    if (word) words.push(word);
  }
}

function segmentWord(surface: string, kanjiTerms: string[]): AnalyzedWord | null {
  if (LATIN_LETTER.test(surface) || NUMBER.test(surface)) return latinWord(surface);
  const text = surface.toLowerCase();
  const hasKana = HIRAGANA_CHAR.test(text);
  const hasKanji = KANJI_CHAR.test(text);
  if (!hasKana && !hasKanji) return null;
  const terms = new Set(kanjiTerms);
  // Whole words add precision on top of bigrams; a 2-kanji word already is its own bigram.
  if (hasKana ? [...text].length >= 2 : [...text].length >= 3) terms.add(text);
  return { text, kind: hasKana ? 'kana' : 'kanji', terms: [...terms], latin: [], parts: [], stop: isStopWord(text) };
}

function katakanaWord(run: string): AnalyzedWord | null {
  const text = foldKatakana(run);
  const chars = [...text];
  if (chars.length < 2) return null;
  const terms = new Set<string>();
  for (let i = 0; i + 1 < chars.length; i++) terms.add((chars[i] ?? '') + (chars[i + 1] ?? ''));
  terms.add(text);
  const parts = splitKatakanaCompound(text) ?? [];
  for (const part of parts) terms.add(part);
  return { text, kind: 'katakana', terms: [...terms], latin: [], parts, stop: false };
}

function latinWord(surface: string): AnalyzedWord | null {
  const cleaned = surface.replace(/['’]s$/i, '').replace(/['’]/g, '');
  const whole = cleaned.toLowerCase();
  if (whole === '') return null;
  if (NUMBER.test(whole)) return { text: whole, kind: 'number', terms: [whole], latin: [whole], parts: [], stop: false };
  const parts = splitCompound(cleaned)
    .map((part) => part.toLowerCase())
    .filter((part) => part.length >= 2);
  const latin = parts.length > 1 ? [whole, ...parts] : [whole];
  const terms = [...new Set(latin.map(stemLatin))];
  return { text: whole, kind: 'latin', terms, latin, parts: [], stop: isStopWord(whole) };
}

/** "ServiceMesh" → Service, Mesh; "cpu.cfs_period_us" → cpu, cfs, period, us; "k8s" stays whole. */
function splitCompound(word: string): string[] {
  return word
    .split(/[._]+/)
    .flatMap((piece) => piece.split(/(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])/))
    .filter((piece) => piece !== '');
}

/** Whether a term is a Latin word or stem (the vocabulary fuzzy matching works on). */
export function isLatinTerm(term: string): boolean {
  return /^[a-z][a-z0-9]*$/.test(term);
}
