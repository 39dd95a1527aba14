import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { seedNotePath } from '../helpers/corpus.js';
import { FakeOpenAiServer } from '../helpers/fake-openai-server.js';
import { fakeRecapReply } from '../helpers/fake-recap-reply.js';
import { recapRunner } from '../helpers/run-recap.js';
import { deleteKeys, uniquePrefix } from '../helpers/test-runtime.js';

const prefix = uniquePrefix();
const seedId = '20190604-cloud-native-meetup-tokyo-8';

describe('recap summary with a model', () => {
  const server = new FakeOpenAiServer();

  const recap = recapRunner({ prefix, env: () => ({ OPENAI_BASE_URL: server.url, OPENAI_MODEL: 'fake-model', RECAP_LANGUAGES: 'ja,en' }) });

  const englishPrompts = (): number => server.completions.filter((request) => request.body.messages[0]?.content.includes('English (en)')).length;

  beforeAll(async () => {
    await server.start();
    server.onRequest(fakeRecapReply);
  });
  afterAll(async () => {
    await server.stop();
    await deleteKeys(inject('redisUrl'), prefix);
  });

  it('ingests without waiting for recaps', async () => {
    const result = await recap(['ingest', seedNotePath]);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    // Recap jobs are queued for a worker; no worker runs, so no model was asked yet.
    expect(server.completions).toHaveLength(0);
  });

  it('writes the recap through the queue when none is stored, showing model and tokens', async () => {
    const result = await recap(['summary', seedId, '--lang', 'en']);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('Cloud Native Meetup Tokyo #8 — 2019-06-04');
    expect(result.stdout).toContain('A English recap.');
    expect(result.stdout).toMatch(/■ Service Mesh Day Recap Overview {2}\[line 9\]/);
    expect(result.stdout).toMatch(/- English: Tetrate\.io {2}\[line 11\]/);
    expect(result.stdout).toMatch(/model fake-model · 1 call · \d+ tokens \(\d+ prompt \+ \d+ completion\)/);
    expect(englishPrompts()).toBe(1);
  });

  it('prints a stored recap without calling the model, as JSON on request', async () => {
    const before = server.completions.length;
    const result = await recap(['summary', seedId, '--lang', 'en', '--json']);
    expect(result.status).toBe(0);
    const stored = JSON.parse(result.stdout) as Record<string, unknown>;
    expect(stored).toMatchObject({ noteId: seedId, language: 'en', model: 'fake-model', llmCalls: 1, summary: { overview: 'A English recap.' } });
    expect(server.completions.length).toBe(before);
  });

  it('writes it again with --refresh, and in a language outside RECAP_LANGUAGES on demand', async () => {
    expect((await recap(['summary', seedId, '--lang', 'en', '--refresh'])).status).toBe(0);
    expect(englishPrompts()).toBe(2);
    const french = await recap(['summary', seedId, '--lang', 'fr', '--json']);
    expect(french.status).toBe(0);
    expect(JSON.parse(french.stdout)).toMatchObject({ language: 'fr', summary: { overview: 'A French recap.' } });
  });

  it('refuses a malformed language and reports a refusing model', async () => {
    expect((await recap(['summary', seedId, '--lang', 'english'])).status).toBe(2);
    server.onRequest(() => ({ status: 401 }));
    const refused = await recap(['summary', seedId, '--lang', 'de']);
    server.onRequest(fakeRecapReply);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toMatch(/recap of .* \(de\) failed: .*OPENAI_API_KEY/);
  });
});
