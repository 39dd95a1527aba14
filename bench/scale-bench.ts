// `npm run bench:scale`: recap at 2,000, 10,000 and 20,000 notes (BENCH_SCALE_SIZES to change),
// on a local redis-server of its own (never the shared one), and writes bench/results-scale.json.
// Per size, into an emptied database: the notes ingested through the queue by a `recap worker`
// (rate, beside the analyzer limit on the same notes), then a fresh index process (ready time,
// RSS, ask p50/p99) and Redis's own memory. Numbers are reported, never asserted.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { openAppRuntime } from '../src/app/app-runtime.js';
import { loadConfig } from '../src/config.js';
import { createLogger } from '../src/logger.js';
import { submitIngest } from '../src/queue/submit-jobs.js';
import { startLocalRedis } from '../src/store/local-redis.js';
import { loadBaseNotes, makeVariant } from './make-notes.js';
import { analyzerLimit, percentile, prepareOnThreads, round } from './references.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SIZES = (process.env.BENCH_SCALE_SIZES ?? '2000,10000,20000').split(',').map(Number);
// An ingest that has not finished after this long is reported as far as it got (its rate); the
// rest of the notes are then stored directly, without the queue.
const INGEST_TIMEOUT_MS = Number(process.env.BENCH_SCALE_TIMEOUT_MS ?? 120_000);
const SUBMIT_BATCH = 500;

async function main(): Promise<void> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'recap-scale-'));
  const local = await startLocalRedis({ dataDir, persist: false });
  const prefix = `scale-${process.pid}`;
  const env = { ...process.env, REDIS_URL: local.url, RECAP_KEY_PREFIX: prefix, LOG_LEVEL: 'silent', WORKER_CONCURRENCY: '8' };
  const config = loadConfig(env);
  const logger = createLogger('silent', { pretty: false });
  const corpusDir = path.resolve(root, '../shared/corpus/notes');
  const bases = loadBaseNotes(root, existsSync(corpusDir) ? corpusDir : null);
  const questionsFile = path.join(dataDir, 'questions.json');
  writeFileSync(questionsFile, JSON.stringify(buildQuestions(600)));

  const sizes: Array<Record<string, unknown>> = [];
  for (const size of SIZES) {
    const runtime = await openAppRuntime(config, logger, { redisUrl: local.url });
    await runtime.redis.flushall();
    const notes = Array.from({ length: size }, (_, n) => makeVariant(bases[n % bases.length] ?? '', n));
    const bytes = notes.reduce((sum, text) => sum + Buffer.byteLength(text), 0);
    console.log(`${size} notes (${round(bytes / 2 ** 20)} MB): analyzer reference...`);
    // The analyzer on (at most) the first 2,000 notes: the limit is a rate, and the notes repeat.
    const analyzer = await analyzerLimit(notes.slice(0, Math.min(size, 2_000)), config.maxNoteBytes);

    console.log(`${size} notes: ingesting through the queue...`);
    const worker = spawn(process.execPath, [path.join(root, 'bin/recap.js'), 'worker'], { env, stdio: 'ignore' });
    while ((await runtime.queue.getWorkersCount()) === 0) await sleep(50);
    const started = performance.now();
    let stored = 0;
    let timedOut = false;
    for (let first = 0; first < size && !timedOut; first += SUBMIT_BATCH) {
      await Promise.all(
        notes.slice(first, first + SUBMIT_BATCH).map((text, offset) => submitIngest(runtime.queue, runtime.store, { source: `bench/replica-${first + offset}.md`, sourceKey: `bench:${first + offset}`, bytes: Buffer.from(text) })),
      );
      timedOut = performance.now() - started > INGEST_TIMEOUT_MS;
    }
    while (!timedOut && (stored = await runtime.store.countNotes()) < size) {
      await sleep(100);
      timedOut = performance.now() - started > INGEST_TIMEOUT_MS;
    }
    stored = await runtime.store.countNotes();
    const ingestSeconds = (performance.now() - started) / 1000;
    worker.kill('SIGTERM');
    await new Promise((resolve) => worker.on('exit', resolve));
    // What the timed ingest did not reach is stored directly (prepared as ingest prepares it, no
    // queue), so that start-up, memory and asking are measured at the full size.
    const ingested = new Set(await runtime.store.noteIds());
    const missing: number[] = [];
    for (let n = 0; n < size; n++) if (!(await runtime.store.idForSource(`bench:${n}`))) missing.push(n);
    if (missing.length > 0) {
      console.log(`${size} notes: ${missing.length} not reached by the timed ingest, stored directly...`);
      await runtime.queue.obliterate({ force: true });
      const firstMissing = missing[0] ?? size;
      await prepareOnThreads(notes.slice(firstMissing), firstMissing, config.maxNoteBytes, async (prepared, n) => {
        if (ingested.has(prepared.noteId) && (await runtime.store.idForSource(`bench:${n}`))) return;
        const noteId = await runtime.store.claimId(prepared.noteId, `bench:${n}`);
        if (noteId === prepared.noteId) await runtime.store.saveNoteJson(noteId, prepared.noteJson, prepared.record, `bench:${n}`, prepared.listing);
      });
    }
    // Recap jobs the notes queued are dropped: they would be written later, and are not the index.
    await runtime.summarizeQueue.obliterate({ force: true });
    await runtime.queue.clean(0, 0, 'completed');

    console.log(`${size} notes: start-up of an index process...`);
    const probe = spawnSync(process.execPath, ['--expose-gc', '--import', 'tsx', path.join(root, 'bench/ready-probe.ts')], { env: { ...env, PROBE_QUESTIONS: questionsFile }, encoding: 'utf8', maxBuffer: 64 * 2 ** 20 });
    const ready = JSON.parse(probe.stdout.trim().split('\n').pop() ?? '{}') as { readyMs: number; loadMs: number; rssBytes: number; rssEmptyBytes: number; notes: number; chunks: number; askMs: number[] };
    const redis = await redisMemory(runtime, ready.chunks);
    const entry = {
      notes: size,
      stored,
      chunks: ready.chunks,
      ingest: { seconds: round(ingestSeconds, 1), notesPerSecond: round(stored / ingestSeconds), analyzerNotesPerSecond: analyzer.notesPerSecond, ofAnalyzerLimit: round(stored / ingestSeconds / analyzer.notesPerSecond, 2), timedOut, storedDirectly: missing.length },
      readyMs: Math.round(ready.readyMs),
      indexLoadMs: Math.round(ready.loadMs),
      rssMB: round(ready.rssBytes / 2 ** 20),
      rssWithoutIndexMB: round(ready.rssEmptyBytes / 2 ** 20),
      indexBytesPerChunk: Math.round((ready.rssBytes - ready.rssEmptyBytes) / ready.chunks),
      askP50Ms: round(percentile(ready.askMs, 50), 2),
      askP99Ms: round(percentile(ready.askMs, 99), 2),
      redis,
    };
    console.log(JSON.stringify(entry));
    sizes.push(entry);
    await runtime.close();
  }

  const results = {
    measuredAt: new Date().toISOString(),
    machine: { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model ?? 'unknown', memoryGiB: round(os.totalmem() / 2 ** 30), loadAverage: os.loadavg().map((load) => round(load, 1)), node: process.version },
    note: 'per size, an emptied local Redis: ingest through the queue by one `recap worker` (8 jobs at once, threads over every core) beside the analyzer alone on the same machine at the same time; then a fresh process loads the index (ready, RSS after GC) and answers 600 questions',
    targets: { askP99Ms: '<= 10 at 20,000', rssMB: '<= 150 at 2,000, <= 1024 at 20,000', readyMs: '<= 2000 at 2,000, <= 10000 at 20,000', bytesPerChunk: '<= 1024 in Redis and in memory' },
    sizes,
  };
  writeFileSync(path.join(root, 'bench/results-scale.json'), `${JSON.stringify(results, null, 2)}\n`);
  console.table(Object.fromEntries(sizes.map((entry) => [entry['notes'] as number, { 'ingest/s': (entry['ingest'] as { notesPerSecond: number }).notesPerSecond, 'x limit': (entry['ingest'] as { ofAnalyzerLimit: number }).ofAnalyzerLimit, 'ready ms': entry['readyMs'], 'RSS MB': entry['rssMB'], 'B/chunk mem': entry['indexBytesPerChunk'], 'ask p99': entry['askP99Ms'], 'redis MB': (entry['redis'] as { usedMemoryMB: number }).usedMemoryMB, 'B/chunk redis': (entry['redis'] as { indexRecordBytesPerChunk: number }).indexRecordBytesPerChunk }])));
  console.log('written to bench/results-scale.json');
  await local.stop();
  rmSync(dataDir, { recursive: true, force: true });
}

/** INFO memory's used_memory, and what the index records take of it (MEMORY USAGE of every record key). */
async function redisMemory(runtime: Awaited<ReturnType<typeof openAppRuntime>>, chunks: number): Promise<{ usedMemoryMB: number; indexRecordsMB: number; notesJsonMB: number; indexRecordBytesPerChunk: number }> {
  const info = await runtime.redis.info('memory');
  const used = Number(/used_memory:(\d+)/.exec(info)?.[1] ?? NaN);
  const ids = await runtime.store.noteIds();
  let records = 0;
  let notes = 0;
  for (let first = 0; first < ids.length; first += 500) {
    const pipeline = runtime.redis.pipeline();
    for (const id of ids.slice(first, first + 500)) {
      pipeline.memory('USAGE', runtime.store.keys.chunks(id));
      pipeline.memory('USAGE', runtime.store.keys.note(id));
    }
    const replies = (await pipeline.exec()) ?? [];
    replies.forEach(([, value], position) => {
      if (position % 2 === 0) records += Number(value ?? 0);
      else notes += Number(value ?? 0);
    });
  }
  return { usedMemoryMB: round(used / 2 ** 20), indexRecordsMB: round(records / 2 ** 20), notesJsonMB: round(notes / 2 ** 20), indexRecordBytesPerChunk: Math.round(records / Math.max(1, chunks)) };
}

function buildQuestions(count: number): string[] {
  const quality = (JSON.parse(readFileSync(path.join(root, 'tests/quality/questions.json'), 'utf8')) as { questions: Array<{ question: string }> }).questions.map((entry) => entry.question);
  const generated = ['what is Brown Field?', 'サービスメッシュってコンテナ化しないと導入できないの?', 'Envoyとは', 'istio sidecar', 'what is benchmark-term-42', 'GitOps', 'SLOとは何ですか', 'error budget', 'Operatorパターン', 'トラフィック管理'];
  const pool = [...quality, ...generated];
  return Array.from({ length: count }, (_, n) => pool[n % pool.length] ?? 'Envoy');
}

await main();
process.exit(0);
