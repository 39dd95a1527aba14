import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { messageText } from '../helpers/slack-message-text.js';
import type { SlackApiCall } from '../helpers/fake-slack-api.js';
import { startSlackTestBot, type SlackTestBot } from '../helpers/slack-test-bot.js';

let counter = 0;
function nextTs(): string {
  counter += 1;
  return `${Math.floor(Date.now() / 1000)}.${String(counter).padStart(6, '0')}`;
}

describe('Slack direct messages (message.im; real bolt, signed events, local Web API)', () => {
  let bot: SlackTestBot;
  let dmCount = 0;

  /** A new DM conversation with the bot (each test its own, so its calls are its own). */
  function newDm(): string {
    dmCount += 1;
    return `D0DM${dmCount}`;
  }

  /** A person's message in a DM with the bot, as Slack sends it for message.im. */
  async function dm(channel: string, text: string, extra: Record<string, unknown> = {}, options: { eventId?: string; retryNum?: number } = {}): Promise<string> {
    const ts = typeof extra.ts === 'string' ? extra.ts : nextTs();
    const sent = await bot.requests.event({ type: 'message', channel, channel_type: 'im', user: 'U0ASKER', text, ts, client_msg_id: `m-${ts}`, team: bot.api.teamId, ...extra }, options);
    expect(sent.status).toBe(200);
    return ts;
  }

  /** What the bot posted (chat.postMessage) and edited (chat.update) in a channel. */
  const posts = (channel: string): SlackApiCall[] => bot.api.callsOf('chat.postMessage').filter((call) => call.args.channel === channel);
  const updates = (channel: string): SlackApiCall[] => bot.api.callsOf('chat.update').filter((call) => call.args.channel === channel);

  beforeAll(async () => {
    bot = await startSlackTestBot({ mode: 'http', env: { SLACK_ADMIN_USER_IDS: 'U0ADMIN' } });
    bot.api.users.set('U0ASKER', { id: 'U0ASKER' });
  });
  afterAll(async () => {
    await bot?.close();
  });

  it('answers a question in the DM itself (placeholder, then the answer with citations), and keeps nothing of it', async () => {
    const channel = newDm();
    const ts = await dm(channel, 'what is Brown Field?');
    const placeholder = await bot.api.waitFor(() => posts(channel)[0], 30_000, 'the placeholder in the DM');
    expect(placeholder.args.text).toBe('Searching the notes…');
    // A message of the DM, not a thread under the question.
    expect(placeholder.args.thread_ts).toBeUndefined();
    const answer = await bot.api.waitFor(() => updates(channel)[0], 30_000, 'the answer in the DM');
    const text = messageText(answer.args);
    expect(text).toContain('VM上で管理されているサービス');
    expect(text).toMatch(/notes\/20190604-cloud-native-meetup-tokyo-8\.md:24/);
    // DMs are not conversation: the capture listener leaves them alone.
    expect(await bot.runtime.conversations.get('slack', channel, ts)).toBeNull();
  });

  it('answers "help" with the help, at once and without a placeholder', async () => {
    const channel = newDm();
    await dm(channel, 'help');
    const reply = await bot.api.waitFor(() => posts(channel)[0], 30_000, 'the help in the DM');
    const text = messageText(reply.args);
    expect(text).toContain('/recap list');
    expect(text).toMatch(/message recap directly/);
    expect(updates(channel)).toHaveLength(0);
  });

  it('runs the commands of /recap typed without it: list, summary <note>, define <term>', async () => {
    const listDm = newDm();
    await dm(listDm, 'list');
    const list = await bot.api.waitFor(() => posts(listDm)[0], 30_000, 'the note list in the DM');
    expect(messageText(list.args)).toMatch(/1 note[\s\S]*20190604 Cloud Native Meetup Tokyo #8/);

    const summaryDm = newDm();
    await dm(summaryDm, 'summary cloud native #8');
    const summary = await bot.api.waitFor(() => posts(summaryDm)[0], 30_000, 'the summary in the DM');
    expect(messageText(summary.args)).toContain('Cloud Native Meetup Tokyo #8');
    expect(messageText(summary.args)).toMatch(/Extractive recap/);

    // "/recap define …" typed into the DM as text works the same.
    const defineDm = newDm();
    await dm(defineDm, '/recap define Brown Field');
    const define = await bot.api.waitFor(() => posts(defineDm)[0], 30_000, 'the definition in the DM');
    expect(messageText(define.args)).toContain('Brown Field');
  });

  it('refuses admin commands to people who are not admins, in the DM', async () => {
    const channel = newDm();
    await dm(channel, 'delete cloud native #8');
    const reply = await bot.api.waitFor(() => posts(channel)[0], 30_000, 'the refusal in the DM');
    expect(messageText(reply.args)).toMatch(/only workspace admins/i);
  });

  it('answers a DM once, however often Slack delivers it, and never answers bots, edits or its own messages', async () => {
    const channel = newDm();
    const ts = nextTs();
    const eventId = 'Ev0DMDUPLICATE';
    await Promise.all([dm(channel, 'what is Brown Field?', { ts }, { eventId }), dm(channel, 'what is Brown Field?', { ts }, { eventId, retryNum: 1 })]);
    await dm(channel, 'what is Brown Field?', { ts }, { eventId, retryNum: 2 });
    // Not questions: another bot, the bot's own message, an edit, a deletion.
    await dm(channel, 'what is Brown Field?', { bot_id: 'B0OTHER', subtype: 'bot_message', user: undefined });
    await dm(channel, 'what is Brown Field?', { user: 'UBOT' });
    await dm(channel, '', { subtype: 'message_changed', message: { type: 'message', user: 'U0ASKER', text: 'what is Brown Field??', ts }, user: undefined });
    await dm(channel, '', { subtype: 'message_deleted', deleted_ts: ts, user: undefined });
    // A marker question in another DM, answered after all of the above were delivered.
    const marker = newDm();
    await dm(marker, 'what is Brown Field?');
    await bot.api.waitFor(() => updates(marker)[0], 30_000, 'the marker answer');
    await bot.api.waitFor(() => updates(channel)[0], 30_000, 'the answer to the duplicated DM');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(posts(channel)).toHaveLength(1);
    expect(updates(channel)).toHaveLength(1);
  });

  it('does not answer channel messages that do not mention it (those are for conversation recaps only)', async () => {
    const ts = nextTs();
    await bot.requests.event({ type: 'message', channel: 'C0GENERAL', channel_type: 'channel', user: 'U0ASKER', text: 'what is Brown Field?', ts, team: bot.api.teamId });
    const marker = newDm();
    await dm(marker, 'help');
    await bot.api.waitFor(() => posts(marker)[0], 30_000, 'the marker help');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(posts('C0GENERAL')).toHaveLength(0);
  });
});
