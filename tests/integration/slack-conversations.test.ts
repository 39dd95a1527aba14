import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { messageText } from '../helpers/slack-message-text.js';
import type { ConversationMessage } from '../../src/domain/conversation.js';
import { mentionEvent } from '../helpers/slack-requests.js';
import { startSlackTestBot, type SlackTestBot } from '../helpers/slack-test-bot.js';

const GENERAL = 'C0GENERAL';

/** Polls until `check` gives a value (listeners work after their ack). */
async function eventually<T>(check: () => Promise<T | null | undefined | false>, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== null && value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

let counter = 0;
/** A message ts `secondsAgo` seconds ago, unique. */
function tsAgo(secondsAgo: number): string {
  counter += 1;
  return `${Math.floor(Date.now() / 1000) - secondsAgo}.${String(counter).padStart(6, '0')}`;
}

function linkOf(channel: string, ts: string, threadTs?: string): string {
  return `https://fake.slack.com/archives/${channel}/p${ts.replace('.', '')}${threadTs ? `?thread_ts=${threadTs}&cid=${channel}` : ''}`;
}

describe('Slack conversation recaps (real bolt, signed events, local Web API, real Redis)', () => {
  let bot: SlackTestBot;

  /** `/recap <text>`: every message posted to its response_url, as text. */
  async function recap(text: string, options: { user?: string; channel?: string } = {}): Promise<string> {
    const responseUrl = bot.api.responseUrl();
    const channelName = options.channel === undefined || options.channel === GENERAL ? 'general' : options.channel.toLowerCase();
    const ack = await bot.requests.command(text, { responseUrl, channelName, ...options });
    expect(ack.status).toBe(200);
    const responses = await bot.api.waitFor(() => (bot.api.responsesTo(responseUrl).length > 0 ? bot.api.responsesTo(responseUrl) : null), 90_000, `a reply to /recap ${text}`);
    return responses.map((response) => messageText(response.body)).join('\n');
  }

  /** A message event as Slack sends it for message.channels. */
  async function post(event: Record<string, unknown>): Promise<void> {
    const sent = await bot.requests.event({ type: 'message', channel: GENERAL, channel_type: 'channel', team: bot.api.teamId, ...event });
    expect(sent.status).toBe(200);
  }

  /** A person's new message (a reply when threadTs is given), waited for until it is stored. */
  async function say(user: string, text: string, options: { ts?: string; threadTs?: string; channel?: string } = {}): Promise<string> {
    const ts = options.ts ?? tsAgo(60);
    const channel = options.channel ?? GENERAL;
    await post({ user, text, ts, channel, client_msg_id: `m-${ts}`, ...(options.threadTs ? { thread_ts: options.threadTs, parent_user_id: 'U0ALICE' } : {}) });
    await stored(channel, ts);
    return ts;
  }

  function stored(channel: string, ts: string): Promise<ConversationMessage> {
    return eventually(() => bot.runtime.conversations.get('slack', channel, ts));
  }

  beforeAll(async () => {
    bot = await startSlackTestBot({ mode: 'http', env: { SLACK_ADMIN_USER_IDS: 'U0ADMIN', RECAP_TIMEZONE: 'Asia/Tokyo', RECAP_LANGUAGES: 'en,ja' } });
    bot.api.users.set('U0ALICE', { id: 'U0ALICE', profile: { display_name: 'Alice' } });
    bot.api.users.set('U0BOB', { id: 'U0BOB', real_name: 'Bob Builder' });
    bot.api.users.set('U0CAROL', { id: 'U0CAROL', name: 'carol' });
    bot.api.users.set('U0ADMIN', { id: 'U0ADMIN', profile: { display_name: 'Admin' } });
  });
  afterAll(async () => {
    await bot?.close();
  });

  describe('a captured thread', () => {
    let parent: string;
    let bobReply: string;
    let carolReply: string;

    beforeAll(async () => {
      parent = await say('U0ALICE', 'Where should we upload the slides? <!channel> @everyone');
      bobReply = await say('U0BOB', '<@U0ALICE> put them on <https://example.com/slides|the slides page>, <!here>', { threadTs: parent });
      carolReply = await say('U0CAROL', 'I uploaded mine <@U0BOB>', { threadTs: parent });
    });

    it('stores people\'s messages as plain text with names and permalinks; the parent joins its thread', async () => {
      const bob = await stored(GENERAL, bobReply);
      expect(bob).toMatchObject({ threadId: parent, userName: 'Bob Builder', url: linkOf(GENERAL, bobReply, parent) });
      expect(bob.text).toBe('@Alice put them on the slides page (https://example.com/slides), @here');
      const thread = await bot.runtime.conversations.threadMessages('slack', GENERAL, parent);
      expect(thread.map((message) => message.id)).toEqual([parent, bobReply, carolReply]);
      expect(thread[0]).toMatchObject({ threadId: parent, userName: 'Alice', url: linkOf(GENERAL, parent) });
    });

    it('/recap thread <link> recaps it, citing each message\'s permalink, and pings nobody', async () => {
      const text = await recap(`thread ${linkOf(GENERAL, parent)}`);
      expect(text).toContain('Recap of 3 messages by 3 people in this thread');
      expect(text).toContain(linkOf(GENERAL, parent));
      expect(text).toContain('https://example.com/slides');
      expect(text).not.toMatch(/<!(channel|here|everyone)/);
      expect(text).not.toMatch(/<@U/);
      expect(text).not.toMatch(/@(channel|here|everyone)\b/);
      // No history was needed: the parent was captured.
      expect(bot.api.callsOf('conversations.replies')).toHaveLength(0);
    });

    it('a link to a reply recaps its whole thread', async () => {
      const text = await recap(`thread ${linkOf(GENERAL, carolReply, parent)}`);
      expect(text).toContain('Recap of 3 messages');
    });

    it('applies an edit', async () => {
      await post({
        subtype: 'message_changed',
        hidden: true,
        ts: tsAgo(0),
        message: { type: 'message', user: 'U0CAROL', text: 'I uploaded mine to the shared drive', ts: carolReply, thread_ts: parent, edited: { user: 'U0CAROL', ts: tsAgo(0) } },
        previous_message: { type: 'message', user: 'U0CAROL', text: 'I uploaded mine <@U0BOB>', ts: carolReply, thread_ts: parent },
      });
      await eventually(async () => (await bot.runtime.conversations.get('slack', GENERAL, carolReply))?.text.includes('shared drive'));
      const text = await recap(`thread ${linkOf(GENERAL, parent)}`);
      expect(text).toContain('shared drive');
    });

    it('skips bots\' messages and our own', async () => {
      const botTs = tsAgo(30);
      await post({ subtype: 'bot_message', bot_id: 'B0OTHER', username: 'ci', text: 'Build passed', ts: botTs, thread_ts: parent });
      const ownTs = tsAgo(30);
      await post({ user: bot.api.botUserId, bot_id: 'BBOT', text: 'Searching the notes…', ts: ownTs, thread_ts: parent });
      // A later person's message is captured, so the two before it were looked at (and dropped).
      const later = await say('U0BOB', 'and the recording?', { threadTs: parent });
      expect(await bot.runtime.conversations.get('slack', GENERAL, botTs)).toBeNull();
      expect(await bot.runtime.conversations.get('slack', GENERAL, ownTs)).toBeNull();
      await post({ subtype: 'message_deleted', hidden: true, ts: tsAgo(0), deleted_ts: later, previous_message: { type: 'message', user: 'U0BOB', text: 'and the recording?', ts: later } });
      await eventually(async () => (await bot.runtime.conversations.get('slack', GENERAL, later)) === null);
    });

    it('forgets a deleted message: the next recap no longer has it', async () => {
      await post({ subtype: 'message_deleted', hidden: true, ts: tsAgo(0), deleted_ts: carolReply, previous_message: { type: 'message', user: 'U0CAROL', text: 'x', ts: carolReply, thread_ts: parent } });
      await eventually(async () => (await bot.runtime.conversations.get('slack', GENERAL, carolReply)) === null);
      const text = await recap(`thread ${linkOf(GENERAL, parent)}`);
      expect(text).toContain('Recap of 2 messages by 2 people');
      expect(text).not.toContain('shared drive');
    });

    it('never keeps an off-the-record message, and forgets one given the off-the-record reaction', async () => {
      const secretTs = tsAgo(20);
      await post({ user: 'U0BOB', text: '[オフレコ] the venue might change', ts: secretTs, thread_ts: parent });
      const marked = await say('U0ALICE', 'the budget is 10k', { threadTs: parent });
      expect(await bot.runtime.conversations.get('slack', GENERAL, secretTs)).toBeNull();
      await bot.requests.event({ type: 'reaction_added', user: 'U0ALICE', reaction: 'no_entry_sign', item: { type: 'message', channel: GENERAL, ts: marked }, item_user: 'U0ALICE', event_ts: tsAgo(0) });
      await eventually(async () => (await bot.runtime.conversations.get('slack', GENERAL, marked)) === null);
      const text = await recap(`thread ${linkOf(GENERAL, parent)}`);
      expect(text).not.toContain('venue');
      expect(text).not.toContain('budget');
    });

    it('counts other reactions, and keeps a files-only message with its file count', async () => {
      await bot.requests.event({ type: 'reaction_added', user: 'U0CAROL', reaction: 'thumbsup::skin-tone-2', item: { type: 'message', channel: GENERAL, ts: bobReply }, item_user: 'U0BOB', event_ts: tsAgo(0) });
      await eventually(async () => (await bot.runtime.conversations.get('slack', GENERAL, bobReply))?.reactionCount === 1);
      const fileTs = tsAgo(10);
      await post({ subtype: 'file_share', user: 'U0CAROL', text: '', ts: fileTs, thread_ts: parent, upload: false, files: [{ id: 'F0SLIDES', name: 'slides.pdf', mimetype: 'application/pdf' }] });
      expect(await stored(GENERAL, fileTs)).toMatchObject({ text: '', fileCount: 1, threadId: parent });
    });
  });

  it('reads a thread recap never captured from the history (paged), skipping bots and off-the-record messages', async () => {
    const channel = 'C0HISTORY';
    const parent = tsAgo(7_200);
    bot.api.seedMessage(channel, { ts: parent, user: 'U0ALICE', text: 'Who can host the next meetup?', threadTs: parent, replyCount: 4 });
    bot.api.seedMessage(channel, { ts: tsAgo(7_100), user: 'U0BOB', text: 'We can, at our office in Shibuya', threadTs: parent });
    bot.api.seedMessage(channel, { ts: tsAgo(7_000), user: 'U0ZED', botId: 'B0CI', subtype: 'bot_message', text: 'deploy finished', threadTs: parent });
    bot.api.seedMessage(channel, { ts: tsAgo(6_900), user: 'U0CAROL', text: '(off the record) the rent is cheap', threadTs: parent });
    bot.api.seedMessage(channel, { ts: tsAgo(6_800), user: 'U0CAROL', text: 'Great, thanks <@U0BOB>!', threadTs: parent, reactions: [{ name: 'tada', count: 2 }] });
    const before = bot.api.callsOf('conversations.replies').length;
    const text = await recap(`thread ${linkOf(channel, parent)}`, { channel });
    expect(text).toContain('Recap of 3 messages by 3 people in this thread');
    expect(text).toContain('3 of them read from the channel\'s history');
    expect(text).toContain(linkOf(channel, parent));
    expect(text).not.toContain('deploy finished');
    expect(text).not.toContain('rent');
    expect(text).not.toMatch(/<@U/);
    expect(bot.api.callsOf('conversations.replies').length).toBeGreaterThan(before);
  });

  it('waits out a short rate limit; a long one leaves what was captured, and says why', async () => {
    const channel = 'C0LIMITED';
    const parent = tsAgo(3_600);
    bot.api.seedMessage(channel, { ts: parent, user: 'U0ALICE', text: 'Is the CFP open?', threadTs: parent });
    bot.api.seedMessage(channel, { ts: tsAgo(3_500), user: 'U0BOB', text: 'Yes, until Friday', threadTs: parent });
    bot.api.rateLimitNext.set('conversations.replies', [1]);
    const waited = await recap(`thread ${linkOf(channel, parent)}`, { channel });
    expect(waited).toContain('Recap of 2 messages');
    bot.api.rateLimitNext.set('conversations.replies', [120]);
    const stopped = await recap(`thread ${linkOf(channel, parent)}`, { channel });
    expect(stopped).toContain('Older messages could not be read');
    expect(stopped).toContain('wait 120 s');
  });

  it('says clearly when recap is not in the channel', async () => {
    const channel = 'C0NOTIN';
    bot.api.notInChannel.add(channel);
    const thread = await recap(`thread ${linkOf(channel, tsAgo(100))}`, { channel });
    expect(thread).toContain('recap is not in that channel');
    expect(thread).toContain('/invite @recap');
    const window = await recap('channel since 2h', { channel });
    expect(window).toContain('/invite @recap');
  });

  it('recaps another channel only for its members', async () => {
    const channel = 'C0PRIVATE';
    bot.api.channelMembers.set(channel, ['U0ALICE', bot.api.botUserId]);
    bot.api.seedMessage(channel, { ts: tsAgo(600), user: 'U0ALICE', text: 'salary talk' });
    const refused = await recap(`channel <#${channel}|private>`, { user: 'U0CAROL' });
    expect(refused).toContain('only the channels you are in');
    expect(refused).not.toContain('salary');
    const allowed = await recap(`channel <#${channel}|private> since 1h`, { user: 'U0ALICE' });
    expect(allowed).toContain('Recap of 1 message by 1 person in #private');
  });

  it('/recap channel since 2h: captured messages and the history before the capture began, not older ones', async () => {
    const channel = 'C0WINDOW';
    bot.api.seedMessage(channel, { ts: tsAgo(3 * 3_600), user: 'U0ALICE', text: 'too old to count' });
    bot.api.seedMessage(channel, { ts: tsAgo(90 * 60), user: 'U0ALICE', text: 'Anyone for ramen after the talk?' });
    await say('U0BOB', 'Count me in', { channel, ts: tsAgo(60 * 60) });
    await say('U0CAROL', 'Me too, see https://ramen.example.com', { channel, ts: tsAgo(30 * 60) });
    const text = await recap('channel since 2h', { channel });
    expect(text).toContain('Recap of 3 messages by 3 people');
    expect(text).toContain('ramen.example.com');
    expect(text).not.toContain('too old');
    expect(text).toContain('1 of them read from the channel\'s history');
    const bad = await recap('channel since whenever', { channel });
    expect(bad).toContain('is not a time');
  });

  it('"@recap まとめて" in a thread recaps it there, in Japanese, and is not itself kept', async () => {
    const parent = await say('U0ALICE', '懇親会の会場はどこですか？');
    await say('U0BOB', '駅前の居酒屋です', { threadTs: parent });
    const mention = mentionEvent('まとめて', { user: 'U0CAROL', threadTs: parent });
    // Slack sends the message event for a mention too.
    await post({ user: 'U0CAROL', text: mention.text, ts: mention.ts, thread_ts: parent });
    await bot.requests.event(mention);
    const update = await bot.api.waitFor(() => bot.api.callsOf('chat.update').find((call) => messageText(call.args).includes('このスレッドの発言')), 60_000, 'the thread recap');
    expect(messageText(update.args)).toContain('このスレッドの発言 2件（2人）のまとめ');
    expect(bot.api.callsOf('chat.postMessage').find((call) => call.args.thread_ts === parent)?.args.text).toBe('会話を読んでいます…');
    expect(await bot.runtime.conversations.get('slack', GENERAL, String(mention.ts))).toBeNull();
  });

  it('"@recap recap" outside a thread recaps the channel\'s last day', async () => {
    const channel = 'C0DAY';
    await say('U0ALICE', 'Slides are up', { channel, ts: tsAgo(3_600) });
    const mention = mentionEvent('recap', { user: 'U0BOB', channel });
    await bot.requests.event(mention);
    const update = await bot.api.waitFor(() => bot.api.callsOf('chat.update').find((call) => call.args.channel === channel), 60_000, 'the channel recap');
    expect(messageText(update.args)).toContain('Recap of 1 message by 1 person in this channel');
  });

  it('/recap thread save: admins only; the note is searchable and a later reply re-syncs it', async () => {
    const parent = await say('U0ALICE', 'Which observability stack do we demo?');
    await say('U0BOB', 'Zephyrine tracing with the OTel collector', { threadTs: parent });
    const refused = await recap(`thread save ${linkOf(GENERAL, parent)}`, { user: 'U0BOB' });
    expect(refused).toContain('only workspace admins');
    expect(await bot.runtime.conversations.savedThread('slack', GENERAL, parent)).toBeNull();

    const saved = await recap(`thread save ${linkOf(GENERAL, parent)}`, { user: 'U0ADMIN' });
    expect(saved).toMatch(/Saved 2 messages of the thread as the note \S+/);
    const found = await eventually(async () => {
      const answer = await recap('ask Zephyrine');
      return answer.includes('Zephyrine tracing') ? answer : null;
    });
    expect(found).toContain('Which observability stack');

    await say('U0CAROL', 'Also Quillback dashboards', { threadTs: parent });
    const resynced = await eventually(async () => {
      const answer = await recap('ask Quillback');
      return answer.includes('Quillback dashboards') ? answer : null;
    });
    expect(resynced).toContain('Which observability stack');
  });

  it('/recap purge: admins only, forgets the channel\'s stored messages', async () => {
    const channel = 'C0PURGE';
    const ts = await say('U0ALICE', 'to be forgotten', { channel });
    expect(await recap('purge', { channel, user: 'U0BOB' })).toContain('only workspace admins');
    const purged = await recap('purge', { channel, user: 'U0ADMIN' });
    expect(purged).toContain('Forgot 1 stored message');
    expect(await bot.runtime.conversations.get('slack', channel, ts)).toBeNull();
  });

  it('recaps a 5,000-message thread read from the history in pages', async () => {
    const channel = 'C0HUGE';
    const start = Math.floor(Date.now() / 1000) - 86_000;
    const parent = `${start}.000000`;
    bot.api.seedMessage(channel, { ts: parent, user: 'U0ALICE', text: 'Big thread: what should the next theme be?', threadTs: parent, replyCount: 4_999 });
    const people = ['U0ALICE', 'U0BOB', 'U0CAROL'];
    for (let index = 1; index < 5_000; index += 1) {
      bot.api.seedMessage(channel, { ts: `${start + Math.floor(index / 100)}.${String(index).padStart(6, '0')}`, user: people[index % 3] ?? 'U0BOB', text: `idea number ${index}: maybe topic ${index % 17}?`, threadTs: parent });
    }
    const before = bot.api.callsOf('conversations.replies').length;
    const text = await recap(`thread ${linkOf(channel, parent)}`, { channel });
    expect(text).toContain('Recap of 5000 messages by 3 people in this thread');
    expect(bot.api.callsOf('conversations.replies').length - before).toBeGreaterThanOrEqual(25);
  }, 120_000);
});
