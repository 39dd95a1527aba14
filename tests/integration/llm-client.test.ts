import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { isPermanentLlmError, LlmClient } from '../../src/llm/llm-client.js';
import { UsageStore } from '../../src/store/usage-store.js';
import type { Runtime } from '../../src/runtime.js';
import { FakeOpenAiServer } from '../helpers/fake-openai-server.js';
import { openTestRuntime } from '../helpers/test-runtime.js';

describe('LlmClient against an OpenAI-compatible server', () => {
  const server = new FakeOpenAiServer();
  let runtime: Runtime;
  let usage: UsageStore;

  const client = (env: Record<string, string> = {}): LlmClient =>
    new LlmClient(loadConfig({ OPENAI_BASE_URL: server.url, OPENAI_MODEL: 'fake-model', LLM_TIMEOUT_MS: '1000', ...env }).llm, usage);

  beforeAll(async () => {
    await server.start();
    runtime = await openTestRuntime();
    usage = new UsageStore(runtime.redis, runtime.config.keyPrefix);
  });
  afterEach(() => {
    server.requests.length = 0;
  });
  afterAll(async () => {
    await server.stop();
    await runtime.close();
  });

  it('sends the messages and records token usage by day and model', async () => {
    server.enqueue({ text: 'こんにちは', promptTokens: 12, completionTokens: 3 });
    const result = await client().complete([{ role: 'user', content: 'hello' }]);
    expect(result).toMatchObject({ text: 'こんにちは', usage: { promptTokens: 12, completionTokens: 3, totalTokens: 15 } });
    expect(server.completions[0]?.body).toMatchObject({ model: 'fake-model', messages: [{ role: 'user', content: 'hello' }] });
    expect(await usage.byDay(1)).toEqual([expect.objectContaining({ model: 'fake-model', calls: 1, totalTokens: 15 })]);
  });

  it('retries 429 honouring Retry-After, then succeeds', async () => {
    server.enqueue({ status: 429, headers: { 'retry-after-ms': '150' } }, { text: 'after wait' });
    const started = Date.now();
    const result = await client().complete([{ role: 'user', content: 'x' }]);
    expect(result.text).toBe('after wait');
    expect(server.completions).toHaveLength(2);
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
  });

  it('retries 500 and gives up with a transient error', async () => {
    server.enqueue({ status: 500 }, { status: 500 }, { status: 500 });
    const error = await client({ LLM_MAX_RETRIES: '2' }).complete([{ role: 'user', content: 'x' }]).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: 'llm_unavailable' });
    expect(isPermanentLlmError(error)).toBe(false);
    expect(server.completions).toHaveLength(3);
  });

  it.each([
    [401, /OPENAI_API_KEY/],
    [403, /403/],
    [400, /rejected/],
  ])('fails at once on %i with a permanent error', async (status, message) => {
    server.enqueue({ status });
    const error = await client().complete([{ role: 'user', content: 'x' }]).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: 'llm_rejected', message: expect.stringMatching(message) });
    expect(isPermanentLlmError(error)).toBe(true);
    expect(server.completions).toHaveLength(1);
  });

  it('times out a slow model', async () => {
    server.enqueue({ text: 'too late', delayMs: 1500 }, { text: 'too late', delayMs: 1500 });
    const error = await client({ LLM_MAX_RETRIES: '1' }).complete([{ role: 'user', content: 'x' }]).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: 'llm_unavailable', message: expect.stringMatching(/in time/) });
  });

  it('reports malformed bodies and empty answers', async () => {
    server.enqueue({ status: 200, body: { choices: [] } });
    await expect(client().complete([{ role: 'user', content: 'x' }])).rejects.toMatchObject({ code: 'llm_malformed' });
  });

  it('stops when the daily token budget is spent', async () => {
    server.enqueue({ text: 'spend', promptTokens: 500, completionTokens: 500 });
    const limited = client({ LLM_DAILY_TOKEN_BUDGET: '100' });
    await limited.complete([{ role: 'user', content: 'x' }]).catch(() => undefined);
    const before = server.completions.length;
    await expect(limited.complete([{ role: 'user', content: 'x' }])).rejects.toMatchObject({ code: 'llm_budget_spent' });
    expect(server.completions.length).toBe(before);
  });
});
