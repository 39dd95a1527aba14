import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { seedNotePath } from '../helpers/corpus.js';
import { FakeOpenAiServer } from '../helpers/fake-openai-server.js';
import { fakeTranslateReply, isTranslatePrompt } from '../helpers/fake-translate-reply.js';
import { recapRunner, type RecapRun } from '../helpers/run-recap.js';
import { deleteKeys, uniquePrefix } from '../helpers/test-runtime.js';

const prefix = uniquePrefix();
const seedId = '20190604-cloud-native-meetup-tokyo-8';

const run = recapRunner({ prefix, env: () => ({ RECAP_LANGUAGES: 'ja,en' }) });

afterAll(async () => {
  await deleteKeys(inject('redisUrl'), prefix);
});

describe('recap translate with a model', () => {
  const server = new FakeOpenAiServer();
  const recap = (args: string[]): Promise<RecapRun> => run(args, { env: { OPENAI_BASE_URL: server.url, OPENAI_MODEL: 'fake-model' } });

  const translatePrompts = (): number => server.completions.filter(isTranslatePrompt).length;

  beforeAll(async () => {
    await server.start();
    server.onRequest(fakeTranslateReply);
  });
  afterAll(async () => {
    await server.stop();
  });

  it('ingests without waiting for translations', async () => {
    const result = await recap(['ingest', seedNotePath]);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(server.completions).toHaveLength(0);
  });

  it('translates through the queue, printing the outline with source line numbers and what it cost', async () => {
    const result = await recap(['translate', seedId, '--to', 'en']);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toContain(`20190604 Cloud Native Meetup Tokyo #8  [${seedId}]`);
    expect(result.stdout).toContain('translated from Japanese (ja) into English (en)');
    expect(result.stdout).toContain('## Service Mesh Day Recap Overview  (line 9)');
    expect(result.stdout).toContain('   24  Brown Field\n   25    A service run on VMs. A service that carries a lot of technical debt\n');
    expect(result.stdout).not.toContain('VM上で管理されているサービス');
    expect(result.stdout).toMatch(/— model fake-model · \d+ calls · \d+ tokens \(\d+ prompt \+ \d+ completion\)/);
    expect(translatePrompts()).toBeGreaterThan(1);
  });

  it('prints a stored translation without calling the model: with the source lines, or as JSON', async () => {
    const before = server.completions.length;
    const shown = await recap(['translate', seedId, '--to', 'en', '--show-source']);
    expect(shown.status).toBe(0);
    expect(shown.stdout).toContain('   25    A service run on VMs. A service that carries a lot of technical debt\n         ja: VM上で管理されているサービス。技術的負債が多いサービス\n');
    // Lines the translation leaves as they were are not repeated.
    expect(shown.stdout).toContain('   24  Brown Field\n   25');
    const json = await recap(['translate', seedId, '--json']);
    expect(json.status).toBe(0);
    const stored = JSON.parse(json.stdout) as { sections: Array<{ items: Array<{ line: number; source: string; text: string }> }> };
    expect(stored).toMatchObject({ noteId: seedId, language: 'en', model: 'fake-model', untranslatedLines: 0 });
    expect(stored.sections.flatMap((section) => section.items).find((item) => item.line === 22)).toEqual({
      line: 22,
      depth: 1,
      source: '新規で開発を行う綺麗で技術的負債が少ないサービス',
      text: 'A clean, newly developed service with little technical debt',
    });
    expect(server.completions.length).toBe(before);
  });

  it('answers an English question from the translated lines, citing the note\'s line', async () => {
    const result = await recap(['ask', '--json', 'Which services carry a lot of technical debt?']);
    expect(result.status).toBe(0);
    const answer = JSON.parse(result.stdout) as { grounded: boolean; citations: Array<{ line: number; title: string }> };
    expect(answer.grounded).toBe(true);
    expect(answer.citations[0]).toMatchObject({ line: 25, title: '20190604 Cloud Native Meetup Tokyo #8' });
  });

  it('translates again with --refresh, says when there is nothing to do, and reports a refusing model', async () => {
    const before = translatePrompts();
    expect((await recap(['translate', seedId, '--to', 'en', '--refresh'])).status).toBe(0);
    expect(translatePrompts()).toBeGreaterThan(before);
    const own = await recap(['translate', seedId, '--to', 'ja']);
    expect(own).toMatchObject({ status: 0, stdout: `Not translated: ${seedId} is written in ja already: nothing to translate.\n` });
    server.onRequest(() => ({ status: 401 }));
    const refused = await recap(['translate', seedId, '--to', 'de']);
    server.onRequest(fakeTranslateReply);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toMatch(/translation of .* \(de\) failed: .*OPENAI_API_KEY/);
  });
});

describe('recap translate offline', () => {
  // Empty means unset: no model, whatever the environment running the tests has.
  const recap = (args: string[]): Promise<RecapRun> => run(args, { env: { OPENAI_API_KEY: '', OPENAI_BASE_URL: '', LLM_PROVIDER: '' } });

  it('says plainly that translating needs a model, without failing', async () => {
    const text = await recap(['translate', seedId, '--to', 'en']);
    expect(text).toEqual({ status: 0, stderr: '', stdout: 'Not translated: translation needs an LLM provider: set OPENAI_API_KEY or OPENAI_BASE_URL.\n' });
    const json = await recap(['translate', seedId, '--json']);
    expect(JSON.parse(json.stdout)).toEqual({
      noteId: seedId,
      language: 'en',
      status: 'skipped',
      reason: 'translation needs an LLM provider: set OPENAI_API_KEY or OPENAI_BASE_URL',
    });
  });
});
