/**
 * Merges the drafted question files (tests/quality/draft/*.json) into tests/quality/eval-set.json
 * and splits them once into dev and test with a fixed seed: within each draft file (a group of
 * notes) the questions are shuffled by a seeded PRNG and alternate dev/test, so both halves cover
 * every note group, language and kind. Run once; afterwards eval-set.json is the source.
 *
 * Run: node --import tsx scripts/split-questions.ts
 */
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { EvalQuestion } from '../tests/quality/eval-set.js';

const SEED = 20261206;
const quality = path.resolve(import.meta.dirname, '../tests/quality');
const draftDir = path.join(quality, 'draft');

/** mulberry32: a small seeded PRNG, so the split can be reproduced. */
function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const random = prng(SEED);
const questions: EvalQuestion[] = [];
for (const name of readdirSync(draftDir).filter((file) => file.endsWith('.json')).sort()) {
  const drafted = JSON.parse(readFileSync(path.join(draftDir, name), 'utf8')) as Array<Omit<EvalQuestion, 'split'>>;
  // Answerable and unanswerable questions alternate separately, so each half gets its share of both.
  for (const group of [drafted.filter((q) => q.expect.length > 0), drafted.filter((q) => q.expect.length === 0)]) {
    const order = group.map((question) => ({ question, key: random() })).sort((a, b) => a.key - b.key);
    order.forEach(({ question }, position) => questions.push({ ...question, split: position % 2 === 0 ? 'dev' : 'test' }));
  }
}
questions.sort((a, b) => a.id.localeCompare(b.id));
const description =
  'Answer-quality questions of issue 10, written from the notes (seed + shared corpus) by writers who did not see the code; ' +
  `split once into dev (tuning) and test (reporting) by scripts/split-questions.ts with seed ${SEED}. ` +
  'expect: per file, the answering line(s) and their parent line(s); empty = not in the notes.';
writeFileSync(path.join(quality, 'eval-set.json'), `${JSON.stringify({ description, seed: SEED, questions }, null, 1)}\n`);
const count = (split: string, answerable: boolean): number => questions.filter((q) => q.split === split && (q.expect.length > 0) === answerable).length;
console.log(`${questions.length} questions: dev ${count('dev', true)} + ${count('dev', false)} unanswerable, test ${count('test', true)} + ${count('test', false)} unanswerable`);
