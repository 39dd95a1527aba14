import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Worker } from 'bullmq';
import { type IngestResult } from '../../src/domain/ingest-result.js';
import { ingestNote } from '../../src/ingest/ingest-note.js';
import { submitIngest } from '../../src/queue/submit-jobs.js';
import type { Runtime } from '../../src/runtime.js';
import { scheduleDepsOf } from '../../src/schedule/schedule-service.js';
import { addSchedule } from '../../src/schedule/schedule-service.js';
import type { Schedule } from '../../src/domain/schedule.js';
import type { ScheduleRequest } from '../../src/schedule/schedule.js';
import { startIngestWorker, startPostRecapWorker } from '../../src/jobs/start-workers.js';
import { FakeDiscord } from './fake-discord.js';
import { FAST_RECOVERY } from './fast-recovery.js';
import { FakeSlackApi } from './fake-slack-api.js';
import { openTestRuntime } from './test-runtime.js';

export const OWN_FIXTURES = path.resolve(import.meta.dirname, '../fixtures/own');
export const SLACK_CHANNEL = 'C0RECAPS1';


/** A runtime configured for Slack and Discord against local fakes, with the workers a test starts. */
export interface ScheduleHarness {
  runtime: Runtime;
  slack: FakeSlackApi;
  discord: FakeDiscord;
  workers: Worker[];
  startPostWorker(): Worker;
  startIngestWorker(): Worker;
  add(request: Partial<ScheduleRequest> & Pick<ScheduleRequest, 'kind'>): Promise<Schedule>;
  /** Stores a note directly (no queue): for tests about posting, not ingest. */
  store(name: string, text: string): Promise<IngestResult>;
  /** Submits a note through the ingest queue (the worker queues on-ingest posts and edits). */
  submit(name: string, text: string): Promise<void>;
  close(): Promise<void>;
}

export function envFor(slack: FakeSlackApi, discord: FakeDiscord): Record<string, string> {
  return {
    SLACK_BOT_TOKEN: slack.botToken,
    SLACK_SIGNING_SECRET: 'test-signing-secret',
    SLACK_API_URL: slack.apiUrl,
    DISCORD_TOKEN: 'fake.discord.token',
    DISCORD_API_URL: discord.apiUrl,
    RECAP_TIMEZONE: 'Asia/Tokyo',
    RECAP_LANGUAGES: 'ja',
  };
}

/** `env`: more settings (a model, say). */
export async function openScheduleHarness(env: Record<string, string> = {}): Promise<ScheduleHarness> {
  const slack = new FakeSlackApi();
  await slack.start();
  const discord = await new FakeDiscord().start();
  const runtime = await openTestRuntime({ ...envFor(slack, discord), ...env });
  const workers: Worker[] = [];
  const track = (worker: Worker): Worker => {
    workers.push(worker);
    return worker;
  };
  return {
    runtime,
    slack,
    discord,
    workers,
    startPostWorker: () => track(startPostRecapWorker(runtime, FAST_RECOVERY)),
    startIngestWorker: () => track(startIngestWorker(runtime)),
    add: (request) =>
      addSchedule(scheduleDepsOf(runtime), {
        platform: 'slack',
        channel: request.platform === 'discord' ? discord.channelId : SLACK_CHANNEL,
        createdBy: 'test',
        ...request,
      }),
    store: (name, text) => ingestNote(runtime.store, { source: `notes/${name}`, sourceKey: `test:${name}`, bytes: Buffer.from(text), maxBytes: 1_000_000 }),
    submit: async (name, text) => {
      await submitIngest(runtime.queue, runtime.store, { source: `notes/${name}`, sourceKey: `test:${name}`, bytes: Buffer.from(text) });
    },
    close: async () => {
      await Promise.all(workers.map((worker) => worker.close()));
      await runtime.close();
      await slack.stop();
      await discord.stop();
    },
  };
}

export function fixture(name: string): string {
  return readFileSync(path.join(OWN_FIXTURES, name), 'utf8');
}

/** Polls until `check` gives a truthy value (or throws after `timeoutMs`, saying what it waited for). */
export async function eventually<T>(check: () => Promise<T> | T, what: string, timeoutMs = 30_000): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value as NonNullable<T>;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
