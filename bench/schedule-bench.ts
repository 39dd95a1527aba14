// `npm run bench:schedule`: scheduled recap posts, offline, through the real Slack WebClient and
// discord.js REST against the local fakes the tests use, with two post-recap workers. Writes
// bench/results-schedule.json. Not a test: numbers are reported, never asserted.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { scheduleDepsOf } from '../src/schedule/schedule-service.js';
import { loadAppConfig } from '../src/app/platforms.js';
import { createLogger } from '../src/logger.js';
import { submitIngest } from '../src/queue/submit-jobs.js';
import { openAppRuntime } from '../src/app/app-runtime.js';
import { addSchedule, removeSchedule, runScheduleNow } from '../src/schedule/schedule-service.js';
import { startLocalRedis } from '../src/store/local-redis.js';
import { FakeDiscord } from '../tests/helpers/fake-discord.js';
import { FakeSlackApi } from '../tests/helpers/fake-slack-api.js';
import { deleteKeys } from '../tests/helpers/redis-keys.js';
import { startIngestWorker, startPostRecapWorker } from '../src/jobs/start-workers.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const WINDOWS = 20;
const ON_INGEST_NOTES = 50;
const EDITS = 10;
const SLACK_CHANNEL = 'C0BENCH01';
const fixture = readFileSync(path.join(root, 'tests/fixtures/own/20240315-k8s-benkyoukai-12.md'), 'utf8');

const percentile = (values: number[], p: number): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
};
const round = (value: number, digits = 1): number => Number(value.toFixed(digits));
const stats = (values: number[]): { samples: number; p50: number; p99: number; max: number } => ({ samples: values.length, p50: round(percentile(values, 50)), p99: round(percentile(values, 99)), max: round(Math.max(...values)) });

async function until(check: () => boolean | Promise<boolean>, what: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(2);
  }
}

/** The fixture as note number n (its own title, so each is a new note). */
const noteText = (n: number, revision = 0): string => fixture.replace('# 20240315 Kubernetes勉強会 #12', `# 20240315 Bench meetup #${n}${revision ? ` (rev ${revision})` : ''}`);

async function main(): Promise<void> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'recap-schedule-bench-'));
  const local = process.env.REDIS_URL ? null : await startLocalRedis({ dataDir, persist: false });
  const redisUrl = process.env.REDIS_URL ?? local?.url ?? '';
  const slack = new FakeSlackApi();
  await slack.start();
  const discord = await new FakeDiscord().start();
  const prefix = `bench-${randomBytes(4).toString('hex')}`;
  const config = loadAppConfig({
    REDIS_URL: redisUrl,
    RECAP_KEY_PREFIX: prefix,
    LOG_LEVEL: 'silent',
    RECAP_LANGUAGES: 'ja',
    SLACK_BOT_TOKEN: slack.botToken,
    SLACK_SIGNING_SECRET: 'bench-signing-secret',
    SLACK_API_URL: slack.apiUrl,
    DISCORD_TOKEN: 'fake.discord.token',
    DISCORD_API_URL: discord.apiUrl,
  });
  const runtime = await openAppRuntime(config, createLogger('silent', { pretty: false }), { redisUrl });
  const workers = [startIngestWorker(runtime), startPostRecapWorker(runtime), startPostRecapWorker(runtime)];
  await Promise.all(workers.map((worker) => worker.waitUntilReady()));
  const deps = scheduleDepsOf(runtime);

  // 1. A schedule firing every second, two workers: fire time -> message in the channel.
  const everySecond = await addSchedule(deps, { platform: 'slack', channel: SLACK_CHANNEL, kind: 'digest', cron: '* * * * * *', timezone: 'UTC', sayNothingNew: true, createdBy: 'bench' });
  await until(() => slack.messagesIn(SLACK_CHANNEL).length >= WINDOWS, `${WINDOWS} windows`);
  await removeSchedule(deps, everySecond.id);
  await sleep(1_500);
  const posted = slack.messagesIn(SLACK_CHANNEL);
  const windowOf = (metadata: unknown): string => String((metadata as { event_payload?: { window?: string } }).event_payload?.window);
  const windows = posted.map((message) => windowOf(message.metadata));
  const fireToPost = posted.map((message) => message.at - Number(windowOf(message.metadata).slice(1)));

  // 2. On-ingest to Discord: note submitted -> its recap in the channel, one note at a time.
  await addSchedule(deps, { platform: 'discord', channel: discord.channelId, kind: 'on-ingest', createdBy: 'bench' });
  const discordMessages = () => discord.channelMessages.get(discord.channelId) ?? [];
  const ingestToPost: number[] = [];
  for (let n = 1; n <= ON_INGEST_NOTES; n++) {
    const before = discordMessages().length;
    const submitted = Date.now();
    await submitIngest(runtime.queue, runtime.store, { source: `bench/note-${n}.md`, sourceKey: `bench:${n}`, bytes: Buffer.from(noteText(n)) });
    await until(() => discordMessages().length > before, `the post of note ${n}`);
    ingestToPost.push((discordMessages().at(-1)?.at ?? NaN) - submitted);
  }

  // 3. Edits: a posted recap whose note changes -> the message edited.
  const latest = await addSchedule(deps, { platform: 'slack', channel: 'C0BENCH02', kind: 'latest', cron: '0 0 1 1 *', createdBy: 'bench' });
  await runScheduleNow(deps, latest.id);
  await until(() => slack.messagesIn('C0BENCH02').length === 1, 'the latest post');
  const newest = (await runtime.store.listNotes())[0];
  const newestN = Number(/note-(\d+)/.exec(newest?.source ?? '')?.[1]);
  const changeToEdit: number[] = [];
  for (let revision = 1; revision <= EDITS; revision++) {
    const submitted = Date.now();
    await submitIngest(runtime.queue, runtime.store, { source: `bench/note-${newestN}.md`, sourceKey: `bench:${newestN}`, bytes: Buffer.from(noteText(newestN, revision)) });
    await until(() => (slack.messagesIn('C0BENCH02')[0]?.edits ?? 0) >= revision, `edit ${revision}`);
    changeToEdit.push((slack.messagesIn('C0BENCH02')[0]?.editedAt ?? NaN) - submitted);
  }

  const results = {
    measuredAt: new Date().toISOString(),
    machine: { cpus: os.cpus().length, node: process.version },
    everySecondTwoWorkers: { windows: windows.length, distinctWindows: new Set(windows).size, fireToPostMs: stats(fireToPost) },
    onIngestDiscord: { notesToPostMs: stats(ingestToPost), note: 'submit to the ingest queue -> ingested -> post-recap job -> message (offline recap)' },
    editOnChangeSlack: { changeToEditMs: stats(changeToEdit), note: 'submit the changed note -> ingested -> refresh job -> chat.update' },
  };
  writeFileSync(path.join(root, 'bench/results-schedule.json'), `${JSON.stringify(results, null, 2)}\n`);
  console.table({
    'every second, 2 workers: fire -> post (ms)': { p50: results.everySecondTwoWorkers.fireToPostMs.p50, p99: results.everySecondTwoWorkers.fireToPostMs.p99, note: `${windows.length} windows, ${new Set(windows).size} distinct` },
    'on-ingest: submit -> Discord post (ms)': { p50: results.onIngestDiscord.notesToPostMs.p50, p99: results.onIngestDiscord.notesToPostMs.p99, note: `${ON_INGEST_NOTES} notes` },
    'note changed -> Slack message edited (ms)': { p50: results.editOnChangeSlack.changeToEditMs.p50, p99: results.editOnChangeSlack.changeToEditMs.p99, note: `${EDITS} edits` },
  });
  console.log('written to bench/results-schedule.json');

  await Promise.all(workers.map((worker) => worker.close()));
  await deleteKeys(redisUrl, prefix);
  await runtime.close();
  await slack.stop();
  await discord.stop();
  await local?.stop();
  rmSync(dataDir, { recursive: true, force: true });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
