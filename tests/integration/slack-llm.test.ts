import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_BLOCKS_PER_MESSAGE, MAX_SECTION_CHARS, type SlackBlock } from '../../src/adapters/slack/render-slack.js';
import { FakeOpenAiServer } from '../helpers/fake-openai-server.js';
import { fakeTranslateReply, isTranslatePrompt } from '../helpers/fake-translate-reply.js';
import { mentionEvent } from '../helpers/slack-requests.js';
import { startSlackTestBot, type SlackTestBot } from '../helpers/slack-test-bot.js';

function sections(blocks: unknown): string[] {
  return ((blocks ?? []) as SlackBlock[]).flatMap((block) => (block.type === 'section' ? [block.text.text] : []));
}

function allText(blocks: unknown): string {
  return ((blocks ?? []) as SlackBlock[])
    .map((block) => (block.type === 'section' ? block.text.text : block.type === 'context' ? block.elements.map((element) => element.text).join(' ') : ''))
    .join('\n');
}

/** A model answer of one 7,000-character paragraph and 100 short ones: over 3,000 characters per section and 50 blocks per message. */
function longAnswer(): string {
  const long = Array.from({ length: 700 }, (_, n) => `word${n}`).join(' ').padEnd(7_000, ' x') + ' END-OF-LONG [1]';
  const short = Array.from({ length: 100 }, (_, n) => `P${n + 1}: Brown Field point ${n + 1} [1]`);
  return [long, ...short].join('\n\n');
}

describe('Slack app with a model (fake OpenAI server): failures, long answers, untrusted output', () => {
  const model = new FakeOpenAiServer();
  let bot: SlackTestBot;

  beforeAll(async () => {
    await model.start();
    bot = await startSlackTestBot({ mode: 'http', env: { OPENAI_BASE_URL: model.url, OPENAI_MODEL: 'fake-model', LLM_MAX_RETRIES: '0' } });
  });
  afterAll(async () => {
    await bot?.close();
    await model.stop();
  });

  it('still answers visibly when the model fails (500): the notes’ own words, saying why', async () => {
    model.enqueue({ status: 500 });
    await bot.requests.event(mentionEvent('what is Brown Field?', { ts: '1750000000.000100' }));
    const update = await bot.api.waitFor(() => bot.api.callsOf('chat.update').find((call) => allText(call.args.blocks).includes('VM上で管理')));
    expect(allText(update.args.blocks)).toMatch(/The model could not be used/);
  });

  it('splits a long answer across thread messages within Slack’s limits, losing nothing', async () => {
    const text = longAnswer();
    model.enqueue({ text });
    await bot.requests.event(mentionEvent('what is Brown Field?', { ts: '1750000100.000100' }));
    const first = await bot.api.waitFor(() => bot.api.callsOf('chat.update').find((call) => allText(call.args.blocks).includes('word0')));
    const rest = await bot.api.waitFor(() => {
      const posted = bot.api.callsOf('chat.postMessage').filter((call) => call.args.thread_ts === '1750000100.000100' && call.args.text !== 'Searching the notes…');
      return posted.some((call) => allText(call.args.blocks).includes('P100:')) ? posted : null;
    });
    const messages = [first, ...rest];
    expect(messages.length).toBeGreaterThanOrEqual(3);
    for (const [index, message] of messages.entries()) {
      const blocks = message.args.blocks as SlackBlock[];
      expect(blocks.length).toBeLessThanOrEqual(MAX_BLOCKS_PER_MESSAGE);
      for (const section of sections(blocks)) expect(section.length).toBeLessThanOrEqual(MAX_SECTION_CHARS);
      expect(allText(blocks)).toContain(`part ${index + 1} of ${messages.length}`);
    }
    const shown = messages.flatMap((message) => sections(message.args.blocks)).join('\n');
    expect(shown).toContain('END-OF-LONG');
    for (let n = 1; n <= 100; n += 1) expect(shown).toContain(`P${n}: Brown Field point ${n} [1]`);
    for (let n = 0; n < 700; n += 1) expect(shown).toMatch(new RegExp(`\\bword${n}\\b`));
    // Sources and the feedback buttons close the last message.
    expect(allText(messages.at(-1)?.args.blocks)).toMatch(/Sources/);
  });

  it('splits a long /recap ask answer over response_url messages (Slack allows five)', async () => {
    model.enqueue({ text: longAnswer() });
    const responseUrl = bot.api.responseUrl();
    await bot.requests.command('ask what is Brown Field?', { responseUrl });
    const responses = await bot.api.waitFor(() => {
      const got = bot.api.responsesTo(responseUrl);
      return got.some((response) => allText(response.body.blocks).includes('P100:')) ? got : null;
    });
    expect(responses.length).toBeLessThanOrEqual(5);
    expect(responses.map((response) => response.body.replace_original)).toEqual([true, ...responses.slice(1).map(() => false)]);
  });

  it('neutralizes mass mentions written by the model', async () => {
    model.enqueue({ text: '<!channel> Brown Field は VM 上のサービスです @here @everyone <!subteam^S1|@all> <@U0VICTIM> [1]' });
    const responseUrl = bot.api.responseUrl();
    await bot.requests.command('ask what is Brown Field?', { responseUrl });
    const [answer] = await bot.api.waitFor(() => (bot.api.responsesTo(responseUrl).length > 0 ? bot.api.responsesTo(responseUrl) : null));
    const json = JSON.stringify(answer?.body);
    for (const ping of ['<!channel>', '<!subteam', '<@U0VICTIM>']) expect(json).not.toContain(ping);
    expect(json).not.toMatch(/@(here|everyone)/);
    expect(allText(answer?.body.blocks)).toContain('&lt;!channel&gt; Brown Field');
  });

  it('shows the extractive recap at once and says a model recap is being prepared', async () => {
    const responseUrl = bot.api.responseUrl();
    await bot.requests.command('summary cloud native', { responseUrl });
    const [summary] = await bot.api.waitFor(() => (bot.api.responsesTo(responseUrl).length > 0 ? bot.api.responsesTo(responseUrl) : null));
    expect(allText(summary?.body.blocks)).toMatch(/being prepared/);
    expect(await bot.runtime.summarizeQueue.getJobCounts('waiting')).toMatchObject({ waiting: expect.any(Number) });
  });

  it('translates a note named by part of its title, each line with its source line', async () => {
    model.onRequest((request) => (isTranslatePrompt(request) ? fakeTranslateReply(request) : { text: 'ok' }));
    const responseUrl = bot.api.responseUrl();
    const ack = await bot.requests.command('translate cloud native #8 en', { responseUrl });
    expect(JSON.parse(ack.text)).toMatchObject({ text: expect.stringMatching(/^Translating the note/) });
    const responses = await bot.api.waitFor(() => (bot.api.responsesTo(responseUrl).length > 0 ? bot.api.responsesTo(responseUrl) : null), 30_000);
    const text = responses.map((response) => allText(response.body.blocks)).join('\n');
    expect(text).toMatch(/translated from Japanese \(ja\) into English \(en\)/);
    expect(text).toMatch(/A service run on VMs\. A service that carries a lot of technical debt \(line 25\)/);
    model.onRequest(() => ({ text: 'ok' }));
  });
});
