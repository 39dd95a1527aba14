import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { liveWorkers } from '../../src/queue/worker-heartbeat.js';
import { storeKeys } from '../../src/store/keys.js';
import { startLocalRedis, type LocalRedis } from '../../src/store/local-redis.js';
import { createRedis } from '../../src/store/redis-connection.js';
import { uniquePrefix } from '../helpers/redis-keys.js';
import { recapBin } from '../helpers/run-recap.js';

// Before these fixes each command here waited forever: these bounds only end a hung run.
const COMMAND_BOUND_MS = 100_000;

interface Running {
  child: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  exited: Promise<number | null>;
}

/** bin/recap.js as a user runs it, with its output collected as it comes. */
function spawnRecap(args: string[], env: Record<string, string>): Running {
  const child = spawn(process.execPath, [recapBin, ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'], timeout: COMMAND_BOUND_MS });
  let stdout = '';
  let stderr = '';
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const exited = new Promise<number | null>((resolve) => child.on('close', (status) => resolve(status)));
  return { child, stdout: () => stdout, stderr: () => stderr, exited };
}

async function until(condition: () => boolean | Promise<boolean>, what: string, withinMs = 60_000): Promise<void> {
  for (const deadline = Date.now() + withinMs; !(await condition()); ) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** `count` small notes in our style, each with a term of its own. */
function writeNotes(dir: string, count: number): string {
  mkdirSync(dir, { recursive: true });
  for (let i = 0; i < count; i += 1) {
    writeFileSync(path.join(dir, `talk-${i}.md`), `# LT ${i}: 障害対応の話\n\n- Runbook ${i}\n  - 手順書を先に書いておく\n  - on-call は週替わり\n`);
  }
  return dir;
}

function outcomeLines(stdout: string): string[] {
  return stdout.split('\n').filter((line) => /^(ingested|updated|unchanged|failed) /.test(line));
}

describe('recap ingest never waits on a worker that is not there', () => {
  let dir: string;

  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'recap-waits-'));
  });
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  function withDb(url: string, db: number): string {
    const parsed = new URL(url);
    parsed.pathname = `/${db}`;
    return parsed.toString();
  }

  async function workerBeats(url: string, prefix: string): Promise<boolean> {
    const redis = createRedis(url);
    try {
      return (await liveWorkers(redis, storeKeys(prefix).bullPrefix, 'ingest')).length > 0;
    } finally {
      redis.disconnect();
    }
  }

  it('works its own jobs when the only worker serves another database of the same Redis', async () => {
    const prefix = uniquePrefix();
    const env = { RECAP_KEY_PREFIX: prefix, LOG_LEVEL: 'warn' };
    const worker = spawnRecap(['worker'], { ...env, REDIS_URL: withDb(inject('redisUrl'), 1) });
    try {
      await until(() => workerBeats(withDb(inject('redisUrl'), 1), prefix), 'the worker on db 1');
      const notes = writeNotes(path.join(dir, 'other-db'), 3);
      const ingest = spawnRecap(['ingest', notes], { ...env, REDIS_URL: withDb(inject('redisUrl'), 2) });
      expect(await ingest.exited, ingest.stderr().slice(-3000)).toBe(0);
      expect(outcomeLines(ingest.stdout())).toHaveLength(3);
      expect(ingest.stdout()).toContain('3 file(s): 3 ingested');
    } finally {
      worker.child.kill('SIGTERM');
      await worker.exited;
    }
  });

  it('takes over when the worker it waited on is killed mid-ingest (SIGKILL), and says so', async () => {
    const prefix = uniquePrefix();
    const env = { RECAP_KEY_PREFIX: prefix, LOG_LEVEL: 'warn', REDIS_URL: inject('redisUrl') };
    const worker = spawnRecap(['worker'], env);
    await until(() => workerBeats(inject('redisUrl'), prefix), 'the worker');
    const notes = writeNotes(path.join(dir, 'killed'), 1500);
    const ingest = spawnRecap(['ingest', '--json', notes], env);
    await until(() => ingest.stdout().split('\n').length > 20, 'the first outcomes', 90_000);
    worker.child.kill('SIGKILL');
    await worker.exited;
    const status = await ingest.exited;
    const outcomes = ingest
      .stdout()
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as { status: string });
    // A job the worker had stored when it died is redone and found unchanged.
    expect(outcomes.filter((outcome) => outcome.status !== 'ingested' && outcome.status !== 'unchanged')).toEqual([]);
    expect(outcomes).toHaveLength(1500);
    expect(status).toBe(0);
    expect(ingest.stderr()).toMatch(/the worker serving the ingest queue \(.+pid \d+.*\) stopped; working its jobs in this process/);
  });

  describe('when Redis restarts empty mid-ingest', () => {
    let redisDir: string;
    let redis: LocalRedis;

    beforeAll(async () => {
      redisDir = mkdtempSync(path.join(tmpdir(), 'recap-waits-redis-'));
      redis = await startLocalRedis({ dataDir: redisDir, persist: false });
    });
    afterAll(async () => {
      await redis?.stop();
      rmSync(redisDir, { recursive: true, force: true });
    });

    it('exits non-zero naming the notes that are gone and the files not ingested', async () => {
      const notes = writeNotes(path.join(dir, 'restarted'), 1500);
      const ingest = spawnRecap(['ingest', notes], { RECAP_KEY_PREFIX: uniquePrefix(), LOG_LEVEL: 'warn', REDIS_URL: redis.url });
      await until(() => outcomeLines(ingest.stdout()).length >= 20, 'the first outcomes', 90_000);
      await redis.stop();
      redis = await startLocalRedis({ dataDir: redisDir, port: redis.port, persist: false });
      expect(await ingest.exited, ingest.stderr().slice(-3000)).toBe(1);
      const reported = outcomeLines(ingest.stdout()).filter((line) => line.startsWith('ingested'));
      expect(reported.length).toBeGreaterThanOrEqual(20);
      const stderr = ingest.stderr();
      expect(stderr).toContain('Redis lost its data while this command waited');
      const gone = stderr.match(/(\d+) note\(s\) reported above as stored are gone:/);
      expect(Number(gone?.[1])).toBeGreaterThanOrEqual(20);
      // The first note reported is named among the lost.
      const firstId = reported[0]?.match(/-> (\S+) \(/)?.[1] ?? 'none';
      expect(stderr).toContain(`  ${firstId} (`);
      expect(stderr).toMatch(/\d+ file\(s\) were not ingested:/);
    });
  });
});
