import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { MAX_CHAT_INPUT_CHARS } from '../../src/chat/chat-input.js';
import { startDiscordRecap, waitForReply, type DiscordRecap } from '../helpers/discord-recap.js';
import { mentionEvent } from '../helpers/slack-requests.js';
import { startSlackTestBot, type SlackTestBot } from '../helpers/slack-test-bot.js';

// A pasted wall of Japanese: what once held the event loop for tens of seconds in search.
const WALL = 'サービスメッシュの話'.repeat(10_000);
const REFUSAL = /characters long; recap reads questions and commands of up to 2,000/;

function textOf(value: unknown): string {
  return JSON.stringify(value);
}

describe('chat input longer than the limit is refused with a message (Slack, real bolt over HTTP)', () => {
  let bot: SlackTestBot;
  beforeAll(async () => {
    bot = await startSlackTestBot({ mode: 'http' });
  });
  afterAll(async () => {
    await bot?.close();
  });

  it('answers an over-long /recap ask with the limit in its ack, and a question at the limit normally', async () => {
    const long = await bot.requests.command(`ask ${WALL}`, { responseUrl: bot.api.responseUrl() });
    expect(long.status).toBe(200);
    expect(long.text).toMatch(REFUSAL);

    const responseUrl = bot.api.responseUrl();
    const question = `what is Brown Field? ${' '.repeat(MAX_CHAT_INPUT_CHARS - 30)}`;
    const atLimit = await bot.requests.command(`ask ${question}`.slice(0, MAX_CHAT_INPUT_CHARS), { responseUrl });
    expect(atLimit.text).not.toMatch(REFUSAL);
    const [answer] = await bot.api.waitFor(() => (bot.api.responsesTo(responseUrl).length > 0 ? bot.api.responsesTo(responseUrl) : null));
    expect(textOf(answer?.body)).toContain('技術的負債が多いサービス');
  });

  it('replies to an over-long @mention in its thread with the limit', async () => {
    const ts = '1710000000.009900';
    const sent = await bot.requests.event(mentionEvent(`<@UBOT> ${WALL}`, { ts }));
    expect(sent.status).toBe(200);
    const reply = await bot.api.waitFor(() => bot.api.callsOf('chat.postMessage').find((call) => call.args.thread_ts === ts));
    expect(textOf(reply.args)).toMatch(REFUSAL);
  });
});

describe('chat input longer than the limit is refused with a message (Discord, real discord.js)', () => {
  let recap: DiscordRecap;
  beforeAll(async () => {
    recap = await startDiscordRecap({ redisUrl: inject('redisUrl') });
  });
  afterAll(async () => {
    await recap?.stop();
  });

  it('replies to an over-long mention with the limit, and still answers the next question', async () => {
    const { fake } = recap;
    const mention = (content: string): string => fake.sendMessage({ content: `<@${fake.botUser.id}> ${content}`, author: fake.member, mentions: [fake.botUser] });
    const refused = await waitForReply(fake, mention(WALL));
    expect(refused.body.content).toMatch(REFUSAL);
    const answered = await waitForReply(fake, mention('what is Brown Field?'));
    expect(answered.body.content).toContain('技術的負債が多いサービス');
  });
});
