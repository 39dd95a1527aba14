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
export const TOKENIZER_VERSION = `recap-tokenizer-4;icu-${process.versions.icu ?? 'none'};loanwords-${LOANWORDS_VERSION}`;

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
  if (ASCII_ONLY.test(span)) {
    // No kanji, so no bigrams: only the words, found as the segmenter would (but far faster).
    forEachAsciiWord(span, (word) => {
      const analyzed = segmentWord(word, []);
      if (analyzed) words.push(analyzed);
    });
    return;
  }
  for (const piece of segmenterPieces(span)) analyzePiece(piece.text, from + piece.offset, kanjiBigrams, words, joins);
}

/**
 * ICU's Japanese dictionary segmentation turns quadratic past some 64k characters without a
 * break (75k: 28 s) and costs more per character the longer the run: spans go to the segmenter
 * in pieces of at most this many characters, cut at a space or punctuation where there is one.
 */
const MAX_SEGMENTER_SPAN = 1_000;
const PIECE_BREAK = /[\s、。，．！？「」()（）,.!?;:]/;

/** Pieces of a span of at most MAX_SEGMENTER_SPAN characters, with their offsets in it. */
export function segmenterPieces(span: string): { text: string; offset: number }[] {
  const pieces: { text: string; offset: number }[] = [];
  let offset = 0;
  while (span.length - offset > MAX_SEGMENTER_SPAN) {
    let cut = offset + MAX_SEGMENTER_SPAN;
    const earliest = offset + MAX_SEGMENTER_SPAN / 2;
    let breakAt = cut;
    while (breakAt > earliest && !PIECE_BREAK.test(span[breakAt - 1] ?? '')) breakAt--;
    if (breakAt > earliest) cut = breakAt;
    // Never between the halves of a surrogate pair.
    else if (/[\uDC00-\uDFFF]/.test(span[cut] ?? '')) cut--;
    pieces.push({ text: span.slice(offset, cut), offset });
    offset = cut;
  }
  pieces.push({ text: span.slice(offset), offset });
  return pieces;
}

/** The segmenter's words of one piece starting at `from` in the source. */
function analyzePiece(
  piece: string,
  from: number,
  kanjiBigrams: Map<number, { term: string; length: number }>,
  words: AnalyzedWord[],
  joins: string[],
): void {
  for (const segment of segmenter.segment(piece)) {
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

const ASCII_ONLY = /^[\x00-\x7f]*$/;

// Word_Break classes (Unicode UAX #29) of the ASCII characters, as ICU's word rules use them.
const WB_OTHER = 0;
const WB_CR = 1;
const WB_LF = 2;
const WB_NEWLINE = 3;
const WB_SPACE = 4;
const WB_LETTER = 5;
const WB_NUMERIC = 6;
const WB_EXTEND_NUM_LET = 7;
const WB_MID_NUM_LET = 8;
const WB_MID_LETTER = 9;
const WB_MID_NUM = 10;
const WB_SINGLE_QUOTE = 11;
const ASCII_WORD_BREAK = (() => {
  const classes = new Uint8Array(128).fill(WB_OTHER);
  classes[0x0d] = WB_CR;
  classes[0x0a] = WB_LF;
  classes[0x0b] = WB_NEWLINE;
  classes[0x0c] = WB_NEWLINE;
  classes[0x20] = WB_SPACE;
  for (let code = 0x41; code <= 0x5a; code++) classes[code] = WB_LETTER;
  for (let code = 0x61; code <= 0x7a; code++) classes[code] = WB_LETTER;
  for (let code = 0x30; code <= 0x39; code++) classes[code] = WB_NUMERIC;
  classes[0x5f] = WB_EXTEND_NUM_LET; // _
  classes[0x2e] = WB_MID_NUM_LET; // .
  classes[0x3a] = WB_MID_LETTER; // :
  classes[0x2c] = WB_MID_NUM; // ,
  classes[0x3b] = WB_MID_NUM; // ;
  classes[0x27] = WB_SINGLE_QUOTE; // '
  return classes;
})();

/**
 * The word-like segments (those with a letter or digit) of an ASCII-only text, exactly where
 * Intl.Segmenter's word boundaries are (the UAX #29 rules as they apply to ASCII; checked against
 * the segmenter on every string of up to five characters from each class and on random text).
 * The segmenter costs microseconds per segment; English lines are half of many notes.
 */
function forEachAsciiWord(text: string, onWord: (word: string) => void): void {
  const length = text.length;
  const classOf = (index: number): number => (index >= 0 && index < length ? (ASCII_WORD_BREAK[text.charCodeAt(index)] as number) : -1);
  const isMidLetter = (wb: number): boolean => wb === WB_MID_LETTER || wb === WB_MID_NUM_LET || wb === WB_SINGLE_QUOTE;
  const isMidNum = (wb: number): boolean => wb === WB_MID_NUM || wb === WB_MID_NUM_LET || wb === WB_SINGLE_QUOTE;
  const isAlphanumeric = (wb: number): boolean => wb === WB_LETTER || wb === WB_NUMERIC;
  let start = 0;
  let wordLike = isAlphanumeric(classOf(0));
  for (let index = 1; index <= length; index++) {
    const left = classOf(index - 1);
    const right = classOf(index);
    let join: boolean;
    if (index === length) join = false;
    else if (left === WB_CR && right === WB_LF) join = true;
    else if (left === WB_CR || left === WB_LF || left === WB_NEWLINE || right === WB_CR || right === WB_LF || right === WB_NEWLINE) join = false;
    else if (left === WB_SPACE && right === WB_SPACE) join = true;
    else if (isAlphanumeric(left) && isAlphanumeric(right)) join = true;
    else if (left === WB_LETTER && isMidLetter(right) && classOf(index + 1) === WB_LETTER) join = true;
    else if (classOf(index - 2) === WB_LETTER && isMidLetter(left) && right === WB_LETTER) join = true;
    else if (classOf(index - 2) === WB_NUMERIC && isMidNum(left) && right === WB_NUMERIC) join = true;
    else if (left === WB_NUMERIC && isMidNum(right) && classOf(index + 1) === WB_NUMERIC) join = true;
    else if ((isAlphanumeric(left) || left === WB_EXTEND_NUM_LET) && right === WB_EXTEND_NUM_LET) join = true;
    else join = left === WB_EXTEND_NUM_LET && isAlphanumeric(right);
    if (join) {
      if (!wordLike && isAlphanumeric(right)) wordLike = true;
      continue;
    }
    if (wordLike) onWord(text.slice(start, index));
    start = index;
    wordLike = isAlphanumeric(right);
  }
}

/** The word-like segments of an ASCII-only text (Intl.Segmenter's, found without it). */
export function asciiWordSegments(text: string): string[] {
  const words: string[] = [];
  forEachAsciiWord(text, (word) => words.push(word));
  return words;
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
  const cleaned = surface.includes("'") || surface.includes('’') ? surface.replace(/['’]s$/i, '').replace(/['’]/g, '') : surface;
  const whole = cleaned.toLowerCase();
  if (whole === '') return null;
  if (NUMBER.test(whole)) return { text: whole, kind: 'number', terms: [whole], latin: [whole], parts: [], stop: false };
  // Most words are not compounds: no need to split them (the split is the slow part).
  const parts = isCompound(cleaned)
    ? splitCompound(cleaned)
        .map((part) => part.toLowerCase())
        .filter((part) => part.length >= 2)
    : [];
  const latin = parts.length > 1 ? [whole, ...parts] : [whole];
  const terms = [...new Set(latin.map(stemLatin))];
  return { text: whole, kind: 'latin', terms, latin, parts: [], stop: isStopWord(whole) };
}

/** Whether splitCompound could split a word: a dot, an underscore or a camelCase boundary. */
function isCompound(word: string): boolean {
  for (let index = 0; index < word.length; index++) {
    const code = word.charCodeAt(index);
    if (code === 0x2e || code === 0x5f) return true;
    if (index > 0 && isUpper(code)) {
      const previous = word.charCodeAt(index - 1);
      if (isLowerOrDigit(previous) || (isUpper(previous) && isLower(word.charCodeAt(index + 1)))) return true;
    }
  }
  return false;
}

const isUpper = (code: number): boolean => code >= 0x41 && code <= 0x5a;
const isLower = (code: number): boolean => code >= 0x61 && code <= 0x7a;
const isLowerOrDigit = (code: number): boolean => isLower(code) || (code >= 0x30 && code <= 0x39);

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
