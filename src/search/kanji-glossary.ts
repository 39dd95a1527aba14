import { readFileSync } from 'node:fs';
import { stemLatin } from './stem.js';

/**
 * Kanji words ↔ English words from EDICT (data/kanji-glossary.json, built by
 * scripts/build-glossary.ts): the long tail behind our own list in kanji-terms.ts, for words no
 * one listed (通勤 ↔ commute, 現状 ↔ current, 子育て ↔ parenting). Read only when a question needs it.
 */

interface GlossaryFile {
  attribution: string;
  license: string;
  version: string;
  /** kanji word → English words joined by "|", the usual meaning first */
  entries: Record<string, string>;
}

// The file ships next to this module (copy src/search/data/ along with compiled code).
const DATA_URL = new URL('./data/kanji-glossary.json', import.meta.url);
// An English word has many kanji renderings (use → 使用, 利用, 採用 …): the first few, by how
// early the word comes in each one's glosses, are what a note would write.
const MAX_KANJI_PER_WORD = 4;

interface Tables {
  toEnglish: Map<string, string[]>;
  /** Stem of an English word → kanji words. */
  toKanji: Map<string, string[]>;
}

let tables: Tables | null = null;

function load(): Tables {
  if (tables) return tables;
  const file = JSON.parse(readFileSync(DATA_URL, 'utf8')) as GlossaryFile;
  const toEnglish = new Map<string, string[]>();
  const ranked = new Map<string, Array<{ kanji: string; position: number }>>();
  for (const [kanji, joined] of Object.entries(file.entries)) {
    const english = joined.split('|');
    toEnglish.set(kanji, english);
    // A lone kanji (難, 新) matches any compound it is part of: it never stands for an English word.
    if ([...kanji].length < 2) continue;
    english.forEach((word, position) => {
      const key = stemLatin(word);
      const list = ranked.get(key) ?? [];
      list.push({ kanji, position });
      ranked.set(key, list);
    });
  }
  const toKanji = new Map<string, string[]>();
  for (const [key, list] of ranked) {
    list.sort((a, b) => a.position - b.position || a.kanji.length - b.kanji.length);
    toKanji.set(key, list.slice(0, MAX_KANJI_PER_WORD).map((entry) => entry.kanji));
  }
  tables = { toEnglish, toKanji };
  return tables;
}

/** English words for a kanji word as the segmenter gives it (通勤, 難しい). */
export function glossaryEnglish(kanji: string): readonly string[] {
  return load().toEnglish.get(kanji) ?? [];
}

/** Kanji words for an English word (lower case; inflections share a stem: commuting, commute). */
export function glossaryKanji(english: string): readonly string[] {
  return load().toKanji.get(stemLatin(english)) ?? [];
}
