import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { CONTINUATION_MARK } from '../../src/chat/split-message.js';
import type { RecordedCall } from '../helpers/fake-discord.js';
import { FakeOpenAiServer, type FakeReply, type RecordedRequest } from '../helpers/fake-openai-server.js';
import { fakeRecapReply } from '../helpers/fake-recap-reply.js';
import { fakeTranslateReply } from '../helpers/fake-translate-reply.js';
import { referencedMessage, slashCommand as slash, startDiscordRecap, waitForReply, type DiscordRecap } from '../helpers/discord-recap.js';

const SEED_ID = '20190604-cloud-native-meetup-tokyo-8';
// Model recaps take this long here: long enough to see that nobody waits for them.
const SLOW_MODEL_MS = 1_500;

const system = (request: RecordedRequest): string => request.body.messages[0]?.content ?? '';

describe('Discord with a model (fake OpenAI-compatible server)', () => {
  const model = new FakeOpenAiServer();
  let recap: DiscordRecap;
  let answer: (request: RecordedRequest) => FakeReply = () => ({ text: 'Brown Field is a VM-based service [1].' });
  let translateFails = false;

  beforeAll(async () => {
    await model.start();
    model.onRequest((request) => {
      if (system(request).startsWith('You answer questions')) return answer(request);
      if (system(request).startsWith('You translate one section')) return translateFails ? { status: 500 } : fakeTranslateReply(request);
      if (/^You (write the recap|combine)/.test(system(request))) return { ...fakeRecapReply(request), delayMs: SLOW_MODEL_MS };
      return { text: '{}' };
    });
    recap = await startDiscordRecap({
      redisUrl: inject('redisUrl'),
      env: { OPENAI_BASE_URL: model.url, OPENAI_MODEL: 'fake-model', LLM_MAX_RETRIES: '0', LLM_TIMEOUT_MS: '5000' },
    });
  });
  afterAll(async () => {
    await recap?.stop();
    await model.stop();
  });

  const mention = (content: string): string => recap.fake.sendMessage({ content: `<@${recap.fake.botUser.id}> ${content}`, author: recap.fake.member, mentions: [recap.fake.botUser] });

  it('splits a long answer into several messages within 2,000 characters, cutting nothing', async () => {
    const paragraphs = Array.from({ length: 4 }, (_, n) => `Paragraph ${n}: ${'Brown Field services run on VMs and carry technical debt. '.repeat(14).trim()} [1]`);
    const longLine = `${'技術的負債'.repeat(500)} [1]`; // one line of 2,504 characters: cut with a mark
    answer = () => ({ text: [...paragraphs, longLine].join('\n\n') });
    const { fake } = recap;
    const before = fake.postedMessages().length;
    const questionId = mention('what is Brown Field?');
    await waitForReply(fake, questionId);
    const parts = await fake.waitForCalls(() => fake.postedMessages().length - before >= 4, 1).then(() => fake.postedMessages().slice(before));
    expect(parts.length).toBeGreaterThanOrEqual(4);
    expect(referencedMessage(parts[0] as RecordedCall)).toBe(questionId);
    expect(parts.slice(1).every((part) => part.body.message_reference === undefined)).toBe(true);
    for (const part of parts) {
      expect(String(part.body.content).length).toBeLessThanOrEqual(2000);
      expect(part.body.allowed_mentions).toEqual({ parse: [], replied_user: false });
    }
    const text = parts.map((part) => String(part.body.content)).join('\n\n');
    for (const paragraph of paragraphs) expect(text).toContain(paragraph);
    expect(text).toContain(CONTINUATION_MARK);
    expect(text.replace(new RegExp(`${CONTINUATION_MARK}\\n\\n${CONTINUATION_MARK}`, 'g'), '')).toContain(longLine);
    expect(text).toMatch(/-# Written by fake-model from the cited notes\.$/);
    // The sources go with the last part only.
    expect(parts.at(-1)?.body.embeds).toHaveLength(1);
    expect(parts.slice(0, -1).every((part) => (part.body.embeds as unknown[] | undefined)?.length === 0)).toBe(true);
  });

  it('sends the parts of a long /recap answer as follow-ups after editing the original', async () => {
    answer = () => ({ text: Array.from({ length: 5 }, (_, n) => `Part ${n}: ${'Brown Field is a VM-based service with debt. '.repeat(20).trim()} [1]`).join('\n\n') });
    const { fake } = recap;
    const { token } = fake.sendInteraction({ user: fake.member, subcommand: 'ask', options: { question: 'what is Brown Field?' } });
    const followUps = await fake.waitForCalls((call) => call.method === 'POST' && call.path === `/webhooks/${fake.applicationId}/${token}`, 2);
    const [original] = fake.callsWhere((call) => call.method === 'PATCH' && call.path === `/webhooks/${fake.applicationId}/${token}/messages/@original`);
    const parts = [original, ...followUps] as RecordedCall[];
    expect(parts[0]?.at).toBeLessThanOrEqual(parts[1]?.at ?? 0);
    for (const part of parts) {
      expect(String(part.body.content).length).toBeLessThanOrEqual(2000);
      expect(part.body.allowed_mentions).toEqual({ parse: [], replied_user: false });
    }
    const text = parts.map((part) => String(part.body.content)).join('\n\n');
    for (let n = 0; n < 5; n++) expect(text).toContain(`Part ${n}: `);
    expect(parts.at(-1)?.body.embeds).toHaveLength(1);
  });

  it('still ends in a visible reply when the model answers 500: the notes’ own words and why', async () => {
    answer = () => ({ status: 500 });
    const reply = await waitForReply(recap.fake, mention('what is Brown Field?'));
    // The extractive answer (the cited line, or its indexed translation) after the reason.
    expect(reply.body.content).toMatch(/^The model could not be used \(.*500.*\); answering from the notes directly\.\n\nBrown Field \(.*line 24\):\n- /);
    expect(reply.body.content).not.toMatch(/Written by/);
  });

  it('summary does not wait for the model: extractive now, the model recap next time', async () => {
    const first = await slash(recap.fake, 'summary', { note: SEED_ID, lang: 'fr' });
    expect(first.callback.body).toMatchObject({ type: 5 });
    expect(first.original.at - first.sentAt).toBeLessThan(SLOW_MODEL_MS);
    expect(first.original.body.content).toContain('■ Service Mesh Day Recap Overview');
    expect(first.original.body.content).toMatch(/-# Extractive recap .*being prepared, ask again in a minute\./);
    await expect
      .poll(async () => String((await slash(recap.fake, 'summary', { note: SEED_ID, lang: 'fr' })).original.body.content), { timeout: 15_000, interval: 500 })
      .toMatch(/A French recap\.[\s\S]*-# Recap written by fake-model \(fr\)/);
  });

  it('translate: the note in another language, lines kept', async () => {
    const { original } = await slash(recap.fake, 'translate', { note: 'cloud native #8', lang: 'en' });
    expect(original.body.content).toMatch(/translated from Japanese \(ja\) into English \(en\)/);
    expect(original.body.content).toContain('A service run on VMs. A service that carries a lot of technical debt (line 25)');
  });

  it('a failing translation ends in a visible error reply', async () => {
    translateFails = true;
    const { original } = await slash(recap.fake, 'translate', { note: SEED_ID, lang: 'de' });
    translateFails = false;
    expect(original.body.content).toMatch(/^⚠️ The translation of 20190604-cloud-native-meetup-tokyo-8 \(de\) failed/);
  });
});
