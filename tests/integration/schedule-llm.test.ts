import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { scheduleDepsOf } from '../../src/schedule/schedule-service.js';
import { runScheduleNow } from '../../src/schedule/schedule-service.js';
import { FakeOpenAiServer } from '../helpers/fake-openai-server.js';
import { fakeRecapReply } from '../helpers/fake-recap-reply.js';
import { eventually, fixture, openScheduleHarness, SLACK_CHANNEL, type ScheduleHarness } from '../helpers/schedule-harness.js';

const NOTE = '20240315-k8s-benkyoukai-12.md';

describe('scheduled posts with a model', () => {
  const server = new FakeOpenAiServer();
  let h: ScheduleHarness;
  beforeAll(async () => {
    await server.start();
  });
  afterAll(async () => {
    await server.stop();
  });
  beforeEach(async () => {
    server.onRequest(fakeRecapReply);
    h = await openScheduleHarness({ OPENAI_BASE_URL: server.url, OPENAI_MODEL: 'fake-model', LLM_MAX_RETRIES: '0' });
    h.startPostWorker();
  });
  afterEach(async () => {
    await h.close();
  });

  it('posts the model-written recap, and a second schedule reuses it without another call', async () => {
    await h.store(NOTE, fixture(NOTE));
    const first = await h.add({ kind: 'latest', cron: '0 9 * * 1' });
    await runScheduleNow(scheduleDepsOf(h.runtime), first.id);
    await eventually(() => h.slack.messagesIn(SLACK_CHANNEL).length === 1, 'the post');
    const text = JSON.stringify(h.slack.messagesIn(SLACK_CHANNEL)[0]);
    expect(text).toContain('A Japanese recap.');
    expect(text).toContain('Recap written by fake-model');
    const calls = server.completions.length;
    expect(calls).toBeGreaterThan(0);

    const second = await h.add({ kind: 'latest', cron: '0 9 * * 1', platform: 'discord' });
    await runScheduleNow(scheduleDepsOf(h.runtime), second.id);
    await eventually(() => (h.discord.channelMessages.get(h.discord.channelId) ?? []).length === 1, 'the Discord post');
    expect(h.discord.channelMessages.get(h.discord.channelId)?.[0]?.content).toContain('A Japanese recap.');
    expect(server.completions).toHaveLength(calls);
  });

  it('a model that refuses for good gives the extractive recap rather than no post', async () => {
    server.onRequest(() => ({ status: 401, body: { error: { message: 'Incorrect API key provided', type: 'invalid_request_error', code: 'invalid_api_key' } } }));
    await h.store(NOTE, fixture(NOTE));
    const schedule = await h.add({ kind: 'latest', cron: '0 9 * * 1' });
    await runScheduleNow(scheduleDepsOf(h.runtime), schedule.id);
    await eventually(() => h.slack.messagesIn(SLACK_CHANNEL).length === 1, 'the post');
    const text = JSON.stringify(h.slack.messagesIn(SLACK_CHANNEL)[0]);
    expect(text).toContain('Extractive recap');
    expect((await h.runtime.schedules.status(schedule.id)).state).toBe('ok');
  });

  it('a model that is down makes the window retry (transient), not post a worse recap', async () => {
    server.onRequest(() => ({ status: 503, body: { error: { message: 'overloaded' } } }));
    await h.store(NOTE, fixture(NOTE));
    const schedule = await h.add({ kind: 'latest', cron: '0 9 * * 1' });
    const { jobId } = await runScheduleNow(scheduleDepsOf(h.runtime), schedule.id);
    await eventually(async () => ((await h.runtime.postRecapQueue.getJob(jobId))?.attemptsMade ?? 0) >= 1, 'a failed attempt');
    expect(h.slack.messagesIn(SLACK_CHANNEL)).toHaveLength(0);
    server.onRequest(fakeRecapReply);
    await eventually(() => h.slack.messagesIn(SLACK_CHANNEL).length === 1, 'the post after the retry', 20_000);
    expect(JSON.stringify(h.slack.messagesIn(SLACK_CHANNEL)[0])).toContain('A Japanese recap.');
  });
});
