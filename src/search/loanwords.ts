import { readFileSync } from 'node:fs';
import { foldKatakana } from './normalize.js';
import { stemLatin } from './stem.js';

/**
 * Katakana ↔ English word pairs (サービス ↔ service, メッシュ ↔ mesh), for cross-lingual search.
 * Only the compact generated file (data/loanwords.json, built by scripts/build-loanwords.ts from
 * Sudachi's synonym dictionary) is read at run time: about 0.6 MB instead of the 14 MB source.
 */

interface LoanwordFile {
  attribution: string;
  license: string;
  version: string;
  /** folded katakana → English spellings joined by "|" */
  entries: Record<string, string>;
}

interface LoanwordTables {
  toEnglish: Map<string, string[]>;
  toKatakana: Map<string, string[]>;
  /** Stem of a one-word English entry → katakana, for inflected questions ("containers"). */
  toKatakanaByStem: Map<string, string[]>;
  longestKatakana: number;
}

// The file ships next to this module (copy src/search/data/ along with compiled code).
const DATA_URL = new URL('./data/loanwords.json', import.meta.url);
// A compound part shorter than this is a kana fragment (ス, ド), not a word.
const MIN_PART_CHARS = 2;

const file = JSON.parse(readFileSync(DATA_URL, 'utf8')) as LoanwordFile;
let tables: LoanwordTables | null = null;

/** Version of the loanword data; part of the tokenizer version because compound splits depend on it. */
export const LOANWORDS_VERSION: string = file.version;

/** Attribution of the loanword data (Apache-2.0, Works Applications / Sudachi). */
export const LOANWORDS_ATTRIBUTION: string = file.attribution;

function load(): LoanwordTables {
  if (tables) return tables;
  const toEnglish = new Map<string, string[]>();
  const toKatakana = new Map<string, string[]>();
  const toKatakanaByStem = new Map<string, string[]>();
  let longestKatakana = 0;
  for (const [kana, joined] of Object.entries(file.entries)) {
    const english = joined.split('|');
    toEnglish.set(kana, english);
    longestKatakana = Math.max(longestKatakana, kana.length);
    for (const word of english) {
      push(toKatakana, word, kana);
      if (!word.includes(' ')) push(toKatakanaByStem, stemLatin(word), kana);
    }
  }
  tables = { toEnglish, toKatakana, toKatakanaByStem, longestKatakana };
  return tables;
}

function push(map: Map<string, string[]>, key: string, value: string): void {
  const list = map.get(key);
  if (!list) map.set(key, [value]);
  else if (!list.includes(value)) list.push(value);
}

/** English spellings of a katakana word (normalized: NFKC, folded with foldKatakana). */
export function englishForKatakana(katakana: string): string[] {
  return load().toEnglish.get(foldKatakana(katakana)) ?? [];
}

/**
 * Katakana spellings of an English word or phrase (lower case). An inflected word falls back to
 * its stem, so "containers" finds コンテナ like "container" does (only inflected ones: the stem
 * of "toil" would also be that of "toile", トワル).
 */
export function katakanaForEnglish(english: string): string[] {
  const { toKatakana, toKatakanaByStem } = load();
  const exact = toKatakana.get(english);
  if (exact) return exact;
  if (!INFLECTED.test(english)) return [];
  return toKatakanaByStem.get(stemLatin(english)) ?? [];
}

const INFLECTED = /^[a-z]{3,}(s|ed|ing)$/;

/** Whether a (folded) katakana word is in the loanword table. */
export function isKnownKatakana(katakana: string): boolean {
  return load().toEnglish.has(foldKatakana(katakana));
}

/**
 * Splits a katakana compound into known words, greedy longest match from the left
 * (サービスメッシュ → サービス + メッシュ). Returns null unless known words cover it entirely
 * with at least two parts: a partial split is more often wrong than right.
 */
export function splitKatakanaCompound(run: string): string[] | null {
  const { toEnglish, longestKatakana } = load();
  const parts: string[] = [];
  let start = 0;
  while (start < run.length) {
    let matched = 0;
    for (let end = Math.min(run.length, start + longestKatakana); end - start >= MIN_PART_CHARS; end--) {
      if (toEnglish.has(foldKatakana(run.slice(start, end)))) {
        matched = end - start;
        break;
      }
    }
    if (matched === 0) return null;
    parts.push(foldKatakana(run.slice(start, start + matched)));
    start += matched;
  }
  return parts.length >= 2 ? parts : null;
}
