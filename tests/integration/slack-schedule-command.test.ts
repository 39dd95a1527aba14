import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SlackBlock } from '../../src/adapters/slack/render-slack.js';
import { startSlackTestBot, type SlackTestBot } from '../helpers/slack-test-bot.js';

const CHANNEL = 'C0MEETUPS';
const OTHER_CHANNEL = 'C0ELSEWHERE';

/** All section and context text of a message, in order. */
function blocksText(blocks: unknown): string {
  return ((blocks ?? []) as SlackBlock[])
    .map((block) => (block.type === 'section' ? block.text.text : block.type === 'context' ? block.elements.map((element) => element.text).join(' ') : ''))
    .join('\n');
}

describe('/recap schedule in Slack (real bolt, signed requests, local Web API)', () => {
  let bot: SlackTestBot;

  /** Runs `/recap <text>` in a channel; the ack and the text of the reply that replaced the placeholder. */
  async function recap(text: string, options: { user: string; channel?: string }): Promise<{ ack: string; reply: string }> {
    const responseUrl = bot.api.responseUrl();
    const response = await bot.requests.command(text, { responseUrl, user: options.user, channel: options.channel ?? CHANNEL });
    expect(response.status).toBe(200);
    const ack = JSON.parse(response.text) as { text: string; blocks?: unknown };
    const [reply] = await bot.api.waitFor(() => (bot.api.responsesTo(responseUrl).length > 0 ? bot.api.responsesTo(responseUrl) : null), 10_000, `a reply to /recap ${text}`);
    expect(reply?.body).toMatchObject({ response_type: 'ephemeral', replace_original: true });
    return { ack: ack.text, reply: blocksText(reply?.body.blocks) };
  }

  const scheduledIds = (text: string): string[] => [...text.matchAll(/\bsch_[a-z0-9]+/g)].map((match) => match[0]);

  beforeAll(async () => {
    bot = await startSlackTestBot({ mode: 'http', env: { SLACK_ADMIN_USER_IDS: 'U0LISTED', RECAP_TIMEZONE: 'UTC', RECAP_LANGUAGES: 'ja' } });
    bot.api.users.set('U0ADMIN', { id: 'U0ADMIN', is_admin: true });
    bot.api.users.set('U0MEMBER', { id: 'U0MEMBER' });
  });
  afterAll(async () => {
    await bot?.close();
  });

  it('an admin adds a digest: stored for the channel it was typed in, with a BullMQ job scheduler', async () => {
    const { ack, reply } = await recap('schedule add digest 0 9 * * 1 tz=Asia/Tokyo lang=ja,en', { user: 'U0ADMIN' });
    expect(ack).toBe('Updating the schedules…');
    const [id] = scheduledIds(reply);
    expect(reply).toMatch(/^Scheduled sch_[a-z0-9]+: digest, 0 9 \* \* 1 \(Asia\/Tokyo\), in ja, en\./);
    expect(reply).toMatch(/First post: \d{4}-\d\d-\d\d 09:00:00 Asia\/Tokyo/);
    expect(reply).toContain(`/recap schedule remove ${id}`);
    // The bot can post there: no warning.
    expect(reply).not.toContain('Warning');

    const stored = await bot.runtime.schedules.get(id ?? '');
    expect(stored).toMatchObject({ platform: 'slack', channel: CHANNEL, kind: 'digest', cron: '0 9 * * 1', timezone: 'Asia/Tokyo', languages: ['ja', 'en'], sayNothingNew: false, createdBy: 'slack:U0ADMIN' });
    const scheduler = await bot.runtime.postRecapQueue.getJobScheduler(`schedule-${id}`);
    expect(scheduler).toMatchObject({ pattern: '0 9 * * 1', tz: 'Asia/Tokyo' });
  });

  it('a listed admin adds an on-ingest schedule for another channel, given as a channel link', async () => {
    // The bot is not in that channel yet: added all the same, with a warning saying so.
    bot.api.unknownChannels.add(OTHER_CHANNEL);
    const { reply } = await recap(`schedule add on-ingest channel=<#${OTHER_CHANNEL}|elsewhere> nothing-new=say`, { user: 'U0LISTED' });
    const [id] = scheduledIds(reply);
    expect(reply).toContain('It posts each new note as it lands.');
    expect(reply).toContain(`Warning: the bot cannot reach ${OTHER_CHANNEL} yet: Slack: channel_not_found`);
    bot.api.unknownChannels.delete(OTHER_CHANNEL);
    expect(await bot.runtime.schedules.get(id ?? '')).toMatchObject({ channel: OTHER_CHANNEL, kind: 'on-ingest', cron: null, timezone: 'UTC', languages: ['ja'], sayNothingNew: true });
    // No cron, so nothing for BullMQ to repeat.
    expect(await bot.runtime.postRecapQueue.getJobScheduler(`schedule-${id}`)).toBeFalsy();
  });

  it('list shows the schedules of this channel (cron text intact in Block Kit); list all shows every channel', async () => {
    const here = await recap('schedule list', { user: 'U0ADMIN' });
    expect(here.ack).toBe('Listing the schedules…');
    expect(here.reply).toMatch(/^sch_[a-z0-9]+ {2}slack C0MEETUPS {2}digest, 0 9 \* \* 1 \(Asia\/Tokyo\), in ja, en$/m);
    expect(here.reply).toMatch(/^ {2}next: \d{4}-\d\d-\d\d 09:00:00 Asia\/Tokyo, /m);
    expect(here.reply).toMatch(/^ {2}last: not run yet$/m);
    expect(here.reply).not.toContain(OTHER_CHANNEL);

    const all = await recap('schedule list all', { user: 'U0ADMIN' });
    expect(scheduledIds(all.reply)).toHaveLength(2);
    expect(all.reply).toContain(`slack ${OTHER_CHANNEL}  on-ingest, when a new note lands, in ja, says when nothing is new`);

    const elsewhere = await recap('schedule list', { user: 'U0ADMIN', channel: 'C0QUIET' });
    expect(elsewhere.reply).toMatch(/No schedules post to this channel/);
  });

  it('names the problem: a bad cron, a bad time zone, an unknown kind; nothing is stored', async () => {
    const before = (await bot.runtime.schedules.all()).length;
    const badCron = await recap('schedule add digest 61 * * * *', { user: 'U0ADMIN' });
    expect(badCron.reply).toMatch(/^:warning: Invalid schedule:/);
    expect(badCron.reply).toMatch(/cron: "61 \* \* \* \*" is not valid/);
    const badZone = await recap('schedule add digest 0 9 * * 1 tz=Mars/Olympus', { user: 'U0ADMIN' });
    expect(badZone.reply).toMatch(/timezone: "Mars\/Olympus" is not a time zone/);
    const badKind = await recap('schedule add weekly 0 9 * * 1', { user: 'U0ADMIN' });
    expect(badKind.reply).toMatch(/kind: "weekly" is not one of digest, latest, on-ingest/);
    expect(await bot.runtime.schedules.all()).toHaveLength(before);
  });

  it('shows the usage, without asking Slack or Redis, for input it does not understand', async () => {
    const responseUrl = bot.api.responseUrl();
    const response = await bot.requests.command('schedule add digest 0 9 * * 1 every=week', { responseUrl, user: 'U0ADMIN', channel: CHANNEL });
    const ack = JSON.parse(response.text) as { blocks?: unknown };
    expect(blocksText(ack.blocks)).toMatch(/"every=week" is not a schedule option[\s\S]*Usage: \/recap schedule add &lt;digest\|latest\|on-ingest\|channel-digest&gt;/);
  });

  it('refuses a member who is not an admin, storing nothing', async () => {
    const before = await bot.runtime.schedules.all();
    const refused = await recap('schedule add latest 0 12 * * *', { user: 'U0MEMBER' });
    expect(refused.reply).toMatch(/^Sorry, only workspace admins and owners .* can add notes, delete notes or schedule recap posts\./);
    expect(await bot.runtime.schedules.all()).toEqual(before);
    const listRefused = await recap('schedule list all', { user: 'U0MEMBER' });
    expect(listRefused.reply).toMatch(/^Sorry, only workspace admins/);
    expect(scheduledIds(listRefused.reply)).toEqual([]);
  });

  it('run-now queues a post of the schedule at once; an unknown id is named', async () => {
    const [digest] = (await bot.runtime.schedules.all()).filter((stored) => stored.kind === 'digest');
    if (!digest) throw new Error('the digest added above is missing');
    const { ack, reply } = await recap(`schedule run-now ${digest.id}`, { user: 'U0ADMIN' });
    expect(ack).toBe('Updating the schedules…');
    expect(reply).toBe(`Posting ${digest.id} (digest) to its channel now.`);
    // No worker runs in this test: the job waits in the queue.
    const jobs = await bot.runtime.postRecapQueue.getJobs(['waiting', 'prioritized', 'delayed', 'active']);
    expect(jobs.map((job) => job.data as { scheduleId: string; window?: string })).toContainEqual({ scheduleId: digest.id, window: expect.stringMatching(/^manual-\d+$/) });
    const unknown = await recap('schedule run sch_0000000000', { user: 'U0ADMIN' });
    expect(unknown.reply).toMatch(/No schedule sch_0000000000/);
  });

  it('remove takes a schedule and its job scheduler away; removing it again says there is none', async () => {
    const [digest] = (await bot.runtime.schedules.all()).filter((schedule) => schedule.kind === 'digest');
    if (!digest) throw new Error('the digest added above is missing');
    // Only the exact id removes: a fragment or another case of it removes nothing.
    for (const near of [digest.id.slice(0, 6), digest.id.toUpperCase(), 'digest']) {
      expect((await recap(`schedule remove ${near}`, { user: 'U0ADMIN' })).reply).toMatch(/^No schedule /);
    }
    expect(await bot.runtime.schedules.get(digest.id)).not.toBeNull();
    const removed = await recap(`schedule remove ${digest.id}`, { user: 'U0ADMIN' });
    expect(removed.reply).toBe(`Removed ${digest.id}; it posts no more (messages already posted stay).`);
    expect(await bot.runtime.schedules.get(digest.id)).toBeNull();
    expect(await bot.runtime.postRecapQueue.getJobScheduler(`schedule-${digest.id}`)).toBeFalsy();
    const again = await recap(`schedule remove ${digest.id}`, { user: 'U0ADMIN' });
    expect(again.reply).toMatch(new RegExp(`^No schedule ${digest.id}\\.`));
  });
});
