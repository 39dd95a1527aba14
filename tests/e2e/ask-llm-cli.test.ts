import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { seedNotePath } from '../helpers/corpus.js';
import { FakeOpenAiServer } from '../helpers/fake-openai-server.js';
import { recapRunner } from '../helpers/run-recap.js';
import { deleteKeys, uniquePrefix } from '../helpers/test-runtime.js';

const prefix = uniquePrefix();

describe('recap ask with a model configured', () => {
  const server = new FakeOpenAiServer();
  const recap = recapRunner({ prefix, env: () => ({ OPENAI_BASE_URL: server.url, OPENAI_MODEL: 'fake-model', LLM_MAX_RETRIES: '0' }) });

  beforeAll(async () => {
    await server.start();
  });
  afterAll(async () => {
    await server.stop();
    await deleteKeys(inject('redisUrl'), prefix);
  });

  it('keeps the JSON shape and says which mode answered', async () => {
    expect((await recap(['ingest', seedNotePath])).status).toBe(0);
    server.requests.length = 0;
    server.onRequest(() => ({ text: 'A service run on VMs, with much technical debt [1].' }));
    const result = await recap(['ask', '--json', 'what is Brown Field?']);
    expect(result.status).toBe(0);
    const answer = JSON.parse(result.stdout) as Record<string, unknown> & { citations: Array<Record<string, unknown>> };
    expect(answer).toMatchObject({ question: 'what is Brown Field?', grounded: true, mode: 'llm', model: 'fake-model' });
    expect(answer.answer).toContain('[1]');
    expect(answer.citations[0]).toMatchObject({ rank: 1, line: 24, source: seedNotePath });
    expect(server.completions.length).toBeGreaterThanOrEqual(1);
  });

  it('answers from the notes when the model is down', async () => {
    server.onRequest(() => ({ status: 503 }));
    const answer = JSON.parse((await recap(['ask', '--json', 'what is Brown Field?'])).stdout) as { mode: string; answer: string };
    expect(answer.mode).toBe('extractive');
    expect(answer.answer).toContain('技術的負債が多いサービス');
  });
});
