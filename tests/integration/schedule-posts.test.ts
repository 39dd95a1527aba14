import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { scheduleDepsOf } from '../../src/schedule/schedule-service.js';
import { createPosters } from '../../src/app/create-posters.js';
import { submitDelete } from '../../src/queue/submit-jobs.js';
import { postWindow } from '../../src/schedule/post-window.js';
import { listSchedules, removeSchedule, runScheduleNow } from '../../src/schedule/schedule-service.js';
import type { ChannelMessage } from '../helpers/fake-slack-api.js';
import { eventually, fixture, openScheduleHarness, SLACK_CHANNEL, type ScheduleHarness } from '../helpers/schedule-harness.js';

const OBSERVABILITY = '2024-02-08-observability-night.md';
const K8S = '20240315-k8s-benkyoukai-12.md';

function windowOf(message: ChannelMessage): string {
  return String((message.metadata as { event_payload?: { window?: string } } | undefined)?.event_payload?.window);
}

function textOf(message: { text?: unknown; content?: unknown }): string {
  return String(message.text ?? message.content ?? '');
}

describe('scheduled recap posts', () => {
  let h: ScheduleHarness;
  beforeEach(async () => {
    h = await openScheduleHarness();
  });
  afterEach(async () => {
    await h.close();
  });

  it('a schedule firing every second posts exactly once per window with two workers', async () => {
    h.startPostWorker();
    h.startPostWorker();
    const schedule = await h.add({ kind: 'digest', cron: '* * * * * *', timezone: 'UTC', sayNothingNew: true });
    const messages = (): ChannelMessage[] => h.slack.messagesIn(SLACK_CHANNEL);
    await eventually(() => messages().length >= 2, 'two windows posted');
    // A note landing between windows is in exactly one digest.
    await h.store(OBSERVABILITY, fixture(OBSERVABILITY));
    await eventually(() => messages().filter((message) => textOf(message).includes('Observability Night')).length > 0, 'the digest with the new note');
    await eventually(() => messages().length >= 5, 'five windows posted');
    await removeSchedule(scheduleDepsOf(h.runtime), schedule.id);
    await Promise.all(h.workers.map((worker) => worker.close()));

    const windows = messages().map(windowOf);
    expect(new Set(windows).size).toBe(windows.length);
    expect(windows.every((window) => /^t\d+$/.test(window))).toBe(true);
    expect(messages().filter((message) => textOf(message).includes('Observability Night'))).toHaveLength(1);
    // Every window the ledger says was posted is in the channel once, with the id it recorded.
    for (const message of messages()) {
      const record = await h.runtime.posts.get(schedule.id, windowOf(message));
      expect(record?.state).toBe('posted');
      expect(record?.parts).toEqual([message.ts]);
    }
  });

  it('without "say nothing new", an empty window posts nothing and the next note is posted once', async () => {
    h.startPostWorker();
    const schedule = await h.add({ kind: 'digest', cron: '0 9 * * 1' });
    await runScheduleNow(scheduleDepsOf(h.runtime), schedule.id, Date.now());
    await eventually(async () => (await h.runtime.schedules.status(schedule.id)).lastResult?.outcome === 'nothing-new', 'a nothing-new window');
    expect(h.slack.messagesIn(SLACK_CHANNEL)).toHaveLength(0);

    await h.store(K8S, fixture(K8S));
    await runScheduleNow(scheduleDepsOf(h.runtime), schedule.id, Date.now() + 1);
    await eventually(() => h.slack.messagesIn(SLACK_CHANNEL).length === 1, 'the digest post');
    const digest = JSON.stringify(h.slack.messagesIn(SLACK_CHANNEL)[0]?.blocks);
    expect(digest).toMatch(/New in the notes since .*: 1 note/);
    // Compact: the note's highlights and where its full recap is, in one message per language.
    expect(digest).toMatch(/Full recap: \/recap summary 20240315-k8s/);
    expect(digest).toContain('Operatorパターン入門');
    // The next digest starts after that one: nothing new again.
    await runScheduleNow(scheduleDepsOf(h.runtime), schedule.id, Date.now() + 2);
    await eventually(async () => (await h.runtime.schedules.status(schedule.id)).lastResult?.outcome === 'nothing-new', 'the following empty window');
    expect(h.slack.messagesIn(SLACK_CHANNEL)).toHaveLength(1);
    const [view] = await listSchedules(scheduleDepsOf(h.runtime));
    expect(view?.nextRuns).toHaveLength(3);
    expect(view?.status.state).toBe('ok');
  });

  it('edits the posted recap when its note changes, in Slack and in Discord', async () => {
    h.startIngestWorker();
    h.startPostWorker();
    const inSlack = await h.add({ kind: 'latest', cron: '0 9 * * 1' });
    const inDiscord = await h.add({ kind: 'latest', cron: '0 9 * * 1', platform: 'discord' });
    await h.submit(OBSERVABILITY, fixture(OBSERVABILITY));
    await eventually(async () => (await h.runtime.store.listNotes()).length === 1, 'the note stored');
    await runScheduleNow(scheduleDepsOf(h.runtime), inSlack.id);
    await runScheduleNow(scheduleDepsOf(h.runtime), inDiscord.id);
    const discordMessages = () => h.discord.channelMessages.get(h.discord.channelId) ?? [];
    await eventually(() => h.slack.messagesIn(SLACK_CHANNEL).length === 1 && discordMessages().length === 1, 'both posts');
    expect(textOf(h.slack.messagesIn(SLACK_CHANNEL)[0] as ChannelMessage)).toContain('Observability Night vol.3');

    await h.submit(OBSERVABILITY, fixture(OBSERVABILITY).replace('title: Observability Night vol.3', 'title: Observability Night vol.3 (revised)'));
    await eventually(() => (h.slack.messagesIn(SLACK_CHANNEL)[0]?.edits ?? 0) > 0 && (discordMessages()[0]?.edits ?? 0) > 0, 'both posts edited');
    expect(textOf(h.slack.messagesIn(SLACK_CHANNEL)[0] as ChannelMessage)).toContain('(revised)');
    expect(discordMessages()[0]?.content).toContain('(revised)');
    // Edited in place: no second message.
    expect(h.slack.messagesIn(SLACK_CHANNEL)).toHaveLength(1);
    expect(discordMessages()).toHaveLength(1);
    // latest posts each note once: running it again finds nothing new.
    await runScheduleNow(scheduleDepsOf(h.runtime), inSlack.id, Date.now() + 5);
    await eventually(async () => (await h.runtime.schedules.status(inSlack.id)).lastResult?.outcome === 'nothing-new', 'latest with no newer note');
    expect(h.slack.messagesIn(SLACK_CHANNEL)).toHaveLength(1);

    // Deleted: the posts say so instead of keeping a recap of text that is gone.
    const [listing] = await h.runtime.store.listNotes();
    await submitDelete(h.runtime.queue, listing?.id ?? '');
    await eventually(() => textOf(h.slack.messagesIn(SLACK_CHANNEL)[0] as ChannelMessage).includes('was removed from the notes'), 'the Slack post edited');
    await eventually(() => discordMessages()[0]?.content.includes('was removed from the notes'), 'the Discord post edited');
  });

  it('on-ingest posts each new note once; an unchanged re-ingest posts nothing', async () => {
    h.startIngestWorker();
    h.startPostWorker();
    const schedule = await h.add({ kind: 'on-ingest', platform: 'discord' });
    const messages = () => h.discord.channelMessages.get(h.discord.channelId) ?? [];
    await h.submit(K8S, fixture(K8S));
    await eventually(() => messages().length === 1, 'the on-ingest post');
    expect(messages()[0]?.content).toContain('Kubernetes勉強会');
    await h.submit(K8S, fixture(K8S));
    await h.submit(OBSERVABILITY, fixture(OBSERVABILITY));
    await eventually(() => messages().length === 2, 'the second note posted');
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(messages()).toHaveLength(2);
    expect((await h.runtime.schedules.status(schedule.id)).lastResult?.outcome).toBe('posted');
    // No message may ping anyone.
    for (const call of h.discord.postedMessages()) expect(call.body.allowed_mentions).toEqual({ parse: [] });
  });

  it('a permanent refusal marks the schedule failing with the reason, without retrying', async () => {
    h.startPostWorker();
    await h.store(K8S, fixture(K8S));
    h.slack.failAlways.set('chat.postMessage', 'not_in_channel');
    const schedule = await h.add({ kind: 'latest', cron: '0 9 * * 1' });
    const { jobId } = await runScheduleNow(scheduleDepsOf(h.runtime), schedule.id);
    // State first, then the job: a job read before its state is checked can predate the failure.
    const job = await eventually(async () => ((await h.runtime.postRecapQueue.getJobState(jobId)) === 'failed' ? h.runtime.postRecapQueue.getJob(jobId) : null), 'the job failed');
    expect(job.attemptsMade).toBe(1);
    const [view] = await listSchedules(scheduleDepsOf(h.runtime));
    expect(view?.status.state).toBe('failing');
    expect(view?.status.reason).toMatch(/not_in_channel.*invite/);

    // Fixed (the bot was invited): the next window posts and the schedule is healthy again.
    h.slack.failAlways.delete('chat.postMessage');
    await runScheduleNow(scheduleDepsOf(h.runtime), schedule.id, Date.now() + 1);
    await eventually(async () => (await h.runtime.schedules.status(schedule.id)).state === 'ok', 'the schedule healthy again');
    expect(h.slack.messagesIn(SLACK_CHANNEL)).toHaveLength(1);
  });

  it('Discord: missing permissions fail for good; a server error is retried and then posted', async () => {
    h.startPostWorker();
    await h.store(K8S, fixture(K8S));
    const schedule = await h.add({ kind: 'latest', cron: '0 9 * * 1', platform: 'discord' });
    h.discord.messageStatus = 403;
    await runScheduleNow(scheduleDepsOf(h.runtime), schedule.id);
    await eventually(async () => (await h.runtime.schedules.status(schedule.id)).state === 'failing', 'failing');
    expect((await h.runtime.schedules.status(schedule.id)).reason).toMatch(/Missing Permissions/);

    h.discord.messageStatus = 500;
    const { jobId } = await runScheduleNow(scheduleDepsOf(h.runtime), schedule.id, Date.now() + 1);
    await eventually(async () => ((await h.runtime.postRecapQueue.getJob(jobId))?.attemptsMade ?? 0) >= 1, 'a failed attempt');
    h.discord.messageStatus = 200;
    await eventually(async () => (await h.runtime.schedules.status(schedule.id)).state === 'ok', 'posted after the retry', 20_000);
    expect(h.discord.channelMessages.get(h.discord.channelId)).toHaveLength(1);
  });

  it('a worker whose lease lapsed posts nothing more (another worker may have the window)', async () => {
    // Two languages: a post of two messages. Slack answers the first slowly, past the lease.
    const schedule = await h.add({ kind: 'digest', cron: '0 9 * * 1', languages: ['ja', 'en'] });
    await h.store(K8S, fixture(K8S));
    h.slack.answerDelayMs.set('chat.postMessage', 300);
    const deps = { runtime: h.runtime, posters: await createPosters(h.runtime.config, h.runtime.logger), leaseMs: 50, logger: h.runtime.logger };
    const request = { scheduleId: schedule.id, window: 'manual-lapsed', windowAtMs: Date.now(), finalAttempt: true };
    await expect(postWindow(deps, request)).rejects.toThrow(/lost the lease/);
    const sentBeforeLapse = h.slack.messagesIn(SLACK_CHANNEL).length;
    expect(sentBeforeLapse).toBeLessThanOrEqual(1);
    // Not marked failed by the worker that lost it: the next holder finishes the window.
    expect((await h.runtime.posts.get(schedule.id, 'manual-lapsed'))?.state).toBe('posting');
    h.slack.answerDelayMs.delete('chat.postMessage');
    const outcome = await postWindow({ ...deps, leaseMs: 60_000 }, request);
    expect(outcome).toMatchObject({ outcome: 'posted', messages: 2 });
    const parts = h.slack.messagesIn(SLACK_CHANNEL).map((message) => (message.metadata as { event_payload: { part: number } }).event_payload.part);
    expect(parts).toEqual([0, 1]);
    expect(h.slack.callsOf('chat.postMessage')).toHaveLength(2);
  });

  it('a note that says @everyone or <!channel> pings nobody when posted', async () => {
    h.startIngestWorker();
    h.startPostWorker();
    await h.add({ kind: 'on-ingest' });
    await h.add({ kind: 'on-ingest', platform: 'discord' });
    const note = '# 20241010 Ping night\n\n## Announcements\n\n- @everyone <!channel> <!here> <@U0ALICE> please read the notes\n- @here the venue moved\n';
    await h.submit('ping-night.md', note);
    const discordMessages = () => h.discord.channelMessages.get(h.discord.channelId) ?? [];
    await eventually(() => h.slack.messagesIn(SLACK_CHANNEL).length === 1 && discordMessages().length === 1, 'both posts');
    const slackText = JSON.stringify(h.slack.messagesIn(SLACK_CHANNEL)[0]?.blocks) + String(h.slack.messagesIn(SLACK_CHANNEL)[0]?.text);
    // The lines are in the posts (so the check below means something)…
    expect(slackText).toContain('please read the notes');
    expect(discordMessages()[0]?.content).toContain('please read the notes');
    // …but Slack pings only with <!channel>, <!here>, <!everyone> and <@U…>: none survive unescaped.
    expect(slackText).not.toMatch(/<!(channel|here|everyone)>|<@U0ALICE>/);
    const discordText = discordMessages()[0]?.content ?? '';
    expect(discordText).not.toMatch(/@(everyone|here)/);
    for (const call of h.discord.postedMessages()) expect(call.body.allowed_mentions).toEqual({ parse: [] });
  });
});
