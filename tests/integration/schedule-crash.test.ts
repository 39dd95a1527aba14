import type { ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DiscordPoster } from '../../src/adapters/discord/discord-poster.js';
import { discordSettingsReader } from '../../src/adapters/discord/discord-settings.js';
import { scheduleDepsOf } from '../../src/schedule/schedule-service.js';
import { settingsOf } from '../../src/config.js';
import { postReplies } from '../../src/schedule/post-content.js';
import { runScheduleNow } from '../../src/schedule/schedule-service.js';
import { startScriptProcess } from '../helpers/child-lines.js';
import { eventually, fixture, openScheduleHarness, SLACK_CHANNEL, type ScheduleHarness } from '../helpers/schedule-harness.js';

const workerScript = path.resolve(import.meta.dirname, '../helpers/post-worker-process.ts');
const NOTE = '20240315-k8s-benkyoukai-12.md';

/** Starts the post worker process; resolves once it is ready, with a promise for its first job. */
async function startWorkerProcess(h: ScheduleHarness): Promise<{ child: ChildProcess; active: Promise<void> }> {
  const { child, waitForLine } = startScriptProcess(workerScript, [h.runtime.redisUrl, h.runtime.config.keyPrefix, h.slack.apiUrl, h.discord.apiUrl]);
  await waitForLine('ready');
  return { child, active: waitForLine('active') };
}

describe('a worker killed while posting', () => {
  let h: ScheduleHarness;
  let child: ChildProcess | null = null;
  beforeEach(async () => {
    h = await openScheduleHarness();
  });
  afterEach(async () => {
    child?.kill('SIGKILL');
    await h.close();
  });

  it('Slack: the message went out but its id was never recorded; the next worker finds it and posts nothing more', async () => {
    await h.store(NOTE, fixture(NOTE));
    const schedule = await h.add({ kind: 'latest', cron: '0 9 * * 1' });
    const started = await startWorkerProcess(h);
    child = started.child;
    // Slack takes the message but the answer never reaches the worker before it dies.
    h.slack.answerDelayMs.set('chat.postMessage', 60_000);
    await runScheduleNow(scheduleDepsOf(h.runtime), schedule.id);
    await started.active;
    await eventually(() => h.slack.messagesIn(SLACK_CHANNEL).length === 1, 'the message posted');
    child.kill('SIGKILL');
    await once(child, 'exit');
    child = null;
    h.slack.answerDelayMs.delete('chat.postMessage');

    h.startPostWorker();
    const record = await eventually(async () => {
      const found = (await h.runtime.posts.postsShowing((await h.runtime.store.listNotes())[0]?.id ?? ''))[0];
      const post = found ? await h.runtime.posts.get(found.scheduleId, found.window) : null;
      return post?.state === 'posted' ? post : null;
    }, 'the window finished by the second worker', 20_000);
    const messages = h.slack.messagesIn(SLACK_CHANNEL);
    expect(messages).toHaveLength(1);
    expect(record.parts).toEqual([messages[0]?.ts]);
    expect(h.slack.callsOf('conversations.history').length).toBeGreaterThan(0);
    expect(h.slack.callsOf('chat.postMessage')).toHaveLength(1);
  });

  it('Slack: killed before the message went out, the next worker posts it once', async () => {
    await h.store(NOTE, fixture(NOTE));
    const schedule = await h.add({ kind: 'latest', cron: '0 9 * * 1' });
    const started = await startWorkerProcess(h);
    child = started.child;
    // The request never reaches Slack: the worker dies waiting, the channel has nothing.
    h.slack.swallow.add('chat.postMessage');
    await runScheduleNow(scheduleDepsOf(h.runtime), schedule.id);
    await started.active;
    await h.slack.waitFor(() => h.slack.callsOf('chat.postMessage').length === 1);
    child.kill('SIGKILL');
    await once(child, 'exit');
    child = null;
    h.slack.swallow.delete('chat.postMessage');

    h.startPostWorker();
    await eventually(async () => (await h.runtime.schedules.status(schedule.id)).lastResult?.outcome === 'posted', 'posted by the second worker', 20_000);
    expect(h.slack.messagesIn(SLACK_CHANNEL)).toHaveLength(1);
    // It looked first (the part was in flight), found nothing, and posted.
    expect(h.slack.callsOf('conversations.history').length).toBeGreaterThan(0);
    expect(h.slack.callsOf('chat.postMessage')).toHaveLength(2);
  });

  it('Discord: a message re-sent with the same nonce is the one already posted', async () => {
    const stored = await h.store(NOTE, fixture(NOTE));
    const schedule = await h.add({ kind: 'latest', cron: '0 9 * * 1', platform: 'discord' });
    // What a worker killed right after Discord took the message leaves behind: the window's
    // record with part 0 in flight, and the message in the channel.
    const window = 'manual-1';
    const startedAt = Date.now();
    await h.runtime.posts.create({
      scheduleId: schedule.id, window, platform: 'discord', channel: h.discord.channelId, kind: 'latest', timezone: 'UTC', state: 'posting',
      noteIds: [stored.noteId], languages: ['ja'], sinceMs: null,
      untilMs: null, startedAt, parts: [], inFlightPart: null, contentHash: null,
    });
    await h.runtime.posts.markInFlight(schedule.id, window, 0);
    const discord = settingsOf(discordSettingsReader, h.runtime.config);
    if (discord === null) throw new Error('discord not configured');
    const poster = new DiscordPoster(discord);
    const [part] = poster.render(await postReplies(h.runtime, { kind: 'latest', timezone: 'UTC' }, { platform: 'discord', channel: h.discord.channelId, noteIds: [stored.noteId], languages: ['ja'], sinceMs: null, untilMs: null }));
    if (part === undefined) throw new Error('nothing rendered');
    const firstId = await poster.post(h.discord.channelId, part, { scheduleId: schedule.id, window, part: 0 });

    h.startPostWorker();
    await h.runtime.postRecapQueue.add('window', { scheduleId: schedule.id, window }, { jobId: `post-${schedule.id}-${window}` });
    await eventually(async () => (await h.runtime.posts.get(schedule.id, window))?.state === 'posted', 'the window finished');
    expect(h.discord.channelMessages.get(h.discord.channelId)?.map((message) => message.id)).toEqual([firstId]);
    expect((await h.runtime.posts.get(schedule.id, window))?.parts).toEqual([firstId]);
  });
});
