import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SlackBlock } from '../../src/adapters/slack/render-slack.js';
import { eventEnvelope, mentionEvent } from '../helpers/slack-requests.js';
import { APP_TOKEN, startSlackTestBot, type SlackTestBot } from '../helpers/slack-test-bot.js';

function allText(blocks: unknown): string {
  return ((blocks ?? []) as SlackBlock[]).map((block) => (block.type === 'section' ? block.text.text : '')).join('\n');
}

describe('Slack app in Socket Mode (real bolt, local WebSocket)', () => {
  let bot: SlackTestBot;

  beforeAll(async () => {
    bot = await startSlackTestBot({ mode: 'socket' });
    await bot.api.waitFor(() => bot.api.socketConnected, 10_000, 'the Socket Mode connection');
  });
  afterAll(async () => {
    await bot?.close();
  });

  it('opens the connection with the app-level token and listens on no port', () => {
    const open = bot.api.callsOf('apps.connections.open');
    expect(open).toHaveLength(1);
    expect(open[0]?.headers.authorization).toBe(`Bearer ${APP_TOKEN}`);
    expect(bot.adapter.httpPort).toBeNull();
  });

  it('acks a mention envelope and answers in its thread', async () => {
    const ack = await bot.api.pushEnvelope('events_api', eventEnvelope(mentionEvent('what is Brown Field?', { ts: '1760000000.000100' })));
    expect(ack).toEqual({}); // acked, nothing to say in the ack itself
    const update = await bot.api.waitFor(() => bot.api.callsOf('chat.update').find((call) => allText(call.args.blocks).includes('VM上で管理')));
    expect(update.args.channel).toBe('C0GENERAL');
    expect(bot.api.callsOf('chat.postMessage').find((call) => call.args.thread_ts === '1760000000.000100')?.args.text).toBe('Searching the notes…');
  });

  it('answers a redelivered envelope (same event id) once', async () => {
    const envelope = eventEnvelope(mentionEvent('what is Brown Field?', { ts: '1760000100.000100' }), { eventId: 'Ev0SOCKETDUP' });
    await bot.api.pushEnvelope('events_api', envelope);
    await bot.api.pushEnvelope('events_api', envelope, { retryAttempt: 1 });
    await bot.api.waitFor(() => bot.api.callsOf('chat.update').length >= 2 || null);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(bot.api.callsOf('chat.postMessage').filter((call) => call.args.thread_ts === '1760000100.000100')).toHaveLength(1);
  });

  it('acks a slash command with the placeholder in the ack payload, then replaces it', async () => {
    const responseUrl = bot.api.responseUrl();
    const command = {
      token: 'legacy',
      team_id: bot.api.teamId,
      channel_id: 'C0GENERAL',
      user_id: 'U0ASKER',
      command: '/recap',
      text: 'ask what is Brown Field?',
      response_url: responseUrl,
      trigger_id: 'trigger.socket.1',
      api_app_id: 'A0FAKE',
    };
    const ack = await bot.api.pushEnvelope('slash_commands', command);
    expect(ack).toMatchObject({ response_type: 'ephemeral', text: 'Searching the notes…' });
    const [answer] = await bot.api.waitFor(() => (bot.api.responsesTo(responseUrl).length > 0 ? bot.api.responsesTo(responseUrl) : null));
    expect(answer?.body).toMatchObject({ replace_original: true, response_type: 'ephemeral' });
    expect(allText(answer?.body.blocks)).toContain('VM上で管理');
  });
});
