import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { snowflake, type FakeUser, type InteractionOptionValue, type RecordedCall } from '../helpers/fake-discord.js';
import { startDiscordRecap, type DiscordRecap } from '../helpers/discord-recap.js';

const EPHEMERAL = 1 << 6;

describe('Discord /recap schedule (slash command group over the gateway)', () => {
  let recap: DiscordRecap;
  const keeper: FakeUser = { id: '1300000000000000011', username: 'keeper' };
  const organizer: FakeUser = { id: '1300000000000000012', username: 'organizer' };
  // Another text channel of the guild, picked with the channel option.
  const announcements = snowflake();

  /** Sends /recap schedule <subcommand> and waits for the deferral and the edited reply. */
  async function schedule(user: FakeUser, roles: string[], subcommand: string, options: Record<string, InteractionOptionValue> = {}): Promise<{ callback: RecordedCall; text: string }> {
    const { fake } = recap;
    const { id, token } = fake.sendInteraction({ user, roles, group: 'schedule', subcommand, options });
    const [callback] = await fake.waitForCalls((call) => call.path === `/interactions/${id}/${token}/callback`);
    const [original] = await fake.waitForCalls((call) => call.method === 'PATCH' && call.path === `/webhooks/${fake.applicationId}/${token}/messages/@original`);
    if (!callback || !original) throw new Error('no answer');
    return { callback, text: String(original.body.content) };
  }

  const scheduledIds = (text: string): string[] => [...text.matchAll(/\bsch_[a-z0-9]+/g)].map((match) => match[0]);
  const asKeeper = (subcommand: string, options: Record<string, InteractionOptionValue> = {}) => schedule(keeper, [recap.fake.adminRoleId], subcommand, options);

  beforeAll(async () => {
    recap = await startDiscordRecap({
      redisUrl: inject('redisUrl'),
      env: (fake) => ({ DISCORD_ADMIN_ROLE_IDS: fake.adminRoleId, RECAP_TIMEZONE: 'UTC', RECAP_LANGUAGES: 'ja' }),
    });
  });
  afterAll(async () => {
    await recap?.stop();
  });

  it('a member with an admin role adds a digest for the channel it is typed in; only they see the reply', async () => {
    const { callback, text } = await asKeeper('add', { kind: 'digest', cron: '0 9 * * 1', timezone: 'Asia/Tokyo', lang: 'ja, en' });
    expect(callback.body).toEqual({ type: 5, data: { flags: EPHEMERAL } });
    expect(text).toMatch(/^Scheduled sch_[a-z0-9]+: digest, 0 9 \* \* 1 \(Asia\/Tokyo\), in ja, en\.\nFirst post: \d{4}-\d\d-\d\d 09:00:00 Asia\/Tokyo\./);
    const [id = ''] = scheduledIds(text);
    const { runtime } = recap.running;
    expect(await runtime.schedules.get(id)).toMatchObject({
      platform: 'discord',
      channel: recap.fake.channelId,
      kind: 'digest',
      cron: '0 9 * * 1',
      timezone: 'Asia/Tokyo',
      languages: ['ja', 'en'],
      sayNothingNew: false,
      createdBy: `discord:${keeper.id}`,
    });
    expect(await runtime.postRecapQueue.getJobScheduler(`schedule-${id}`)).toMatchObject({ pattern: '0 9 * * 1', tz: 'Asia/Tokyo' });
  });

  it('a member with Manage Server adds one for another channel, saying when nothing is new', async () => {
    const { text } = await schedule(organizer, [recap.fake.managerRoleId], 'add', { kind: 'latest', cron: '0 0 12 * * 5', nothing_new: true, channel: { channelId: announcements } });
    const [id = ''] = scheduledIds(text);
    expect(await recap.running.runtime.schedules.get(id)).toMatchObject({ channel: announcements, kind: 'latest', cron: '0 0 12 * * 5', timezone: 'UTC', languages: ['ja'], sayNothingNew: true });
  });

  it('refuses a member without Manage Server or an admin role, storing nothing', async () => {
    const before = await recap.running.runtime.schedules.all();
    const { callback, text } = await schedule(recap.fake.member, [], 'add', { kind: 'digest', cron: '0 9 * * 1' });
    expect(callback.body).toEqual({ type: 5, data: { flags: EPHEMERAL } });
    expect(text).toMatch(/^Sorry, only members with the Manage Server permission .* can add, list or remove scheduled recaps\./);
    expect(await recap.running.runtime.schedules.all()).toEqual(before);
    const list = await schedule(recap.fake.member, [], 'list', { all: true });
    expect(scheduledIds(list.text)).toEqual([]);
  });

  it('names what is wrong: a bad cron, a bad time zone, a cron for on-ingest', async () => {
    const before = (await recap.running.runtime.schedules.all()).length;
    const badCron = await asKeeper('add', { kind: 'digest', cron: '61 * * * *' });
    expect(badCron.text).toMatch(/^⚠️ Invalid schedule:\n {2}cron: "61 \* \* \* \*" is not valid/);
    const badZone = await asKeeper('add', { kind: 'digest', cron: '0 9 * * 1', timezone: 'Tokyo' });
    expect(badZone.text).toMatch(/timezone: "Tokyo" is not a time zone/);
    const needless = await asKeeper('add', { kind: 'on-ingest', cron: '0 9 * * 1' });
    expect(needless.text).toMatch(/cron: an on-ingest schedule posts when a note lands and takes no cron pattern/);
    expect(await recap.running.runtime.schedules.all()).toHaveLength(before);
  });

  it('list shows the schedules posting here; all shows every channel', async () => {
    const here = await asKeeper('list');
    expect(scheduledIds(here.text)).toHaveLength(1);
    expect(here.text).toMatch(new RegExp(`^sch_[a-z0-9]+ {2}discord ${recap.fake.channelId} {2}digest, 0 9 \\* \\* 1 \\(Asia/Tokyo\\), in ja, en\\n {2}next: `));
    const all = await asKeeper('list', { all: true });
    expect(scheduledIds(all.text)).toHaveLength(2);
    expect(all.text).toContain(`discord ${announcements}  latest, 0 0 12 * * 5 (UTC), in ja, says when nothing is new`);
  });

  it('remove takes the schedule and its job scheduler away', async () => {
    const [digest] = (await recap.running.runtime.schedules.all()).filter((stored) => stored.kind === 'digest');
    if (!digest) throw new Error('the digest added above is missing');
    const { text } = await asKeeper('remove', { id: digest.id });
    expect(text).toBe(`Removed ${digest.id}; it posts no more (messages already posted stay).`);
    expect(await recap.running.runtime.schedules.get(digest.id)).toBeNull();
    expect(await recap.running.runtime.postRecapQueue.getJobScheduler(`schedule-${digest.id}`)).toBeFalsy();
    const list = await asKeeper('list');
    expect(list.text).toMatch(/No schedules post to this channel/);
  });

  it('leaves the other subcommands public and unchanged', async () => {
    const { fake } = recap;
    const { id, token } = fake.sendInteraction({ user: fake.member, subcommand: 'list' });
    const [callback] = await fake.waitForCalls((call) => call.path === `/interactions/${id}/${token}/callback`);
    expect(callback?.body).toEqual({ type: 5, data: { flags: 0 } });
  });
});
