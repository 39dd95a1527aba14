// References measured in the same run as recap's own figures (the machine drifts 2x in a day,
// so a ratio within one run says more than an absolute figure): the analyzer alone over every
// core, and MiniSearch over the same chunks with the same tokenizer.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import MiniSearch from 'minisearch';
import type { Chunk } from '../src/domain/note.js';
import type { PreparedNote } from '../src/ingest/ingest-note.js';
import { chunkNote } from '../src/notes/chunk.js';
import { parseNote } from '../src/notes/parse.js';
import { answerQuestion } from '../src/recap/answer.js';
import { SearchIndex } from '../src/search/search-index.js';
import { tokenize } from '../src/search/tokenize.js';
import { buildBaseline } from '../tests/quality/baseline.js';
import { buildEvalCorpus, evaluate, figures, isAvailable, loadEvalSet } from '../tests/quality/eval-set.js';
import { evaluateQuestion, fileKey, loadQuestions, scoreResults } from '../tests/quality/evaluate.js';

export const percentile = (values: number[], p: number): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
};
export const round = (value: number, digits = 1): number => Number(value.toFixed(digits));

const BOOT = `
const { workerData, parentPort } = require('node:worker_threads');
(async () => {
  (await import(workerData.tsx)).register();
  await import(workerData.module);
})().catch((error) => { console.error(error); process.exit(1); });
`;

function tsxApiUrl(): string {
  const cjs = createRequire(import.meta.url).resolve('tsx/esm/api');
  const esm = cjs.replace(/\.cjs$/, '.mjs');
  return pathToFileURL(existsSync(esm) ? esm : cjs).href;
}

/**
 * The tokenizer-bound limit of ingest: the same notes prepared (parse, chunk, analyze terms,
 * index record packed) by one worker thread per core, no queue, no Redis. Threads are started
 * and warmed on a few notes first, so the figure is the steady rate.
 */
export async function analyzerLimit(notes: string[], maxBytes: number, threads = availableParallelism()): Promise<{ threads: number; notes: number; seconds: number; notesPerSecond: number; recordBytesPerNote: number }> {
  const module = new URL('./analyzer-thread.ts', import.meta.url).href;
  const workers = await Promise.all(
    Array.from({ length: threads }, async () => {
      const worker = new Worker(BOOT, { eval: true, workerData: { module, tsx: tsxApiUrl() } });
      await new Promise<void>((resolve, reject) => {
        worker.once('message', () => resolve());
        worker.once('error', reject);
      });
      return worker;
    }),
  );
  const run = (worker: Worker, slice: string[], first: number): Promise<{ done: number; recordBytes: number }> =>
    new Promise((resolve) => {
      worker.once('message', resolve);
      worker.postMessage({ notes: slice, first, maxBytes });
    });
  await Promise.all(workers.map((worker, n) => run(worker, notes.slice(n * 20, n * 20 + 20), 1_000_000 + n * 20)));
  const share = Math.ceil(notes.length / threads);
  const started = performance.now();
  const done = await Promise.all(workers.map((worker, n) => run(worker, notes.slice(n * share, (n + 1) * share), n * share)));
  const seconds = (performance.now() - started) / 1000;
  await Promise.all(workers.map((worker) => worker.terminate()));
  const recordBytes = done.reduce((sum, part) => sum + part.recordBytes, 0);
  return { threads, notes: notes.length, seconds: round(seconds, 2), notesPerSecond: round(notes.length / seconds), recordBytesPerNote: Math.round(recordBytes / notes.length) };
}

/**
 * Prepares notes on one thread per core and hands each to `save` (bench:scale: the notes the
 * timed queue ingest did not reach, stored directly so the index is measured at its full size).
 */
export async function prepareOnThreads(notes: string[], first: number, maxBytes: number, save: (prepared: PreparedNote, n: number) => Promise<void>, threads = availableParallelism()): Promise<void> {
  const module = new URL('./analyzer-thread.ts', import.meta.url).href;
  const workers = await Promise.all(
    Array.from({ length: threads }, async () => {
      const worker = new Worker(BOOT, { eval: true, workerData: { module, tsx: tsxApiUrl() } });
      await new Promise<void>((resolve) => worker.once('message', () => resolve()));
      return worker;
    }),
  );
  const BATCH = 100;
  let next = 0;
  await Promise.all(
    workers.map(async (worker) => {
      while (next < notes.length) {
        const from = next;
        next += BATCH;
        const reply = await new Promise<{ prepared: PreparedNote[] }>((resolve) => {
          worker.once('message', resolve);
          worker.postMessage({ notes: notes.slice(from, from + BATCH), first: first + from, maxBytes, keep: true });
        });
        await Promise.all(reply.prepared.map((prepared, offset) => save(prepared, first + from + offset)));
      }
    }),
  );
  await Promise.all(workers.map((worker) => worker.terminate()));
}

interface MiniDoc {
  id: string;
  text: string;
  context: string;
}

function heapUsed(): number {
  for (let n = 0; n < 3; n++) global.gc?.();
  // Typed arrays live outside the JS heap (external), and recap's index is mostly typed arrays.
  const usage = process.memoryUsage();
  return usage.heapUsed + usage.external;
}

/**
 * recap's index against MiniSearch (BM25+, fields as tests/quality/baseline.ts has them) over the
 * same chunks of the same notes, same tokenizer: build time from chunks, heap it holds (needs
 * --expose-gc), and search p50/p99 over the same questions (recap: SearchIndex.search; MiniSearch:
 * search, best 5).
 */
export function searchAgainstMiniSearch(notes: string[], questions: string[]): Record<string, unknown> {
  const parsed = notes.map((text, n) => {
    const note = parseNote(text, { source: `bench/replica-${n}.md`, encoding: 'utf-8' });
    const chunks = chunkNote(note);
    return { note, chunks };
  });
  const chunkCount = parsed.reduce((sum, entry) => sum + entry.chunks.length, 0);

  const before = heapUsed();
  let started = performance.now();
  let ours: SearchIndex | null = new SearchIndex();
  for (const { note, chunks } of parsed) ours.upsertNote({ noteId: note.id, title: note.title, source: note.source }, chunks);
  const oursBuildMs = performance.now() - started;
  const oursHeap = heapUsed() - before;
  const oursTimes = timeQueries(questions, (question) => ours?.search(question, { top: 5 }));
  const askTimes = timeQueries(questions, (question) => ours && answerQuestion(ours, question));
  ours = null;

  const beforeMini = heapUsed();
  started = performance.now();
  let mini: MiniSearch<MiniDoc> | null = new MiniSearch<MiniDoc>({
    fields: ['text', 'context'],
    tokenize: (text) => tokenize(text),
    processTerm: (term) => term,
    searchOptions: { boost: { text: 2 } },
  });
  for (const { note, chunks } of parsed) mini.addAll(chunks.map((chunk: Chunk) => ({ id: chunk.id, text: chunk.text, context: [note.title, ...chunk.section, ...chunk.children.map((child) => child.text)].join('\n') })));
  const miniBuildMs = performance.now() - started;
  const miniHeap = heapUsed() - beforeMini;
  const miniTimes = timeQueries(questions, (question) => mini?.search(question).slice(0, 5));
  mini = null;

  const mb = (bytes: number): number => round(bytes / 2 ** 20);
  return {
    notes: notes.length,
    chunks: chunkCount,
    note: 'both built from the same chunks (recap analyzes them, as a re-index does; MiniSearch tokenizes text + context) with the same tokenizer; memory = heapUsed + external (typed arrays) after GC, minus before',
    recap: { buildMs: Math.round(oursBuildMs), heapMB: mb(oursHeap), heapBytesPerChunk: Math.round(oursHeap / chunkCount), searchP50Ms: round(percentile(oursTimes, 50), 2), searchP99Ms: round(percentile(oursTimes, 99), 2), askP99Ms: round(percentile(askTimes, 99), 2) },
    miniSearch: { buildMs: Math.round(miniBuildMs), heapMB: mb(miniHeap), heapBytesPerChunk: Math.round(miniHeap / chunkCount), searchP50Ms: round(percentile(miniTimes, 50), 2), searchP99Ms: round(percentile(miniTimes, 99), 2) },
    ratios: {
      buildTime: round(oursBuildMs / miniBuildMs, 2),
      heap: round(oursHeap / miniHeap, 2),
      searchP50: round(percentile(oursTimes, 50) / percentile(miniTimes, 50), 2),
      searchP99: round(percentile(oursTimes, 99) / percentile(miniTimes, 99), 2),
    },
  };
}

function timeQueries(questions: string[], run: (question: string) => unknown): number[] {
  for (const question of questions.slice(0, 30)) run(question);
  return questions.map((question) => {
    const started = performance.now();
    run(question);
    return performance.now() - started;
  });
}

/**
 * hit@3 of recap and of MiniSearch on the quality sets, computed as scripts/eval-quality.ts and
 * tests/quality/evaluate.ts compute it: the evaluation set (all splits) and the regression set
 * (questions.json), over the seed note and the shared corpus.
 */
export function qualityAgainstMiniSearch(): Record<string, unknown> {
  const corpus = buildEvalCorpus();
  const baseline = buildBaseline(corpus);
  const evalQuestions = loadEvalSet().filter((question) => isAvailable(corpus, question) && question.expect.length > 0);
  const ours = figures(evalQuestions.map((question) => evaluate(corpus, question))).get('all');
  const base = figures(evalQuestions.map((question) => evaluate(corpus, question, baseline))).get('all');
  const regression = loadQuestions().filter((question) => question.expect.length > 0 && question.expect.every((expected) => expected.file === 'seed' || corpus.notes.has(expected.file)));
  const oursRegression = scoreResults(regression.map((question) => evaluateQuestion(corpus.index, question))).all;
  let baseHits = 0;
  for (const question of regression) {
    const answer = baseline(question.question);
    const position = answer.citations.findIndex((citation) => question.expect.some((expected) => expected.file === fileKey(citation.source) && expected.lines.includes(citation.line)));
    if (position >= 0 && position < 3) baseHits++;
  }
  return {
    notes: corpus.notes.size,
    evalSet: { questions: evalQuestions.length, recapHitAt3: round(ours?.hitAt3 ?? NaN, 3), miniSearchHitAt3: round(base?.hitAt3 ?? NaN, 3), recapHitAt1: round(ours?.hitAt1 ?? NaN, 3), miniSearchHitAt1: round(base?.hitAt1 ?? NaN, 3) },
    regressionSet: { questions: regression.length, recapHitAt3: round(oursRegression?.hitAt3 ?? NaN, 3), miniSearchHitAt3: round(baseHits / regression.length, 3) },
  };
}
