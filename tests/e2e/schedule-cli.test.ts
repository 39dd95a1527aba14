import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { FakeDiscord } from '../helpers/fake-discord.js';
import { FakeSlackApi } from '../helpers/fake-slack-api.js';
import { recapRunner } from '../helpers/run-recap.js';
import { deleteKeys, uniquePrefix } from '../helpers/test-runtime.js';

const seed = path.resolve(import.meta.dirname, '../fixtures/own/20240315-k8s-benkyoukai-12.md');
const prefix = uniquePrefix();
const CHANNEL = 'C0CLITEST';

describe('recap schedule', () => {
  const slack = new FakeSlackApi();
  const recap = recapRunner({
    prefix,
    env: () => ({
      RECAP_TIMEZONE: 'Asia/Tokyo',
      RECAP_LANGUAGES: 'ja',
      SLACK_BOT_TOKEN: slack.botToken,
      SLACK_SIGNING_SECRET: 'test-signing-secret',
      SLACK_API_URL: slack.apiUrl,
    }),
  });

  const discord = new FakeDiscord();
  beforeAll(async () => {
    await slack.start();
    await discord.start();
  });
  afterAll(async () => {
    await slack.stop();
    await discord.stop();
    await deleteKeys(inject('redisUrl'), prefix);
  });

  it('refuses a bad cron pattern or time zone with exit code 2, naming the problem', async () => {
    const badCron = await recap(['schedule', 'add', '--platform', 'slack', '--channel', CHANNEL, '--kind', 'digest', '--cron', '0 25 * * *']);
    expect(badCron.status).toBe(2);
    expect(badCron.stderr).toMatch(/cron: "0 25 \* \* \*" is not valid/);
    const badZone = await recap(['schedule', 'add', '--platform', 'slack', '--channel', CHANNEL, '--kind', 'digest', '--cron', '0 9 * * 1', '--tz', 'Tokyo']);
    expect(badZone.status).toBe(2);
    expect(badZone.stderr).toMatch(/timezone: "Tokyo" is not a time zone/);
    const list = await recap(['schedule', 'list']);
    expect(list.stdout).toMatch(/No schedules/);
  });

  it('adds, lists, runs now and removes a schedule', async () => {
    expect((await recap(['ingest', seed])).status).toBe(0);
    const added = await recap(['schedule', 'add', '--platform', 'slack', '--channel', CHANNEL, '--kind', 'latest', '--cron', '0 9 * * 1', '--json']);
    expect(added.status).toBe(0);
    const schedule = JSON.parse(added.stdout) as { id: string; timezone: string };
    expect(schedule.timezone).toBe('Asia/Tokyo');

    const ran = await recap(['schedule', 'run-now', schedule.id]);
    expect(ran.stderr).toBe('');
    expect(ran.stdout).toMatch(new RegExp(`${schedule.id}: posted at .* \\(1 note in 1 message\\)`));
    expect(slack.messagesIn(CHANNEL)).toHaveLength(1);
    expect(String(slack.messagesIn(CHANNEL)[0]?.text)).toContain('Kubernetes勉強会');

    const list = await recap(['schedule', 'list']);
    expect(list.stdout).toContain(`${schedule.id}  slack ${CHANNEL}  latest, 0 9 * * 1 (Asia/Tokyo), in ja`);
    expect(list.stdout).toMatch(/next: \d{4}-\d\d-\d\d 09:00:00 Asia\/Tokyo/);
    expect(list.stdout).toMatch(/last: posted at/);

    expect((await recap(['schedule', 'remove', schedule.id])).status).toBe(0);
    const gone = await recap(['schedule', 'remove', schedule.id]);
    expect(gone.status).toBe(4);
    expect(gone.stderr).toMatch(/No schedule/);
    expect((await recap(['schedule', 'run-now', 'sch_nothere000'])).status).toBe(4);
  });

  it('refuses a schedule identical to one already stored, naming it', async () => {
    const args = ['schedule', 'add', '--platform', 'slack', '--channel', 'C0DUPLICATE', '--kind', 'digest', '--cron', '0 9 * * 1', '--lang', 'ja,en'];
    const first = await recap([...args, '--json']);
    expect(first.status).toBe(0);
    const { id } = JSON.parse(first.stdout) as { id: string };
    const twice = await recap(['schedule', 'add', '--platform', 'slack', '--channel', 'C0DUPLICATE', '--kind', 'digest', '--cron', '0 9 * * 1', '--lang', 'en,ja']);
    expect(twice.status).toBe(2);
    expect(twice.stderr).toContain(`recap: Schedule ${id} already posts digest to slack channel C0DUPLICATE at the same times, in the same time zone and languages; nothing was added`);
    // Another time zone is another schedule.
    const otherZone = await recap([...args, '--tz', 'UTC', '--json']);
    expect(otherZone.status).toBe(0);
    const listed = (await recap(['schedule', 'list', '--json'])).stdout;
    expect(listed.split('C0DUPLICATE').length - 1).toBe(2);
    for (const scheduleId of [id, (JSON.parse(otherZone.stdout) as { id: string }).id]) expect((await recap(['schedule', 'remove', scheduleId])).status).toBe(0);
  });

  it('doctor checks the chat tokens and that every schedule can reach its channel', async () => {
    const withDiscord = { DISCORD_TOKEN: 'fake.discord.token', DISCORD_API_URL: discord.apiUrl };
    const add = async (platform: string, channel: string): Promise<string> => {
      const added = await recap(['schedule', 'add', '--platform', platform, '--channel', channel, '--kind', 'on-ingest', '--json'], { env: withDiscord });
      expect(added.status).toBe(0);
      return (JSON.parse(added.stdout) as { id: string }).id;
    };
    const reachable = await add('slack', CHANNEL);
    slack.unknownChannels.add('C0GONE');
    const gone = await add('slack', 'C0GONE');
    // Added all the same (the bot may be invited later), with a warning saying why it cannot post yet.
    // (Another kind: the same on-ingest schedule again would be refused as a duplicate.)
    const warned = await recap(['schedule', 'add', '--platform', 'slack', '--channel', 'C0GONE', '--kind', 'latest', '--cron', '0 9 * * 1']);
    expect(warned.status).toBe(0);
    expect(warned.stderr).toMatch(/Warning: the bot cannot reach C0GONE yet: Slack: channel_not_found/);
    const warnedId = /Added (sch_\w+)/.exec(warned.stdout)?.[1] ?? '';
    expect((await recap(['schedule', 'remove', warnedId])).status).toBe(0);
    const discordOk = await add('discord', discord.channelId);
    const discordGone = await add('discord', '123456789012345678');

    const doctor = await recap(['doctor'], { env: withDiscord });
    expect(doctor.status).toBe(1);
    expect(doctor.stdout).toMatch(/ok\s+slack: token accepted: @recap in Fake/);
    expect(doctor.stdout).toMatch(/ok\s+discord: token accepted: @/);
    expect(doctor.stdout).toMatch(new RegExp(`ok\\s+schedule ${reachable}: slack channel ${CHANNEL} is reachable`));
    expect(doctor.stdout).toMatch(new RegExp(`FAIL\\s+schedule ${gone}: slack channel C0GONE: Slack: channel_not_found`));
    expect(doctor.stdout).toMatch(new RegExp(`ok\\s+schedule ${discordOk}: discord channel`));
    expect(doctor.stdout).toMatch(new RegExp(`FAIL\\s+schedule ${discordGone}: discord channel 123456789012345678: Discord 404: the channel does not exist`));

    // Without Discord configured, its schedules are named as unpostable.
    const slackOnly = await recap(['doctor']);
    expect(slackOnly.stdout).toMatch(new RegExp(`FAIL\\s+schedule ${discordOk}: posts to discord, which is not configured`));
    for (const id of [reachable, gone, discordOk, discordGone]) expect((await recap(['schedule', 'remove', id])).status).toBe(0);
    // Thirteen CLI runs of 2–3.5 s each: more than the default 30 s on a busy machine.
  }, 120_000);
});
