import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { FakeDiscord, FakeUser, InteractionOptionValue, RecordedCall } from '../helpers/fake-discord.js';
import { startDiscordRecap, waitForReply, type DiscordRecap } from '../helpers/discord-recap.js';

const NO_PINGS = { parse: [], replied_user: false };
const HOUR_MS = 60 * 60 * 1000;

/** Everything a reply shows: its content and its embeds. */
function shown(call: RecordedCall): string {
  return `${String(call.body.content)}\n${JSON.stringify(call.body.embeds ?? [])}`;
}

/** The URLs the citations embed links to. */
function citedUrls(call: RecordedCall): string[] {
  return [...JSON.stringify(call.body.embeds ?? []).matchAll(/\((https:\/\/discord\.com\/channels\/[\d/]+)\)/g)].map((match) => match[1] ?? '');
}

/** Sends /recap <subcommand> in a channel and resolves with the edited answer (and its follow-ups). */
async function slash(fake: FakeDiscord, subcommand: string, options: Record<string, InteractionOptionValue>, from: { channelId?: string; user?: FakeUser; roles?: string[] } = {}): Promise<{ callback: RecordedCall; answer: RecordedCall; text: string }> {
  const { id, token } = fake.sendInteraction({ user: from.user ?? fake.member, roles: from.roles ?? [], subcommand, options, ...(from.channelId ? { channelId: from.channelId } : {}) });
  const [callback] = await fake.waitForCalls((call) => call.path === `/interactions/${id}/${token}/callback`);
  const [answer] = await fake.waitForCalls((call) => call.method === 'PATCH' && call.path === `/webhooks/${fake.applicationId}/${token}/messages/@original`, 1, 20_000);
  if (!callback || !answer) throw new Error('no answer');
  return { callback, answer, text: shown(answer) };
}

describe('Discord conversation recaps (capture over the gateway, history over REST)', () => {
  let recap: DiscordRecap;
  let fake: FakeDiscord;

  beforeAll(async () => {
    recap = await startDiscordRecap({ redisUrl: inject('redisUrl'), env: { RECAP_TIMEZONE: 'Asia/Tokyo' } });
    fake = recap.fake;
  });
  afterAll(async () => {
    await recap?.stop();
  });

  const say = (channelId: string, content: string, author: FakeUser = fake.member, extra: Partial<Parameters<FakeDiscord['sendMessage']>[0]> = {}): string => fake.sendMessage({ content, author, channelId, ...extra });
  const mention = (channelId: string, content: string): Promise<RecordedCall> => waitForReply(fake, say(channelId, `<@${fake.botUser.id}> ${content}`, fake.member, { mentions: [fake.botUser] }));
  const stored = (channelId: string, id: string) => recap.running.runtime.conversations.get('discord', channelId, id);

  describe('a captured thread', () => {
    let thread: string;
    const ids: Record<string, string> = {};

    beforeAll(() => {
      thread = fake.createThread('venue-talk');
      ids.question = say(thread, 'Should we move the meetup to Thursday?');
      ids.answer = say(thread, 'Thursday works for me, the room is free', fake.otherMember);
      ids.slides = say(thread, `Slides: https://example.com/slides thanks <@${fake.otherMember.id}> @everyone @here <@&${fake.managerRoleId}>`, fake.member, { mentions: [fake.otherMember], mentionEveryone: true, mentionRoles: [fake.managerRoleId] });
      ids.bot = say(thread, 'BOTTEXT automated reminder', fake.otherBot);
      ids.offRecord = say(thread, '[オフレコ] SECRETPLAN the sponsor is leaving');
      ids.reacted = say(thread, 'NOENTRY this one gets a no-entry reaction', fake.otherMember);
      fake.addReaction(thread, ids.reacted, '🚫');
      fake.addReaction(thread, ids.question, '👍', fake.otherMember);
      ids.files = say(thread, '', fake.otherMember, { attachments: [{ filename: 'floor-plan.png', size: 1234, url: 'https://cdn.example/floor-plan.png', contentType: 'image/png' }] });
    });

    it('recaps "@Recap まとめて" in the thread: messages counted, their links cited, nobody pinged', async () => {
      const reply = await mention(thread, 'まとめて');
      expect(reply.path).toBe(`/channels/${thread}/messages`);
      expect(reply.body.allowed_mentions).toEqual(NO_PINGS);
      const content = String(reply.body.content);
      // The question, its answer, the slides and the files-only message, by alice and bob.
      expect(content).toMatch(/^このスレッドの発言 4件（2人）のまとめ/);
      expect(content).toContain('Should we move the meetup to Thursday?');
      const urls = citedUrls(reply);
      expect(urls).toContain(`https://discord.com/channels/${fake.guildId}/${thread}/${ids.question}`);
      expect(urls).toContain(`https://discord.com/channels/${fake.guildId}/${thread}/${ids.answer}`);
      expect(content).not.toMatch(/@everyone|@here|<@[!&]?\d/);
      expect(JSON.stringify(reply.body.embeds)).not.toMatch(/@everyone|@here|<@[!&]?\d/);
      for (const hidden of ['BOTTEXT', 'SECRETPLAN', 'NOENTRY']) expect(shown(reply)).not.toContain(hidden);
    });

    it('stores plain text: mentions as names, no @everyone; files-only messages keep their count; reactions counted', async () => {
      const slides = await stored(thread, ids.slides ?? '');
      expect(slides).toMatchObject({ channel: thread, threadId: thread, user: fake.member.id, userName: 'alice', url: `https://discord.com/channels/${fake.guildId}/${thread}/${ids.slides}` });
      expect(slides?.text).toBe('Slides: https://example.com/slides thanks @bob everyone here @Organizers');
      expect(await stored(thread, ids.files ?? '')).toMatchObject({ text: '', fileCount: 1 });
      expect((await stored(thread, ids.question ?? ''))?.reactionCount).toBe(1);
      // Bots, the off-the-record marker and the 🚫 reaction: never kept.
      for (const id of [ids.bot, ids.offRecord, ids.reacted]) expect(await stored(thread, id ?? '')).toBeNull();
    });

    it('applies an edit and forgets a deletion by the next recap', async () => {
      fake.editMessage(thread, ids.answer ?? '', 'EDITED: Friday is better, the room is free then');
      fake.deleteMessage(thread, ids.slides ?? '');
      const reply = await mention(thread, 'summarize this thread');
      const text = shown(reply);
      expect(String(reply.body.content)).toMatch(/^Recap of 3 messages by 2 people in this thread/);
      expect(text).toContain('EDITED: Friday is better');
      expect(text).not.toContain('Thursday works for me');
      expect(text).not.toContain('example.com/slides');
      expect(citedUrls(reply)).not.toContain(`https://discord.com/channels/${fake.guildId}/${thread}/${ids.slides}`);
      expect(await stored(thread, ids.slides ?? '')).toBeNull();
      expect((await stored(thread, ids.answer ?? ''))?.text).toBe('EDITED: Friday is better, the room is free then');
    });

    it('forgets a message that is edited to carry the off-the-record marker', async () => {
      fake.editMessage(thread, ids.question ?? '', 'Should we move the meetup? (off the record)');
      const reply = await mention(thread, 'recap');
      expect(String(reply.body.content)).toMatch(/^Recap of 2 messages/);
      expect(shown(reply)).not.toContain('move the meetup');
    });
  });

  it('reads a thread recap never captured from its history, page by page, without bots or off-the-record messages', async () => {
    const thread = fake.createThread('old-thread');
    const start = Date.now() - 3 * HOUR_MS;
    fake.seedMessage({ channelId: thread, content: 'Who brings the projector?', author: fake.member, at: start });
    for (let n = 1; n <= 120; n += 1) fake.seedMessage({ channelId: thread, content: `note ${n}`, author: n % 2 === 0 ? fake.member : fake.otherMember, at: start + n * 1000 });
    fake.seedMessage({ channelId: thread, content: 'HISTORYBOT beep', author: fake.otherBot, at: start + 200_000 });
    fake.seedMessage({ channelId: thread, content: '【オフレコ】 HISTORYSECRET', author: fake.member, at: start + 201_000 });
    fake.seedMessage({ channelId: thread, content: 'HISTORYNOENTRY', author: fake.member, at: start + 202_000, reactions: [{ emoji: '🚫', count: 1 }] });
    const before = fake.calls.length;
    const reply = await mention(thread, 'このスレッドをまとめて');
    const content = String(reply.body.content);
    expect(content).toMatch(/^このスレッドの発言 121件（2人）のまとめ/);
    expect(content).toContain('121件はチャンネルの履歴から読みました');
    for (const hidden of ['HISTORYBOT', 'HISTORYSECRET', 'HISTORYNOENTRY']) expect(shown(reply)).not.toContain(hidden);
    const pages = fake.calls.slice(before).filter((call) => call.method === 'GET' && call.path === `/channels/${thread}/messages`);
    expect(pages.length).toBeGreaterThanOrEqual(2);
    expect(pages[0]?.query.get('limit')).toBe('100');
    expect(pages[1]?.query.get('before')).toMatch(/^\d+$/);
    expect(reply.body.allowed_mentions).toEqual(NO_PINGS);
  });

  it('says clearly what to do when Discord denies the bot a channel (Missing Access)', async () => {
    const { text, answer } = await slash(fake, 'channel', { channel: { channelId: fake.secretChannelId } });
    expect(text).toContain('recap cannot read #secret');
    expect(text).toContain('Missing Access');
    expect(text).toMatch(/View Channel and Read Message History/);
    expect(answer.body.allowed_mentions).toEqual(NO_PINGS);
  });

  it('answers "/recap thread" outside a thread with how to name one', async () => {
    const { text } = await slash(fake, 'thread', {});
    expect(text).toMatch(/This is not a thread/);
  });

  it('/recap channel since:2h: the captured messages and the history before the capture, nothing older', async () => {
    const channel = fake.channelId;
    fake.seedMessage({ channelId: channel, content: 'OLDTHREEHOURS breakfast plans', author: fake.member, at: Date.now() - 3 * HOUR_MS });
    // Before the bot captured anything here, but within the window (and within the half hour an answer follows its question).
    fake.seedMessage({ channelId: channel, content: 'RECENTHOUR is the venue booked?', author: fake.otherMember, at: Date.now() - HOUR_MS / 3 });
    say(channel, 'LIVEANSWER yes, booked until 21:00');
    say(channel, 'LIVEBOT ping', fake.otherBot);
    const { text, callback } = await slash(fake, 'channel', { since: '2h' });
    expect(callback.body).toEqual({ type: 5, data: { flags: 0 } });
    expect(text).toMatch(/Recap of 2 messages by 2 people in #general since/);
    expect(text).toContain('RECENTHOUR');
    expect(text).toContain('LIVEANSWER');
    expect(text).not.toContain('OLDTHREEHOURS');
    expect(text).not.toContain('LIVEBOT');
    expect(text).toContain('1 of them read from the channel');
  });

  it('refuses a "since" that is not a time', async () => {
    const { text } = await slash(fake, 'channel', { since: 'last blue moon' });
    expect(text).toMatch(/is not a time: use 2h/);
  });

  it('starts the recap of a thread started from a message with that message', async () => {
    const starter = say(fake.channelId, 'STARTERMSG Lightning talk slots for December');
    const thread = fake.createThread('lt-slots', { fromMessage: starter });
    say(thread, 'I take the 19:10 slot', fake.otherMember);
    const reply = await mention(thread, 'まとめて');
    expect(String(reply.body.content)).toMatch(/^このスレッドの発言 2件（2人）のまとめ/);
    expect(shown(reply)).toContain('STARTERMSG');
    expect(citedUrls(reply)).toContain(`https://discord.com/channels/${fake.guildId}/${fake.channelId}/${starter}`);
  });

  describe('a thread saved as a note', () => {
    let thread: string;

    beforeAll(() => {
      thread = fake.createThread('venue-decision');
      say(thread, 'Where do we hold the Zanzibar hackathon?');
      say(thread, 'The Zanzibar hackathon goes to the Shibuya hall', fake.otherMember);
    });

    it('is refused to a member who may not manage notes', async () => {
      const { text, callback } = await slash(fake, 'thread', { save: true }, { channelId: thread });
      expect(callback.body).toEqual({ type: 5, data: { flags: 64 } });
      expect(text).toMatch(/only members with the Manage Server permission .* can save threads/);
      expect(recap.running.index.search('Zanzibar hackathon')).toHaveLength(0);
    });

    it('is saved by an admin (Manage Server), findable by a question, and re-synced by a later message', async () => {
      const { text } = await slash(fake, 'thread', { save: true }, { channelId: thread, roles: [fake.managerRoleId] });
      expect(text).toMatch(/Saved 2 messages of the thread as the note (\S+)\./);
      await expect.poll(() => recap.running.index.search('Zanzibar hackathon').length).toBeGreaterThan(0);
      const answer = await mention(fake.channelId, 'where is the Zanzibar hackathon?');
      expect(shown(answer)).toContain('Shibuya hall');

      say(thread, 'Update: bring Quokka stickers for the Zanzibar hackathon', fake.otherMember);
      // A recap asked after it waits until the message (and the note's re-sync) is handled.
      await mention(thread, 'まとめて');
      await expect.poll(() => recap.running.index.search('Quokka stickers').length).toBeGreaterThan(0);
      const later = await mention(fake.channelId, 'Quokka stickers?');
      expect(shown(later)).toContain('Quokka stickers');
    });
  });

  it('forgets messages deleted in bulk', async () => {
    const thread = fake.createThread('bulk');
    const keep = say(thread, 'KEEPME stays');
    const gone = [say(thread, 'BULKGONE one'), say(thread, 'BULKGONE two', fake.otherMember)];
    fake.deleteMessages(thread, gone);
    const reply = await mention(thread, 'recap');
    expect(String(reply.body.content)).toMatch(/^Recap of 1 message by 1 person in this thread/);
    expect(shown(reply)).not.toContain('BULKGONE');
    expect(await stored(thread, keep)).not.toBeNull();
    for (const id of gone) expect(await stored(thread, id)).toBeNull();
  });

  it('/recap purge: admins only; forgets what was stored of the channel', async () => {
    const thread = fake.createThread('purge-me');
    const id = say(thread, 'PURGEME something to forget');
    await mention(thread, 'まとめて');
    expect(await stored(thread, id)).not.toBeNull();
    const refused = await slash(fake, 'purge', {}, { channelId: thread });
    expect(refused.text).toMatch(/can save threads as notes or purge/);
    const { text } = await slash(fake, 'purge', {}, { channelId: thread, roles: [fake.managerRoleId] });
    expect(text).toMatch(/Forgot 1 stored message of #purge-me/);
    expect(await stored(thread, id)).toBeNull();
  });
});
