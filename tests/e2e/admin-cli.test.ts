import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { UsageStore } from '../../src/store/usage-store.js';
import { createRedis } from '../../src/store/redis-connection.js';
import { FakeOpenAiServer } from '../helpers/fake-openai-server.js';
import { recapRunner } from '../helpers/run-recap.js';
import { deleteKeys, uniquePrefix } from '../helpers/test-runtime.js';

const prefix = uniquePrefix();
const recap = recapRunner({ prefix });

describe('recap doctor, jobs and usage', () => {
  const server = new FakeOpenAiServer();
  beforeAll(async () => {
    await server.start();
  });
  afterAll(async () => {
    await server.stop();
    await deleteKeys(inject('redisUrl'), prefix);
  });

  it('doctor passes offline and with a reachable model server', async () => {
    const offline = await recap(['doctor']);
    expect(offline.status).toBe(0);
    expect(offline.stdout).toMatch(/ok\s+redis: Redis \d/);
    expect(offline.stdout).toMatch(/offline mode/);
    const online = await recap(['doctor'], { env: { OPENAI_BASE_URL: server.url, OPENAI_MODEL: 'fake-model' } });
    expect(online.stdout).toMatch(/ok\s+llm model: fake-model is offered/);
    expect(online.status).toBe(0);
  });

  it('doctor says what is wrong', async () => {
    const wrongModel = await recap(['doctor'], { env: { OPENAI_BASE_URL: server.url, OPENAI_MODEL: 'no-such-model' } });
    expect(wrongModel.status).toBe(1);
    expect(wrongModel.stdout).toMatch(/FAIL\s+llm model: no-such-model is not in the server's list/);
    const unreachable = await recap(['doctor'], { env: { OPENAI_BASE_URL: 'http://127.0.0.1:9/v1', LLM_MAX_RETRIES: '0' } });
    expect(unreachable.status).toBe(1);
    expect(unreachable.stdout).toMatch(/FAIL\s+llm server: Cannot reach/);
    const badConfig = await recap(['doctor'], { env: { LLM_PROVIDER: 'openai' } });
    expect(badConfig.status).toBe(2);
    expect(badConfig.stderr).toMatch(/LLM_PROVIDER/);
  });

  it('usage shows tokens by day and model', async () => {
    expect((await recap(['usage'])).stdout).toMatch(/No LLM calls/);
    const redis = createRedis(inject('redisUrl'));
    await new UsageStore(redis, prefix).record('fake-model', { promptTokens: 100, completionTokens: 20, totalTokens: 120 });
    redis.disconnect();
    const usage = JSON.parse((await recap(['usage', '--json'])).stdout) as Array<Record<string, unknown>>;
    expect(usage).toEqual([expect.objectContaining({ model: 'fake-model', calls: 1, promptTokens: 100, completionTokens: 20, totalTokens: 120 })]);
    expect((await recap(['usage'])).stdout).toMatch(/fake-model\s+1\s+100\s+20\s+120/);
  });

  it('jobs lists every queue and failed jobs with their reasons', async () => {
    await recap(['ingest', '-', '--name', 'empty.md']);
    const jobs = JSON.parse((await recap(['jobs', '--json'])).stdout) as Array<{ queue: string; failed: Array<{ reason: string }> }>;
    expect(jobs.map((entry) => entry.queue)).toEqual(['ingest', 'summarize', 'translate', 'post-recap']);
    expect(jobs[0]?.failed[0]?.reason).toMatch(/empty/i);
    const text = (await recap(['jobs'])).stdout;
    expect(text).toMatch(/^ingest: .*1 failed.*\(no worker running\)$/m);
    expect(text).toContain('Failed jobs stay until cleared: recap jobs clear-failed [--queue <name>]');
  });

  it('jobs clear-failed removes the failed jobs (of one queue with --queue) and refuses an unknown queue', async () => {
    const unknown = await recap(['jobs', 'clear-failed', '--queue', 'nope']);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain('no queue named "nope"; the queues are ingest, summarize, translate, post-recap');
    const cleared = await recap(['jobs', 'clear-failed', '--queue', 'ingest']);
    expect(cleared.status).toBe(0);
    expect(cleared.stdout).toBe('ingest: cleared 1 failed job(s)\n');
    const jobs = JSON.parse((await recap(['jobs', '--json'])).stdout) as Array<{ queue: string; counts: { failed: number }; workers: string[] }>;
    expect(jobs.map((entry) => entry.counts.failed)).toEqual([0, 0, 0, 0]);
    expect(jobs[0]?.workers).toEqual([]);
    expect((await recap(['jobs', 'clear-failed'])).stdout).toMatch(/^ingest: cleared 0 failed job\(s\)\nsummarize: cleared 0/);
  });

  it('usage refuses a number of days that is not 1 to 400', async () => {
    for (const days of ['0', '-3', '1.5', 'week', '401']) {
      const refused = await recap(['usage', '--days', days]);
      expect(refused.status).toBe(2);
      expect(refused.stderr).toContain(`--days takes a whole number from 1 to 400, not "${days}"`);
    }
    expect((await recap(['usage', '--days', '400'])).status).toBe(0);
  });

  it('doctor says when no chat platform is configured, and its help names what it checks', async () => {
    const bare = await recap(['doctor'], { env: { SLACK_BOT_TOKEN: undefined, SLACK_SIGNING_SECRET: undefined, SLACK_APP_TOKEN: undefined, DISCORD_TOKEN: undefined } });
    expect(bare.status).toBe(0);
    expect(bare.stdout).toMatch(/ok\s+chat: no chat platform configured: set SLACK_BOT_TOKEN or DISCORD_TOKEN to answer in Slack or Discord/);
    const help = (await recap(['doctor', '--help'])).stdout.replace(/\s+/g, ' ');
    for (const checked of ['Redis', 'eviction policy', 'the model', 'Slack and Discord tokens', "schedule's channel"]) expect(help).toContain(checked);
  });
});
