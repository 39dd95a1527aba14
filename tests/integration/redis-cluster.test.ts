import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Worker } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runDoctor } from '../../src/app/doctor.js';
import { openAppRuntime } from '../../src/app/app-runtime.js';
import { loadAppConfig } from '../../src/app/platforms.js';
import type { Config } from '../../src/config.js';
import { deleteNoteViaQueue, ingestFiles, readSubmission } from '../../src/ingest/run-ingest.js';
import { startPostRecapWorker, startWorkers } from '../../src/jobs/start-workers.js';
import { createLogger } from '../../src/logger.js';
import { submitIngest } from '../../src/queue/submit-jobs.js';
import { answerQuestion } from '../../src/recap/answer.js';
import { openChatRuntime, type Runtime } from '../../src/runtime.js';
import { addSchedule, removeSchedule, runScheduleNow, scheduleDepsOf } from '../../src/schedule/schedule-service.js';
import { IndexSync } from '../../src/search/index-sync.js';
import { SearchIndex } from '../../src/search/search-index.js';
import { AnswerStore } from '../../src/store/answer-store.js';
import { FeedbackStore } from '../../src/store/feedback-store.js';
import { HandledEvents } from '../../src/store/handled-events.js';
import { createRedisClient, isCluster, type RedisClient } from '../../src/store/redis-connection.js';
import { seedNotePath } from '../helpers/corpus.js';
import { FakeDiscord } from '../helpers/fake-discord.js';
import { FakeSlackApi } from '../helpers/fake-slack-api.js';
import { FAST_RECOVERY } from '../helpers/fast-recovery.js';
import { startLocalCluster } from '../helpers/redis-cluster.js';
import { uniquePrefix } from '../helpers/redis-keys.js';
import { envFor, eventually, OWN_FIXTURES, SLACK_CHANNEL } from '../helpers/schedule-harness.js';

const started = await startLocalCluster(3);
const skipped = 'skipped' in started ? started.skipped : null;
// The reason shows in the suite's name, so a skipped run says why.
if (skipped !== null) process.stderr.write(`redis-cluster.test.ts is skipped: ${skipped}\n`);
const cluster = 'skipped' in started ? null : started;

const K8S = '20240315-k8s-benkyoukai-12.md';
const OBSERVABILITY = '2024-02-08-observability-night.md';

describe.skipIf(cluster === null)(`recap on a 3-master Redis Cluster${skipped === null ? '' : ` (skipped: ${skipped})`}`, () => {
  let config: Config;
  let runtime: Runtime;
  let subscriber: RedisClient;
  let slack: FakeSlackApi;
  let discord: FakeDiscord;
  let workers: Worker[] = [];
  let dir: string;
  const index = new SearchIndex();

  beforeAll(async () => {
    slack = new FakeSlackApi();
    await slack.start();
    discord = await new FakeDiscord().start();
    config = loadAppConfig({ REDIS_CLUSTER_NODES: cluster?.nodes ?? '', RECAP_KEY_PREFIX: uniquePrefix(), LOG_LEVEL: 'silent', WEB_PORT: '0', ...envFor(slack, discord) });
    // No redisUrl given: the runtime finds the cluster from the configuration, as `recap start` does.
    runtime = await openAppRuntime(config, createLogger('silent', { pretty: false }));
    subscriber = createRedisClient(runtime.redisUrl);
    await new IndexSync(index, runtime.store, runtime.logger).start(subscriber);
    workers = startWorkers(runtime);
    dir = mkdtempSync(path.join(tmpdir(), 'recap-cluster-'));
  }, 60_000);
  afterAll(async () => {
    await Promise.all(workers.map((worker) => worker.close()));
    subscriber?.disconnect();
    await runtime?.close();
    await slack?.stop();
    await discord?.stop();
    await cluster?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('talks to the cluster with every key of the install under one hash tag', () => {
    expect(isCluster(runtime.redis)).toBe(true);
    expect(config.keyPrefix).toMatch(/^\{test-[0-9a-f]+\}$/);
    expect(runtime.bullPrefix).toBe(`${config.keyPrefix}:bull`);
  });

  it('ingests notes through the queue and a worker, and the index follows them over pub/sub', async () => {
    const seed = path.join(dir, 'seed.md');
    copyFileSync(seedNotePath, seed);
    const outcomes = await ingestFiles(runtime, [seed, path.join(OWN_FIXTURES, K8S)]);
    expect(outcomes.map((outcome) => outcome.status)).toEqual(['ingested', 'ingested']);
    expect(await runtime.store.countNotes()).toBe(2);
    await eventually(() => index.noteIds().length >= 2, 'both notes in the index');
    expect(answerQuestion(index, 'what is Brown Field?').grounded).toBe(true);

    // Submitted without waiting: only the index event tells this process it is there.
    const file = path.join(dir, 'sre-night.md');
    writeFileSync(file, '# 20240501 SRE Night\n\n## Toil\n\n- Toil\n  - 手作業で繰り返し発生し自動化できる運用作業\n');
    await submitIngest(runtime.queue, runtime.store, await readSubmission(file, 1024 * 1024));
    await eventually(() => index.hasNote('sre-night'), 'the submitted note in the index');
    expect(answerQuestion(index, 'Toilとは').citations[0]?.noteId).toBe('sre-night');

    // Deleting a note removes its keys in one transaction (several DELs) and it leaves the index.
    expect(await deleteNoteViaQueue(runtime, 'sre-night')).toBe(true);
    expect(await runtime.store.getNote('sre-night')).toBeNull();
    await eventually(() => !index.hasNote('sre-night'), 'the deleted note gone from the index');
  });

  it('keeps a recap only while its note is unchanged (a two-key script)', async () => {
    const [noteId] = index.noteIds().filter((id) => id.startsWith('20240315'));
    const note = noteId === undefined ? null : await runtime.store.getNote(noteId);
    if (note === null) throw new Error('the k8s note is not stored');
    const summary = {
      noteId: note.id,
      language: 'en',
      contentHash: note.contentHash,
      model: 'offline',
      promptVersion: 'test',
      usage: { promptTokens: 0, completionTokens: 0, totalTokens: 0 },
      llmCalls: 0,
      durationMs: 1,
      createdAt: new Date().toISOString(),
      summary: { overview: 'Operators', talks: [], terms: [], speakers: [] },
    };
    expect(await runtime.summaries.saveIfNoteUnchanged(summary)).toBe(true);
    expect(await runtime.summaries.saveIfNoteUnchanged({ ...summary, contentHash: 'stale' })).toBe(false);
    expect((await runtime.summaries.get(note.id, 'en'))?.summary.overview).toBe('Operators');
  });

  it('adds a schedule and posts its window exactly once', async () => {
    const postWorker = startPostRecapWorker(runtime, FAST_RECOVERY);
    workers.push(postWorker);
    const deps = scheduleDepsOf(runtime);
    const schedule = await addSchedule(deps, { platform: 'slack', channel: SLACK_CHANNEL, createdBy: 'test', kind: 'digest', cron: '0 9 * * 1' });
    // A digest shows what arrived since the schedule began.
    const [arrived] = await ingestFiles(runtime, [path.join(OWN_FIXTURES, OBSERVABILITY)]);
    expect(arrived?.status).toBe('ingested');
    const now = Date.now();
    await runScheduleNow(deps, schedule.id, now);
    await eventually(() => slack.messagesIn(SLACK_CHANNEL).length === 1, 'the digest post');
    // The lease, the post's record and the schedule's status are written in transactions and scripts.
    await eventually(async () => (await runtime.posts.get(schedule.id, `manual-${now}`))?.state === 'posted', 'the window recorded as posted');
    expect((await runtime.posts.get(schedule.id, `manual-${now}`))?.parts).toEqual([slack.messagesIn(SLACK_CHANNEL)[0]?.ts]);
    expect(JSON.stringify(slack.messagesIn(SLACK_CHANNEL)[0]?.blocks)).toContain('Observability Night');
    expect(await removeSchedule(deps, schedule.id)).toBeTruthy();
    expect(await runtime.schedules.get(schedule.id)).toBeNull();
  });

  it('stores and reads conversation messages, questions, usage, answers, feedback and handled events', async () => {
    const now = Date.now();
    const message = { id: '1714000000.000100', channel: SLACK_CHANNEL, threadId: '1714000000.000100', user: 'U1', userName: 'Aki', text: 'Operator の話', at: now - 1_000, url: 'https://slack.example/p1', replyCount: 0, reactionCount: 0, fileCount: 0 };
    await runtime.conversations.save('slack', message, now);
    expect(await runtime.conversations.get('slack', SLACK_CHANNEL, message.id)).toEqual(message);
    expect(await runtime.conversations.threadMessages('slack', SLACK_CHANNEL, message.id)).toEqual([message]);
    expect(await runtime.conversations.channelMessages('slack', SLACK_CHANNEL, now - 60_000)).toEqual([message]);
    // Purging deletes the channel's hash and sorted sets with one DEL of several keys.
    expect(await runtime.conversations.purge('slack', SLACK_CHANNEL)).toBeGreaterThan(0);
    expect(await runtime.conversations.get('slack', SLACK_CHANNEL, message.id)).toBeNull();

    await runtime.questions.record({ question: 'Toilとは', answered: true, surface: 'chat', cited: { noteId: 'sre-night', line: 5 }, at: new Date().toISOString() });
    expect((await runtime.questions.latest(1))[0]?.question).toBe('Toilとは');

    await runtime.usage.record('gpt-test', { promptTokens: 10, completionTokens: 5, totalTokens: 15 });
    expect(await runtime.usage.tokensToday()).toBe(15);

    const answers = new AnswerStore(runtime.redis, config.keyPrefix);
    const saved = await answers.save({ question: 'Toilとは', reply: { kind: 'answer', text: 'toil', citations: [] }, platform: 'slack', user: 'U1' });
    expect((await answers.get(saved.id))?.question).toBe('Toilとは');
    const feedback = new FeedbackStore(runtime.redis, config.keyPrefix);
    await feedback.record({ answerId: saved.id, question: 'Toilとは', platform: 'slack', user: 'U1', value: 'helpful', at: new Date().toISOString() });
    expect((await feedback.list()).map((vote) => vote.value)).toEqual(['helpful']);
    const handled = new HandledEvents(runtime.redis, config.keyPrefix);
    expect(await handled.claim('slack', 'Ev1')).toBe(true);
    expect(await handled.claim('slack', 'Ev1')).toBe(false);
  });

  it('gives chat its fail-fast connections on the cluster too', async () => {
    const chat = await openChatRuntime(runtime);
    try {
      expect(isCluster(chat.redis)).toBe(true);
      expect(await chat.store.countNotes()).toBe(3);
      // A note saved from chat goes through the chat's own queue connection.
      const file = path.join(dir, 'from-chat.md');
      writeFileSync(file, '# 20240601 Frontend LT\n\n## Islands\n\n- Islands Architecture\n  - ページの一部だけをhydrateする設計\n');
      await submitIngest(chat.queue, chat.store, await readSubmission(file, 1024 * 1024));
      await eventually(() => index.hasNote('from-chat'), 'the note submitted from chat in the index');
    } finally {
      await chat.close();
    }
  });

  it('recap doctor says it talks to a healthy cluster', async () => {
    const checks = await runDoctor(config, config.redis.url);
    const check = checks.find((entry) => entry.name === 'redis cluster');
    expect(check).toMatchObject({ ok: true });
    expect(check?.detail).toContain('cluster_state:ok');
    expect(check?.detail).toContain('3 master(s)');
    expect(checks.find((entry) => entry.name === 'redis')?.ok).toBe(true);
  });

  it('left every key of the install in one slot on one node', async () => {
    const holders: string[][] = [];
    for (const client of cluster?.clients() ?? []) {
      const keys: string[] = [];
      let cursor = '0';
      do {
        const [next, batch] = await client.scan(cursor, 'COUNT', 1000);
        cursor = next;
        keys.push(...batch);
      } while (cursor !== '0');
      holders.push(keys);
    }
    const withKeys = holders.filter((keys) => keys.length > 0);
    expect(withKeys).toHaveLength(1);
    const keys = withKeys[0] ?? [];
    expect(keys.some((key) => key.startsWith(`${config.keyPrefix}:bull:`))).toBe(true);
    expect(keys.every((key) => key.startsWith(`${config.keyPrefix}:`))).toBe(true);
  });
});
