import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { FakeDiscord, RecordedCall } from '../helpers/fake-discord.js';
import { startDiscordRecap, type DiscordRecap } from '../helpers/discord-recap.js';

const SEED_ID = '20190604-cloud-native-meetup-tokyo-8';
// Discord drops an interaction that is not acknowledged within 3 s.
const ACK_DEADLINE_MS = 3_000;

interface Exchange {
  dispatchedAt: number;
  callback: RecordedCall;
  original: RecordedCall;
  followUps: RecordedCall[];
}

/** Sends /recap <subcommand> and waits for the deferral and the edited answer. */
async function slash(fake: FakeDiscord, subcommand: string, options: Record<string, string> = {}): Promise<Exchange> {
  const dispatchedAt = Date.now();
  const { id, token } = fake.sendInteraction({ user: fake.member, subcommand, options });
  const [callback] = await fake.waitForCalls((call) => call.path === `/interactions/${id}/${token}/callback`);
  const [original] = await fake.waitForCalls((call) => call.method === 'PATCH' && call.path === `/webhooks/${fake.applicationId}/${token}/messages/@original`, 1, 20_000);
  if (!callback || !original) throw new Error('no answer');
  // Follow-ups are sent one after another right after the edit; give them a moment.
  await new Promise((resolve) => setTimeout(resolve, 150));
  const followUps = fake.callsWhere((call) => call.method === 'POST' && call.path === `/webhooks/${fake.applicationId}/${token}`);
  return { dispatchedAt, callback, original, followUps };
}

const contentOf = (exchange: Exchange): string => [exchange.original, ...exchange.followUps].map((call) => String(call.body.content)).join('\n');

describe('Discord /recap (slash commands over the gateway)', () => {
  let recap: DiscordRecap;

  beforeAll(async () => {
    recap = await startDiscordRecap({ redisUrl: inject('redisUrl') });
  });
  afterAll(async () => {
    await recap?.stop();
  });

  it('defers at once (type 5), then edits the original response with the answer', async () => {
    const exchange = await slash(recap.fake, 'ask', { question: 'what is Brown Field?' });
    expect(exchange.callback.body).toEqual({ type: 5, data: { flags: 0 } });
    expect(exchange.callback.at - exchange.dispatchedAt).toBeLessThan(ACK_DEADLINE_MS);
    expect(exchange.original.at).toBeGreaterThanOrEqual(exchange.callback.at);
    expect(exchange.original.body.content).toContain('技術的負債が多いサービス');
    expect(exchange.original.body.allowed_mentions).toEqual({ parse: [], replied_user: false });
    expect(JSON.stringify(exchange.original.body.embeds)).toContain('Service Mesh Day Recap Overview');
  });

  it('summary: the recap of a note found by part of its title, without waiting for a model', async () => {
    const exchange = await slash(recap.fake, 'summary', { note: 'cloud native #8' });
    const text = contentOf(exchange);
    expect(text).toMatch(/^Cloud Native Meetup Tokyo #8 — 2019-06-04/);
    expect(text).toContain('■ Service Mesh Day Recap Overview');
    expect(text).toMatch(/\(line \d+\)/);
    expect(text).toMatch(/Extractive recap/);
    for (const call of [exchange.original, ...exchange.followUps]) {
      expect(String(call.body.content).length).toBeLessThanOrEqual(2000);
      expect(call.body.allowed_mentions).toEqual({ parse: [], replied_user: false });
    }
  });

  it('summary of a note that does not exist says so, listing the notes there are', async () => {
    const exchange = await slash(recap.fake, 'summary', { note: 'okonomiyaki night' });
    expect(exchange.original.body.content).toMatch(/No note matches "okonomiyaki night"/);
    expect(exchange.original.body.content).toContain(SEED_ID);
  });

  it('list: the notes with their ids', async () => {
    const exchange = await slash(recap.fake, 'list');
    expect(exchange.original.body.content).toMatch(/^1 note, newest first:/);
    expect(exchange.original.body.content).toContain(`2019-06-04 · 20190604 Cloud Native Meetup Tokyo #8 (id: ${SEED_ID})`);
  });

  it('define: where the notes define a term and in which talk', async () => {
    const exchange = await slash(recap.fake, 'define', { term: 'brown field' });
    expect(exchange.original.body.content).toMatch(/^- Brown Field: VM上で管理されているサービス/);
    expect(exchange.original.body.content).toContain('in "Service Mesh Day Recap Overview" of 20190604 Cloud Native Meetup Tokyo #8, line 24 [1]');
    const defined = await slash(recap.fake, 'define', { term: 'okonomiyaki' });
    expect(defined.original.body.content).toMatch(/No note defines "okonomiyaki"/);
  });

  it('translate: says why not when no model is configured', async () => {
    const exchange = await slash(recap.fake, 'translate', { note: SEED_ID, lang: 'en' });
    expect(exchange.original.body.content).toMatch(/Not translated: translation needs an LLM provider/);
  });

  it('suggests notes as the note option is typed (autocomplete, callback type 8)', async () => {
    const { fake } = recap;
    const { id, token } = fake.sendInteraction({ user: fake.member, subcommand: 'summary', options: { note: 'native' }, type: 4, focused: 'note' });
    const [callback] = await fake.waitForCalls((call) => call.path === `/interactions/${id}/${token}/callback`);
    expect(callback?.body).toEqual({ type: 8, data: { choices: [{ name: `20190604 Cloud Native Meetup Tokyo #8 (${SEED_ID})`, value: SEED_ID }] } });
  });
});
