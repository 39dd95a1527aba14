// `npm run bench:llm`: LLM calls and tokens needed to summarize (ja, en) and translate the whole
// corpus, counted by a local OpenAI-compatible server that answers at once, so the wall time per
// job is recap's own overhead (queue, Redis, prompts, validation, HTTP to 127.0.0.1), not model time.
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { startWorkers } from '../src/jobs/start-workers.js';
import { loadConfig } from '../src/config.js';
import { ingestFiles } from '../src/ingest/run-ingest.js';
import { createLogger } from '../src/logger.js';
import { openAppRuntime } from '../src/app/app-runtime.js';
import { startLocalRedis } from '../src/store/local-redis.js';
import { FakeOpenAiServer } from '../tests/helpers/fake-openai-server.js';
import { fakeRecapReply } from '../tests/helpers/fake-recap-reply.js';
import { fakeTranslateReply, isTranslatePrompt } from '../tests/helpers/fake-translate-reply.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

async function main(): Promise<void> {
  const server = new FakeOpenAiServer().onRequest((request) => (isTranslatePrompt(request) ? fakeTranslateReply(request) : fakeRecapReply(request)));
  await server.start();
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'recap-llm-bench-'));
  const local = process.env.REDIS_URL ? null : await startLocalRedis({ dataDir, persist: false });
  const redisUrl = process.env.REDIS_URL ?? local?.url ?? '';
  const config = loadConfig({ REDIS_URL: redisUrl, RECAP_KEY_PREFIX: `bench-llm-${process.pid}`, LOG_LEVEL: 'silent', OPENAI_BASE_URL: server.url, OPENAI_MODEL: 'bench-model', RECAP_LANGUAGES: 'ja,en', LLM_MAX_RPM: '100000' });
  const runtime = await openAppRuntime(config, createLogger('silent', { pretty: false }), { redisUrl });
  const workers = startWorkers(runtime);

  const corpusDir = path.resolve(root, '../shared/corpus/notes');
  const files = [path.join(root, 'notes/20190604-cloud-native-meetup-tokyo-8.md')];
  if (existsSync(corpusDir)) files.push(...readdirSync(corpusDir).filter((name) => name.endsWith('.md')).map((name) => path.join(corpusDir, name)));

  const started = performance.now();
  await ingestFiles(runtime, files);
  // Drained when no summarize or translate job is waiting, active or delayed.
  for (;;) {
    const counts = await Promise.all([runtime.summarizeQueue, runtime.translateQueue].map((queue) => queue.getJobCounts('waiting', 'active', 'delayed', 'prioritized')));
    if (counts.every((count) => Object.values(count).every((value) => value === 0))) break;
    await sleep(50);
  }
  const seconds = (performance.now() - started) / 1000;

  const summaryCalls = server.completions.filter((request) => !isTranslatePrompt(request)).length;
  const translateCalls = server.completions.length - summaryCalls;
  const usage = await runtime.usage.byDay(1);
  const tokens = usage.reduce((sum, row) => sum + row.totalTokens, 0);
  const failed = (await runtime.summarizeQueue.getFailedCount()) + (await runtime.translateQueue.getFailedCount());
  const noteLanguages = new Map<string, number>();
  for (const note of await runtime.store.listNotes()) noteLanguages.set(note.language, (noteLanguages.get(note.language) ?? 0) + 1);
  // One summarize job per note and language; one translate job per note and other language.
  const jobs = files.length * 2 + files.length;
  const results = {
    measuredAt: new Date().toISOString(),
    notes: files.length,
    noteLanguages: Object.fromEntries(noteLanguages),
    languages: config.recapLanguages,
    llmCalls: { summarize: summaryCalls, translate: translateCalls, total: server.completions.length },
    tokens: { total: tokens, perNote: Math.round(tokens / files.length) },
    failedJobs: failed,
    wallSeconds: Number(seconds.toFixed(2)),
    overheadMsPerJob: Number(((seconds * 1000) / jobs).toFixed(1)),
    note: 'token counts are the local server estimate (prompt chars / 4): they show prompt sizes, not a provider bill',
  };
  writeFileSync(path.join(root, 'bench/results-llm.json'), `${JSON.stringify(results, null, 2)}\n`);
  console.table({
    notes: { value: results.notes },
    'summarize calls (ja + en)': { value: summaryCalls },
    'translate calls': { value: translateCalls },
    'tokens (estimated)': { value: tokens },
    'failed jobs': { value: failed },
    'overhead per job (ms)': { value: results.overheadMsPerJob },
  });
  await Promise.all(workers.map((worker) => worker.close()));
  await runtime.close();
  await server.stop();
  await local?.stop();
  rmSync(dataDir, { recursive: true, force: true });
}

await main();
process.exit(0);
