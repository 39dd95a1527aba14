// `npm run bench`: measures recap on this machine and writes bench/results.json. Not a test:
// numbers are reported, never asserted.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { captureMessage } from '../src/chat/capture-message.js';
import { loadConfig } from '../src/config.js';
import { createLogger, type Logger } from '../src/logger.js';
import { gatherConversation } from '../src/recap/conversation-messages.js';
import { writeConversationRecap } from '../src/recap/write-conversation-recap.js';
import type { Runtime } from '../src/runtime.js';
import { submitIngest } from '../src/queue/submit-jobs.js';
import { answerQuestion } from '../src/recap/answer.js';
import { openAppRuntime } from '../src/app/app-runtime.js';
import { IndexSync } from '../src/search/index-sync.js';
import { SearchIndex } from '../src/search/search-index.js';
import { startLocalRedis } from '../src/store/local-redis.js';
import { createRedis } from '../src/store/redis-connection.js';
import { RecapMetrics } from '../src/web/metrics.js';
import { serveWeb } from '../src/web/serve-web.js';
import { ingestFiles } from '../src/ingest/run-ingest.js';
import { percentile, round } from './references.js';
import { loadBaseNotes, makeVariant, writeNotes } from './make-notes.js';
import { analyzerLimit, qualityAgainstMiniSearch, searchAgainstMiniSearch } from './references.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const NOTE_COUNT = Number(process.env.BENCH_NOTES ?? 2_000);
const QUESTION_COUNT = 600;
const SYNC_SAMPLES = 20;
const WORKER_CONCURRENCY = '8';
const RECAP_TIMEOUT_MS = 180_000;

const CLI_NOTE_COUNT = Number(process.env.BENCH_CLI_NOTES ?? 2_000);

async function main(): Promise<void> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'recap-bench-'));
  const local = process.env.REDIS_URL ? null : await startLocalRedis({ dataDir, persist: false });
  const redisUrl = process.env.REDIS_URL ?? local?.url ?? '';
  const prefix = `bench-${process.pid}`;
  const env = { ...process.env, REDIS_URL: redisUrl, RECAP_KEY_PREFIX: prefix, LOG_LEVEL: 'silent', WORKER_CONCURRENCY };
  const config = loadConfig(env);
  const logger = createLogger('silent', { pretty: false });
  const runtime = await openAppRuntime(config, logger, { redisUrl });

  const corpusDir = path.resolve(root, '../shared/corpus/notes');
  const bases = loadBaseNotes(root, existsSync(corpusDir) ? corpusDir : null);
  const notes = Array.from({ length: NOTE_COUNT }, (_, n) => makeVariant(bases[n % bases.length] ?? '', n));

  // The reference for every ingest figure: the analyzer alone over every core, same notes, no Redis.
  console.log(`analyzer reference: preparing ${NOTE_COUNT} notes on ${os.availableParallelism()} threads...`);
  const analyzer = await analyzerLimit(notes, config.maxNoteBytes);
  const cliNotes = notes.slice(0, CLI_NOTE_COUNT);
  const cliAnalyzer = CLI_NOTE_COUNT === NOTE_COUNT ? analyzer : await analyzerLimit(cliNotes, config.maxNoteBytes);

  // `recap ingest <folder>` as a user runs it: a child process, cold start included; alone (the
  // command works its own jobs) and with a `recap worker` running. Each in a key prefix of its own.
  const cliDir = path.join(dataDir, 'cli-notes');
  writeNotes(cliDir, cliNotes);
  const cliSolo = await benchCli(cliDir, { ...env, RECAP_KEY_PREFIX: `${prefix}-cli-solo` }, false);
  const cliWithWorker = await benchCli(cliDir, { ...env, RECAP_KEY_PREFIX: `${prefix}-cli-worker` }, true);
  // The same files through ingestFiles in this process (what the command runs, without its start-up).
  const inProcess = await benchInProcess(cliDir, { ...env, RECAP_KEY_PREFIX: `${prefix}-in-process` }, redisUrl, logger);

  // A separate worker process, as in production (`recap worker`); this process plays the bot.
  const worker = spawn(process.execPath, [path.join(root, 'bin/recap.js'), 'worker'], { env, stdio: 'ignore' });
  while ((await runtime.queue.getWorkersCount()) === 0) await sleep(50);

  const index = new SearchIndex();
  const subscriber = createRedis(redisUrl);
  await new IndexSync(index, runtime.store, logger).start(subscriber);

  console.log(`ingesting ${NOTE_COUNT} notes (${bases.length} distinct sources, varied) through the queue...`);
  const ingestStart = performance.now();
  await Promise.all(
    notes.map((text, n) => submitIngest(runtime.queue, runtime.store, { source: `bench/replica-${n}.md`, sourceKey: `bench:${n}`, bytes: Buffer.from(text) })),
  );
  while (index.noteIds().length < NOTE_COUNT) await sleep(5);
  const ingestEnd = performance.now();
  const ingestSeconds = (ingestEnd - ingestStart) / 1000;

  // Submit-to-searchable time for single notes, one at a time (worker idle).
  const syncDelays: number[] = [];
  for (let n = 0; n < SYNC_SAMPLES; n += 1) {
    const id = NOTE_COUNT + n;
    const started = performance.now();
    await submitIngest(runtime.queue, runtime.store, { source: `bench/sync-${id}.md`, sourceKey: `bench:sync:${id}`, bytes: Buffer.from(makeVariant(bases[0] ?? '', id)) });
    while (index.noteIds().length < NOTE_COUNT + n + 1) await sleep(1);
    syncDelays.push(performance.now() - started);
  }

  // The recaps every ingested note queues (offline: extractive) wait while the worker ingests;
  // how long after the batch became searchable they are all written.
  const recapJobs = NOTE_COUNT * config.recapLanguages.length;
  const pendingRecaps = async (): Promise<number> => {
    const counts = await runtime.summarizeQueue.getJobCounts('waiting', 'active', 'delayed', 'prioritized');
    return Object.values(counts).reduce((sum, count) => sum + count, 0);
  };
  while ((await pendingRecaps()) > 0 && performance.now() - ingestEnd < RECAP_TIMEOUT_MS) await sleep(50);
  const recapsSeconds = (performance.now() - ingestEnd) / 1000;
  worker.kill('SIGTERM');

  const questions = buildQuestions(QUESTION_COUNT);
  for (const question of questions.slice(0, 30)) answerQuestion(index, question);
  const askTimes = questions.map((question) => {
    const started = performance.now();
    answerQuestion(index, question);
    return performance.now() - started;
  });

  // The same questions as a bot process sees them, with and without the web page being browsed
  // on the same event loop: each question waits its turn (setImmediate) and is timed from then.
  const askQueued = async (): Promise<number[]> => {
    const times: number[] = [];
    for (const question of questions) {
      const started = performance.now();
      await new Promise((resolve) => setImmediate(resolve));
      answerQuestion(index, question);
      times.push(performance.now() - started);
    }
    return times;
  };
  const withoutPages = await askQueued();
  const web = await serveWeb({ enabled: true, host: '127.0.0.1', port: 0, publicPages: true, adminToken: null, publicUrl: null, workerPort: null }, {
    runtime,
    index,
    ask: async (question) => ({ ...answerQuestion(index, question), mode: 'extractive' as const }),
    indexLoaded: () => true,
    metrics: new RecapMetrics({ queues: [runtime.queue], index, usage: runtime.usage }),
    logger,
  });
  const pages = ['/notes', '/notes/replica-7', `/ask?q=${encodeURIComponent('what is Brown Field?')}`, '/notes?q=Envoy', '/metrics'];
  let browsing = true;
  let pagesServed = 0;
  const browse = (async () => {
    while (browsing) {
      const response = await fetch(`${web.url}${pages[pagesServed % pages.length] ?? '/notes'}`);
      await response.arrayBuffer();
      pagesServed += 1;
    }
  })();
  const withPages = await askQueued();
  browsing = false;
  await browse;
  await web.close();
  subscriber.disconnect();

  const threadRecap = await benchThreadRecap(runtime, logger);

  console.log('search reference: recap and MiniSearch over the same chunks...');
  const search = searchAgainstMiniSearch(notes, questions);
  const quality = qualityAgainstMiniSearch();

  const probe = spawnSync(process.execPath, ['--expose-gc', '--import', 'tsx', path.join(root, 'bench/ready-probe.ts')], { env, encoding: 'utf8' });
  const ready = JSON.parse(probe.stdout.trim().split('\n').pop() ?? '{}') as { readyMs: number; loadMs: number; rssBytes: number; rssEmptyBytes: number; notes: number; chunks: number };
  const redisMemory = await usedMemory(runtime.redis);
  const cliRatio = (rate: number): number => round(rate / cliAnalyzer.notesPerSecond, 2);

  const results = {
    measuredAt: new Date().toISOString(),
    machine: { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model ?? 'unknown', memoryGiB: round(os.totalmem() / 2 ** 30), node: process.version },
    analyzerReference: { ...analyzer, note: 'parse + chunk + analyze terms + pack the index record, one worker thread per core, no queue, no Redis: the tokenizer-bound limit of ingest' },
    ingest: {
      notes: NOTE_COUNT,
      seconds: round(ingestSeconds, 2),
      notesPerSecond: round(NOTE_COUNT / ingestSeconds),
      ofAnalyzerLimit: round(NOTE_COUNT / ingestSeconds / analyzer.notesPerSecond, 2),
      workerProcesses: 1,
      workerConcurrency: Number(WORKER_CONCURRENCY),
      note: 'submitted from this process, ingested by a separate `recap worker`, timed until this process\'s index has them all',
      target: '>= 200 notes/s',
    },
    cliIngest: {
      notes: CLI_NOTE_COUNT,
      analyzerNotesPerSecond: cliAnalyzer.notesPerSecond,
      alone: { ...cliSolo, ofAnalyzerLimit: cliRatio(cliSolo.notesPerSecond) },
      withWorker: { ...cliWithWorker, ofAnalyzerLimit: cliRatio(cliWithWorker.notesPerSecond) },
      inProcess: { ...inProcess, ofAnalyzerLimit: cliRatio(inProcess.notesPerSecond) },
      note: '`node bin/recap.js ingest <folder>` as a child process, wall time from spawn to exit; "inProcess" runs ingestFiles on the same folder in this process (no start-up); each into empty keys',
      target: '>= 400 notes/s or >= 0.7 of the analyzer limit',
    },
    searchReference: search,
    qualityReference: quality,
    recaps: { jobs: recapJobs, doneSecondsAfterIngest: round(recapsSeconds, 2), note: 'offline extractive recaps; they wait while the worker ingests' },
    submitToSearchableMs: { samples: SYNC_SAMPLES, p50: round(percentile(syncDelays, 50)), max: round(Math.max(...syncDelays)), target: '<= 1000 ms' },
    ask: { questions: askTimes.length, notesIndexed: index.noteIds().length, chunks: index.size, p50Ms: round(percentile(askTimes, 50), 2), p99Ms: round(percentile(askTimes, 99), 2), target: 'p99 <= 30 ms' },
    askWhileBrowsing: {
      note: 'each question timed from its turn on the event loop; "with" has the web page browsed in a loop meanwhile (notes list of 2,000, a note, ask, search, metrics)',
      withoutPagesP99Ms: round(percentile(withoutPages, 99), 2),
      withPagesP99Ms: round(percentile(withPages, 99), 2),
      addedP99Ms: round(percentile(withPages, 99) - percentile(withoutPages, 99), 2),
      pagesServed,
      target: 'added p99 <= 10 ms',
    },
    threadRecap,
    startToReady: { notes: ready.notes, chunks: ready.chunks, ms: round(ready.readyMs), indexLoadMs: round(ready.loadMs), rssMB: round(ready.rssBytes / 2 ** 20), rssWithoutIndexMB: round(ready.rssEmptyBytes / 2 ** 20), indexBytesPerChunk: Math.round((ready.rssBytes - ready.rssEmptyBytes) / ready.chunks), target: 'ready <= 2 s, RSS <= 150 MB' },
    redis: { usedMemoryMB: round(redisMemory / 2 ** 20), note: 'INFO memory used_memory of the whole bench database (the queue run, three CLI runs and the chat thread)' },
  };
  writeFileSync(path.join(root, 'bench/results.json'), `${JSON.stringify(results, null, 2)}\n`);
  console.table({
    'analyzer limit (notes/s)': { measured: analyzer.notesPerSecond, target: 'reference' },
    'ingest via queue (notes/s)': { measured: results.ingest.notesPerSecond, target: `x${results.ingest.ofAnalyzerLimit} of limit` },
    'recap ingest, CLI alone (notes/s)': { measured: cliSolo.notesPerSecond, target: `x${results.cliIngest.alone.ofAnalyzerLimit} of limit` },
    'recap ingest, CLI + worker (notes/s)': { measured: cliWithWorker.notesPerSecond, target: `x${results.cliIngest.withWorker.ofAnalyzerLimit} of limit` },
    'ingestFiles in process (notes/s)': { measured: inProcess.notesPerSecond, target: `x${results.cliIngest.inProcess.ofAnalyzerLimit} of limit` },
    'submit -> searchable p50 (ms)': { measured: results.submitToSearchableMs.p50, target: '<= 1000' },
    'recaps done after ingest (s)': { measured: results.recaps.doneSecondsAfterIngest, target: '' },
    'ask p50 (ms)': { measured: results.ask.p50Ms, target: '' },
    'ask p99 (ms)': { measured: results.ask.p99Ms, target: '<= 30' },
    'ask p99 added by browsing (ms)': { measured: results.askWhileBrowsing.addedP99Ms, target: '<= 10' },
    'capture a chat message p50 (ms)': { measured: results.threadRecap.captureP50Ms, target: '' },
    'recap of a 500-message thread p50 (ms)': { measured: results.threadRecap.recapP50Ms, target: '<= 3000' },
    'start to ready (ms)': { measured: results.startToReady.ms, target: '<= 5000' },
    'RSS with index (MB)': { measured: results.startToReady.rssMB, target: '<= 150' },
  });
  console.log(JSON.stringify({ search, quality }, null, 2));
  console.log('written to bench/results.json');

  await runtime.close();
  await local?.stop();
  rmSync(dataDir, { recursive: true, force: true });
}

async function usedMemory(redis: Runtime['redis']): Promise<number> {
  const info = await redis.info('memory');
  return Number(/used_memory:(\d+)/.exec(info)?.[1] ?? NaN);
}

/** `recap ingest <dir>` as a child process, optionally with a `recap worker` already listening. */
async function benchCli(dir: string, env: NodeJS.ProcessEnv, withWorker: boolean): Promise<{ seconds: number; notesPerSecond: number; ingested: number }> {
  const cli = path.join(root, 'bin/recap.js');
  let worker: ReturnType<typeof spawn> | null = null;
  if (withWorker) {
    worker = spawn(process.execPath, [cli, 'worker'], { env, stdio: 'ignore' });
    const config = loadConfig(env);
    const probe = await openAppRuntime(config, createLogger('silent', { pretty: false }), { redisUrl: env.REDIS_URL ?? '' });
    while ((await probe.queue.getWorkersCount()) === 0) await sleep(50);
    await probe.close();
  }
  const started = performance.now();
  const child = spawn(process.execPath, [cli, 'ingest', dir, '--json'], { env, stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  child.stdout.setEncoding('utf8').on('data', (data: string) => (out += data));
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  const seconds = (performance.now() - started) / 1000;
  worker?.kill('SIGTERM');
  if (worker) await new Promise((resolve) => worker.on('exit', resolve));
  const ingested = out.split('\n').filter((line) => line.includes('"status":"ingested"')).length;
  if (code !== 0) throw new Error(`recap ingest exited with ${code}`);
  return { seconds: round(seconds, 2), notesPerSecond: round(ingested / seconds), ingested };
}

/** ingestFiles on a folder's files in this process (it works its own jobs: no worker listens on these keys). */
async function benchInProcess(dir: string, env: NodeJS.ProcessEnv, redisUrl: string, logger: Logger): Promise<{ seconds: number; notesPerSecond: number; ingested: number }> {
  const runtime = await openAppRuntime(loadConfig(env), logger, { redisUrl });
  const files = readdirSync(dir).map((name) => path.join(dir, name));
  const started = performance.now();
  const outcomes = await ingestFiles(runtime, files);
  const seconds = (performance.now() - started) / 1000;
  await runtime.close();
  const ingested = outcomes.filter((outcome) => outcome.status === 'ingested').length;
  return { seconds: round(seconds, 2), notesPerSecond: round(ingested / seconds), ingested };
}

/**
 * A thread of 500 messages as a meetup channel has them (questions with answers, links, reactions),
 * captured one by one as the adapters do, then recapped offline (gather from Redis + extractive
 * recap) as `@recap まとめて` runs it, 10 times.
 */
async function benchThreadRecap(runtime: Runtime, logger: Logger): Promise<{ messages: number; captureP50Ms: number; recapP50Ms: number; recapMaxMs: number; target: string }> {
  const count = 500;
  const start = Date.now() - count * 1000;
  const captureTimes: number[] = [];
  for (let n = 0; n < count; n += 1) {
    const text = n % 7 === 0 ? `Envoyのサイドカーってどう設定してます？ (${n})` : n % 11 === 0 ? `資料です https://example.com/slides/${n}` : `サービスメッシュの話 ${n}: Istioのトラフィック管理が便利`;
    const message = { id: `1700000000.${String(n).padStart(6, '0')}`, channel: 'CBENCH', threadId: '1700000000.000000', user: `U${n % 40}`, userName: `member${n % 40}`, text, at: start + n * 1000, url: `https://bench.slack.com/archives/CBENCH/p1700000000${String(n).padStart(6, '0')}`, replyCount: 0, reactionCount: n % 13, fileCount: 0 };
    const started = performance.now();
    await captureMessage(runtime, 'slack', message, { fromBot: false, reactions: [] }, null, logger);
    captureTimes.push(performance.now() - started);
  }
  const scope = { platform: 'slack', channel: 'CBENCH', threadId: '1700000000.000000', since: null };
  const recapTimes: number[] = [];
  for (let n = 0; n < 10; n += 1) {
    const started = performance.now();
    const gathered = await gatherConversation(runtime.conversations, null, scope);
    const reply = await writeConversationRecap(runtime, scope, gathered, 'ja', logger);
    recapTimes.push(performance.now() - started);
    if (!reply.text.includes(`${count}件`)) throw new Error(`the thread recap did not cover ${count} messages: ${reply.text.slice(0, 80)}`);
  }
  return { messages: count, captureP50Ms: round(percentile(captureTimes, 50), 2), recapP50Ms: round(percentile(recapTimes, 50), 1), recapMaxMs: round(Math.max(...recapTimes), 1), target: 'recap <= 3000 ms (offline)' };
}

/** Mixed questions: our quality set (ja, en, cross-lingual) plus generated ones, repeated to count. */
function buildQuestions(count: number): string[] {
  const qualityFile = path.join(root, 'tests/quality/questions.json');
  const quality = existsSync(qualityFile) ? (JSON.parse(readFileSync(qualityFile, 'utf8')) as { questions: Array<{ question: string }> }).questions.map((entry) => entry.question) : [];
  const generated = ['what is Brown Field?', 'サービスメッシュってコンテナ化しないと導入できないの?', 'Envoyとは', 'istio sidecar', 'what is benchmark-term-42', 'GitOps', 'SLOとは何ですか', 'error budget', 'Operatorパターン', 'トラフィック管理'];
  const pool = [...quality, ...generated];
  return Array.from({ length: count }, (_, n) => pool[n % pool.length] ?? 'Envoy');
}

await main();
process.exit(0);
