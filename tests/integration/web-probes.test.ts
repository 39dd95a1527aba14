import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRecap, type RunningRecap } from '../../src/app/start-recap.js';
import { loadConfig } from '../../src/config.js';
import { createLogger } from '../../src/logger.js';
import { startLocalRedis, type LocalRedis } from '../../src/store/local-redis.js';
import { seedNotePath } from '../helpers/corpus.js';

/** Probes and metrics of `recap start`, on a redis-server of its own that the test stops. */
describe('/healthz, /readyz and /metrics against a real Redis', () => {
  let dataDir: string;
  let redis: LocalRedis;
  let running: RunningRecap;
  let base: string;

  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'recap-probes-'));
    copyFileSync(seedNotePath, path.join(dataDir, 'seed.md'));
    redis = await startLocalRedis({ dataDir, persist: false });
    const config = loadConfig({ REDIS_URL: redis.url, RECAP_KEY_PREFIX: 'probes', LOG_LEVEL: 'silent', WEB_PORT: '0', NOTES_DIR: dataDir, RECAP_WATCH: 'false', WEB_PUBLIC: 'true' });
    running = await startRecap(config, createLogger('silent', { pretty: false }));
    base = running.web?.url ?? '';
  });
  afterAll(async () => {
    await Promise.race([running?.stop(), new Promise((resolve) => setTimeout(resolve, 5_000))]);
    await redis?.stop().catch(() => undefined);
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('is alive and ready, and its metrics show the index, the queues and the questions', async () => {
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    const ready = await fetch(`${base}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ready', problems: [] });

    // Public pages: no login needed to ask (an answered and a declined question).
    expect((await fetch(`${base}/ask?q=${encodeURIComponent('Brown Fieldとは')}`)).status).toBe(200);
    expect((await fetch(`${base}/ask?q=${encodeURIComponent('who won the 1998 world cup final?')}`)).status).toBe(200);
    const metrics = await (await fetch(`${base}/metrics`)).text();
    expect(metrics).toMatch(/^recap_notes_indexed 1$/m);
    expect(metrics).toMatch(/^recap_chunks_indexed \d+$/m);
    expect(metrics).toMatch(/^recap_jobs\{queue="ingest",state="failed"\} 0$/m);
    expect(metrics).toMatch(/^recap_answers_total\{outcome="answered"\} 1$/m);
    expect(metrics).toMatch(/^recap_answers_total\{outcome="declined"\} 1$/m);
    expect(metrics).toMatch(/^recap_ask_duration_seconds_count 2$/m);
    expect(metrics).toMatch(/^recap_job_duration_seconds_count\{queue="ingest",status="completed"\} 1$/m);
    // The questions are kept for the admin page, declined ones marked.
    const asked = await running.runtime.questions.latest();
    expect(asked.map((entry) => [entry.question, entry.answered, entry.surface])).toEqual([
      ['who won the 1998 world cup final?', false, 'web'],
      ['Brown Fieldとは', true, 'web'],
    ]);
  });

  it('answers malformed requests with a page that says why, never a crash', async () => {
    const repeated = await fetch(`${base}/ask?q=a&q=b`);
    expect(repeated.status).toBe(400);
    expect(await repeated.text()).toContain('querystring/q must be string');
    const missing = await fetch(`${base}/no-such-page`);
    expect(missing.status).toBe(404);
    expect(missing.headers.get('content-type')).toMatch(/^text\/html/);
    expect((await fetch(`${base}/notes/%00`)).status).toBe(404);
    expect((await fetch(`${base}/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"token":"x"}' })).status).toBe(403);
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
  });

  it('says not ready while Redis is down, and stays alive', async () => {
    await redis.stop();
    const ready = await fetch(`${base}/readyz`);
    expect(ready.status).toBe(503);
    expect(((await ready.json()) as { problems: string[] }).problems).toEqual(['redis: no answer to PING']);
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    expect((await fetch(`${base}/metrics`)).status).toBe(503);
  });
});
