import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { messageText } from '../helpers/slack-message-text.js';
import { FakeOpenAiServer } from '../helpers/fake-openai-server.js';
import { mentionEvent } from '../helpers/slack-requests.js';
import { startSlackTestBot, type SlackTestBot } from '../helpers/slack-test-bot.js';

const CHANNEL = 'C0LLMTALK';

/** A thread recap written by the model: real bolt, a local Slack Web API and a local OpenAI-compatible server. */
describe('conversation recaps with a model (Slack)', () => {
  const model = new FakeOpenAiServer();
  let bot: SlackTestBot;
  beforeAll(async () => {
    await model.start();
    bot = await startSlackTestBot({ mode: 'http', env: { OPENAI_BASE_URL: model.url, OPENAI_MODEL: 'test-model', LLM_MAX_RETRIES: '0', RECAP_TIMEZONE: 'Asia/Tokyo' } });
    bot.api.users.set('U0ALICE', { id: 'U0ALICE', name: 'alice' });
    bot.api.users.set('U0BOB', { id: 'U0BOB', name: 'bob' });
  });
  afterAll(async () => {
    await bot.close();
    await model.stop();
  });

  it('"@recap まとめて" gets the model\'s recap in Japanese, each bullet citing message links, pinging nobody', async () => {
    const base = Math.floor(Date.now() / 1000) - 600;
    const parent = `${base}.000100`;
    const messages: Array<[string, string, string]> = [
      [parent, 'U0ALICE', 'LTの順番どうしますか？ <!channel>'],
      [`${base + 60}.000200`, 'U0BOB', 'くじ引きにしましょう'],
    ];
    for (const [ts, user, text] of messages) {
      await bot.requests.event({ type: 'message', channel: CHANNEL, channel_type: 'channel', team: bot.api.teamId, user, text, ts, ...(ts === parent ? {} : { thread_ts: parent, parent_user_id: 'U0ALICE' }) });
    }
    // Listeners store after their ack: wait until both are captured.
    for (let tries = 0; tries < 1200 && (await bot.runtime.conversations.threadMessages('slack', CHANNEL, parent)).length < 2; tries += 1) await new Promise((resolve) => setTimeout(resolve, 50));
    model.onRequest(() => ({ text: '- LTの順番はくじ引きで決めることになった [2]\n- @everyone 全員に知らせるべき [1]\n- 根拠のない話' }));

    await bot.requests.event(mentionEvent('まとめて', { user: 'U0BOB', channel: CHANNEL, threadTs: parent }));
    const update = await bot.api.waitFor(() => bot.api.callsOf('chat.update').find((call) => messageText(call.args).includes('くじ引きで決める')), 60_000, 'the model recap');
    const text = messageText(update.args);
    expect(text).toContain('このスレッドの発言 2件（2人）のまとめ');
    expect(text).toContain('LTの順番はくじ引きで決めることになった [1]');
    expect(text).not.toContain('根拠のない話');
    // Citations link to the messages; nothing in the reply can ping.
    expect(text).toContain(`/archives/${CHANNEL}/p${`${base + 60}.000200`.replace('.', '')}`);
    expect(text).not.toMatch(/<!channel>|<!everyone>|<!here>/);
    expect(text).not.toMatch(/(^|[^\u2060])@everyone/);
    expect(text).toContain('Written by test-model');
    const prompt = model.completions.at(-1)?.body.messages ?? [];
    expect(prompt[0]?.content).toContain('Japanese');
    expect(prompt[1]?.content).toContain('くじ引きにしましょう');
  });
});
