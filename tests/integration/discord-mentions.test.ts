import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { RecordedCall } from '../helpers/fake-discord.js';
import { postsIn, startDiscordRecap, waitForReply, type DiscordRecap } from '../helpers/discord-recap.js';

// A note whose text tries to ping everyone: notes are untrusted text.
const PING_NOTE = [
  '# 20240801 Community LT',
  '',
  '## Announcements',
  '',
  '- Pager rotation',
  '  - 当番の交代は @everyone と @here で全員に知らせる <@&123456789012345678> <@234567890123456789>',
].join('\n');

// Guilds + GuildMessages + GuildMessageReactions + DirectMessages + MessageContent
const EXPECTED_INTENTS = (1 << 0) | (1 << 9) | (1 << 10) | (1 << 12) | (1 << 15);

describe('Discord mentions (the real discord.js Client against a local gateway and REST server)', () => {
  let recap: DiscordRecap;

  beforeAll(async () => {
    recap = await startDiscordRecap({ redisUrl: inject('redisUrl'), notes: { 'community-lt.md': PING_NOTE } });
  });
  afterAll(async () => {
    await recap?.stop();
  });

  const mention = (content: string, extra: Partial<Parameters<DiscordRecap['fake']['sendMessage']>[0]> = {}): string =>
    recap.fake.sendMessage({ content: `<@${recap.fake.botUser.id}> ${content}`, author: recap.fake.member, mentions: [recap.fake.botUser], ...extra });

  it('logs in with the guild, guild message, reaction, direct message and message content intents', () => {
    expect(recap.fake.identifies[0]).toMatchObject({ token: 'fake.discord.token', intents: EXPECTED_INTENTS });
  });

  it('answers "@Recap what is Brown Field?" with a reply that cites the note and pings nobody', async () => {
    const questionId = mention('what is Brown Field?');
    const reply = await waitForReply(recap.fake, questionId);
    expect(reply.path).toBe(`/channels/${recap.fake.channelId}/messages`);
    expect(reply.body.message_reference).toEqual({ message_id: questionId, fail_if_not_exists: false });
    expect(reply.body.allowed_mentions).toEqual({ parse: [], replied_user: false });
    expect(reply.body.content).toContain('技術的負債が多いサービス');
    const embed = (reply.body.embeds as Array<{ title: string; fields: Array<{ name: string; value: string }> }>)[0];
    expect(embed?.title).toBe('Sources');
    expect(embed?.fields[0]?.name).toBe('[1] 20190604 Cloud Native Meetup Tokyo #8 › Service Mesh Day Recap Overview');
    expect(embed?.fields[0]?.value).toMatch(/20190604-cloud-native-meetup-tokyo-8\.md:24`\nBrown Field$/);
  });

  it('titles the sources in Japanese under a Japanese answer', async () => {
    const reply = await waitForReply(recap.fake, mention('Brown Fieldとは?'));
    expect(reply.body.content).toContain('技術的負債が多いサービス');
    expect(reply.body.content).toContain('24行目');
    const embed = (reply.body.embeds as Array<{ title: string }>)[0];
    expect(embed?.title).toBe('出典');
  });

  it('stays silent for messages without a mention, its own messages, other bots and @everyone alone', async () => {
    const { fake } = recap;
    const before = fake.postedMessages().length;
    fake.sendMessage({ content: 'what is Brown Field?', author: fake.member });
    fake.sendMessage({ content: `<@${fake.botUser.id}> what is Brown Field?`, author: fake.botUser, mentions: [fake.botUser] });
    fake.sendMessage({ content: `<@${fake.botUser.id}> what is Brown Field?`, author: fake.otherBot, mentions: [fake.botUser] });
    fake.sendMessage({ content: '@everyone what is Brown Field?', author: fake.member, mentionEveryone: true });
    fake.sendMessage({ content: '@here what is Brown Field?', author: fake.member, mentionEveryone: true });
    // A marker message that is answered: everything sent before it has been handled by then.
    await waitForReply(fake, mention('what is Brown Field?'));
    expect(fake.postedMessages().length - before).toBe(1);
  });

  it('counts a mention of its own managed role, and answers in threads', async () => {
    const { fake } = recap;
    const questionId = fake.sendMessage({ content: `<@&${fake.botRoleId}> what is Brown Field?`, author: fake.member, mentionRoles: [fake.botRoleId], channelId: fake.threadId });
    const reply = await waitForReply(fake, questionId);
    expect(reply.path).toBe(`/channels/${fake.threadId}/messages`);
    expect(reply.body.content).toContain('技術的負債が多いサービス');
    // Another role's mention is not a mention of the bot.
    const before = fake.postedMessages().length;
    fake.sendMessage({ content: `<@&${fake.managerRoleId}> what is Brown Field?`, author: fake.member, mentionRoles: [fake.managerRoleId] });
    await waitForReply(fake, mention('what is Brown Field?'));
    expect(fake.postedMessages().length - before).toBe(1);
  });

  it('answers a bare mention with how to use it', async () => {
    const reply = await waitForReply(recap.fake, mention(''));
    expect(reply.body.content).toMatch(/Ask me about the meetup notes/);
    expect(reply.body.content).toMatch(/\/recap ask/);
  });

  it('never lets an @everyone inside a note ping anyone', async () => {
    const reply = await waitForReply(recap.fake, mention('Pager rotation'));
    const content = String(reply.body.content);
    expect(content).toContain('当番の交代は');
    expect(reply.body.allowed_mentions).toEqual({ parse: [], replied_user: false });
    expect(content).not.toMatch(/@everyone|@here|<@&\d|<@\d/);
    expect(content).toContain('@\u200beveryone');
    expect(JSON.stringify(reply.body.embeds)).not.toMatch(/@everyone|@here/);
  });

  it('says plainly when the notes do not cover a question', async () => {
    const reply = await waitForReply(recap.fake, mention('what is the recipe for okonomiyaki batter?'));
    expect(reply.body.content).toMatch(/do not cover/);
  });

  it('sets allowed_mentions { parse: [] } on every message it posted', () => {
    const posted: RecordedCall[] = postsIn(recap.fake, recap.fake.channelId).concat(postsIn(recap.fake, recap.fake.threadId));
    expect(posted.length).toBeGreaterThan(5);
    for (const call of posted) expect(call.body.allowed_mentions).toEqual({ parse: [], replied_user: false });
  });
});
