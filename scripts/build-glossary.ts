/**
 * Builds src/search/data/kanji-glossary.json: kanji words ↔ English words from EDICT (the EDRDG
 * Japanese–English dictionary, Debian package `edict`), for cross-lingual search beyond our own
 * list in kanji-terms.ts: 通勤 ↔ commute, 現状 ↔ current, 子育て ↔ parenting. Only common words
 * (EDICT's "(P)" mark) and the computing dictionary (compdic) are read; only one-word glosses of a
 * word's first two senses are kept, so a word maps to what it usually means.
 *
 * Run: apt-get install edict && npm run build:glossary [-- --edict /usr/share/edict]
 */
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { LOANWORD_STOP_WORDS } from '../src/search/stopwords.js';

const { values } = parseArgs({ options: { edict: { type: 'string', default: '/usr/share/edict' } } });
const here = path.dirname(fileURLToPath(import.meta.url));
const OUT = path.join(here, '../src/search/data/kanji-glossary.json');

// A headword of kanji (with kana endings for verbs and adjectives: 動く, 難しい), 2–4 characters.
const HEADWORD = /^\p{Script=Han}[\p{Script=Han}\p{Script=Hiragana}]{1,3}$/u;
const MAX_SENSES = 2;
const MAX_ENGLISH_PER_WORD = 5;
const ENGLISH_WORD = /^[a-z][a-z-]{2,}$/;

interface Entry {
  headword: string;
  english: string[];
}

/** One EDICT line: `見出し [よみ] /(pos) (1) gloss/gloss/(2) gloss/(P)/`. */
function parseLine(line: string, commonOnly: boolean): Entry | null {
  const match = /^(\S+)(?: \[[^\]]*\])? \/(.*)\/$/.exec(line);
  if (!match?.[1] || match[2] === undefined) return null;
  const headword = match[1].normalize('NFKC');
  const fields = match[2].split('/');
  if (commonOnly && !fields.includes('(P)')) return null;
  if (!HEADWORD.test(headword)) return null;
  const english: string[] = [];
  let sense = 1;
  for (const raw of fields) {
    const senseMark = /\((\d+)\)/.exec(raw);
    if (senseMark?.[1]) sense = Number(senseMark[1]);
    if (sense > MAX_SENSES) break;
    const gloss = raw
      .replace(/\([^)]*\)/g, ' ')
      .replace(/\{[^}]*\}/g, ' ')
      .trim()
      .toLowerCase()
      .replace(/^to /, '');
    const word = glossWord(gloss);
    if (word && !LOANWORD_STOP_WORDS.has(word) && !english.includes(word)) english.push(word);
  }
  return english.length > 0 ? { headword, english: english.slice(0, MAX_ENGLISH_PER_WORD) } : null;
}

// "commuting to work" → commuting, "current state" → current: the word of a short gloss that
// carries it; other phrases ("single word", "status quo") say nothing a word would.
const STATE_NOUNS = /^(state|condition|situation|status)$/;

function glossWord(gloss: string): string | null {
  const words = gloss.split(/\s+/);
  if (words.length === 1) return ENGLISH_WORD.test(gloss) ? gloss : null;
  const [first, second] = words;
  if (!first || !ENGLISH_WORD.test(first) || words.length > 3) return null;
  if (first.endsWith('ing')) return first;
  return words.length === 2 && second && STATE_NOUNS.test(second) ? first : null;
}

function read(file: string, commonOnly: boolean): Entry[] {
  const text = new TextDecoder('euc-jp').decode(readFileSync(path.join(values.edict, file)));
  return text
    .split('\n')
    .map((line) => parseLine(line, commonOnly))
    .filter((entry): entry is Entry => entry !== null);
}

const merged = new Map<string, string[]>();
for (const { headword, english } of [...read('edict', true), ...read('compdic', false)]) {
  const known = merged.get(headword) ?? [];
  for (const word of english) if (!known.includes(word) && known.length < MAX_ENGLISH_PER_WORD) known.push(word);
  merged.set(headword, known);
}
const entries = Object.fromEntries([...merged].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([headword, english]) => [headword, english.join('|')]));
const body = JSON.stringify(entries);
const output = {
  attribution:
    'Kanji-English word pairs derived from EDICT and the EDICT computing dictionary (compdic), (c) the Electronic Dictionary Research and Development Group, licensed under CC BY-SA 3.0 (Debian package edict 2021.02.03; scripts/build-glossary.ts). See NOTICE.md.',
  license: 'CC-BY-SA-3.0',
  source: 'https://www.edrdg.org/jmdict/edict.html',
  version: createHash('sha256').update(body).digest('hex').slice(0, 12),
  entries,
};
writeFileSync(OUT, `${JSON.stringify(output)}\n`);
console.log(`${Object.keys(entries).length} kanji words → ${path.relative(process.cwd(), OUT)} (${(Buffer.byteLength(body) / 1024).toFixed(0)} KB)`);
