// `npm run bench:long-line`: a 1 MiB note of one unbroken Japanese line (issue 11: it took 40-50 s
// to prepare and blocked `recap start` for ~37 s) ingested by a running recap (startRecap: workers,
// index and the Slack app in one process, as `recap start` runs them), while a separate process
// playing Slack (bench/slack-load.ts) sends a signed `/recap ask` every 100 ms and times each ack.
// Writes bench/results-long-line.json. Not a test: numbers are reported, never asserted.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startRecap } from '../src/app/start-recap.js';
import { loadConfig } from '../src/config.js';
import { ingestFiles } from '../src/ingest/run-ingest.js';
import { createLogger } from '../src/logger.js';
import { startLocalRedis } from '../src/store/local-redis.js';
import { forkSlackLoad } from './slack-load-process.js';
import type { LoadPlan, ProbeSample } from './slack-load.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SECRET = 'bench-signing-secret-0123456789';
const NOTE_BYTES = 1024 * 1024;
const PROBE_EVERY_MS = 100;
const INGEST_TARGET_MS = 2_000;
const ACK_TARGET_MS = 1_000;

type ChildMessage = { type: 'ready'; apiUrl: string; botToken: string } | { type: 'probe-results'; samples: ProbeSample[] } | { type: 'error'; message: string };

const round = (value: number, digits = 1): number => Number(value.toFixed(digits));
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** The note of the issue: a heading and one line of 'あ' (3 bytes each in UTF-8), 1 MiB in all. */
function longLineNote(): string {
  const head = '# A\n\n';
  return `${head}${'あ'.repeat(Math.floor((NOTE_BYTES - head.length - 1) / 3))}\n`;
}

async function main(): Promise<void> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'recap-long-line-bench-'));
  const notesDir = path.join(dataDir, 'notes');
  mkdirSync(notesDir);
  const local = await startLocalRedis({ dataDir, persist: false });

  const { child: slack, next } = forkSlackLoad<ChildMessage>();
  const { apiUrl, botToken } = await next('ready');

  const config = loadConfig({
    REDIS_URL: local.url,
    NOTES_DIR: notesDir,
    RECAP_DATA_DIR: dataDir,
    RECAP_WATCH: 'false',
    LOG_LEVEL: 'silent',
    SLACK_BOT_TOKEN: botToken,
    SLACK_SIGNING_SECRET: SECRET,
    SLACK_API_URL: apiUrl,
    PORT: '0',
  });
  const recap = await startRecap(config, createLogger('silent', { pretty: false }));
  const slackAdapter = recap.adapters.find((adapter) => adapter.platform === 'slack') as { httpPort?: number | null } | undefined;
  const port = slackAdapter?.httpPort ?? 0;
  const plan: LoadPlan = { port, secret: SECRET, commands: 0, concurrency: 1, warmUp: 0, mentions: 0, questions: ['Envoyとは', 'what is Brown Field?'] };

  const file = path.join(notesDir, 'long-line.md');
  writeFileSync(file, longLineNote());
  slack.send({ type: 'probe', plan, everyMs: PROBE_EVERY_MS });
  await sleep(1_000);
  const ingestStart = Date.now();
  const [outcome] = await ingestFiles(recap.runtime, [file], () => undefined);
  const ingestEnd = Date.now();
  // The index of the running process has it once the note's record arrived there too.
  while (!recap.index.noteIds().includes(outcome?.status === 'failed' ? '' : (outcome?.noteId ?? ''))) {
    if (Date.now() - ingestEnd > 60_000) throw new Error('the note never became searchable');
    await sleep(10);
  }
  const searchableAt = Date.now();
  await sleep(1_000);
  slack.send({ type: 'end-probe' });
  const { samples } = await next('probe-results');

  const during = samples.filter((sample) => sample.sentAt + sample.ackMs >= ingestStart && sample.sentAt <= searchableAt);
  const maxOf = (list: ProbeSample[]): number => Math.max(0, ...list.map((sample) => sample.ackMs));
  const results = {
    measuredAt: new Date().toISOString(),
    machine: { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model ?? 'unknown', node: process.version, loadAverage1m: round(os.loadavg()[0] ?? 0, 2) },
    note: { bytes: NOTE_BYTES, lines: 3, longestLineCharacters: longLineNote().length - 6, status: outcome?.status ?? 'missing' },
    ingest: { ms: ingestEnd - ingestStart, toSearchableMs: searchableAt - ingestStart, target: `< ${INGEST_TARGET_MS} ms`, met: searchableAt - ingestStart < INGEST_TARGET_MS },
    acksWhileIngesting: {
      commands: during.length,
      everyMs: PROBE_EVERY_MS,
      maxMs: round(maxOf(during), 2),
      target: `< ${ACK_TARGET_MS} ms`,
      met: during.length > 0 && maxOf(during) < ACK_TARGET_MS,
    },
    acksOtherwise: { commands: samples.length - during.length, maxMs: round(maxOf(samples.filter((sample) => !during.includes(sample))), 2) },
  };
  writeFileSync(path.join(root, 'bench/results-long-line.json'), `${JSON.stringify(results, null, 2)}\n`);
  console.table({
    '1 MiB one-line note: submit -> searchable (ms)': { measured: results.ingest.toSearchableMs, target: results.ingest.target },
    '/recap ask ack while ingesting, max (ms)': { measured: results.acksWhileIngesting.maxMs, target: results.acksWhileIngesting.target },
    'acks while ingesting': { measured: results.acksWhileIngesting.commands, target: '' },
    '/recap ask ack otherwise, max (ms)': { measured: results.acksOtherwise.maxMs, target: '' },
  });
  console.log('written to bench/results-long-line.json');

  slack.send({ type: 'stop' });
  await new Promise((resolve) => slack.once('exit', resolve));
  await recap.stop();
  await local.stop();
  rmSync(dataDir, { recursive: true, force: true });
}

await main();
process.exit(0);
