import { spawn } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { seedNotePath } from '../helpers/corpus.js';
import { recapBin, testRecapEnv, type RecapRun } from '../helpers/run-recap.js';
import { deleteKeys, uniquePrefix } from '../helpers/test-runtime.js';

const exampleFile = path.resolve(import.meta.dirname, '../../.env.example');

/** The real command run in `cwd` (where recap looks for .env) with exactly `env`. */
function recapIn(cwd: string, args: string[], env: Record<string, string | undefined>): Promise<RecapRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [recapBin, ...args], { cwd, env, timeout: 60_000 });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
    child.stdin.end();
  });
}

/** testRecapEnv without the variables a test puts in .env instead. */
function envWithout(prefix: string, ...names: string[]): Record<string, string | undefined> {
  const env = testRecapEnv(prefix);
  for (const name of [...names, 'SLACK_BOT_TOKEN', 'DISCORD_TOKEN', 'OPENAI_API_KEY', 'OPENAI_BASE_URL']) delete env[name];
  return env;
}

describe('.env in the working directory', () => {
  const prefix = uniquePrefix();
  let dir: string;

  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'recap-dotenv-'));
  });
  afterAll(async () => {
    await deleteKeys(inject('redisUrl'), prefix);
    rmSync(dir, { recursive: true, force: true });
  });

  it('is loaded by recap itself: a key prefix set only there is the one used', async () => {
    writeFileSync(path.join(dir, '.env'), `# a comment\nRECAP_KEY_PREFIX=${prefix}\nNOTES_DIR=\n`);
    const ingested = await recapIn(dir, ['ingest', seedNotePath], envWithout('unused-prefix', 'RECAP_KEY_PREFIX'));
    expect(ingested.status).toBe(0);
    const listed = await recapIn(dir, ['list'], envWithout('unused-prefix', 'RECAP_KEY_PREFIX'));
    expect(listed.stdout).toContain('20190604-cloud-native-meetup-tokyo-8');
  });

  it('gives way to the real environment', async () => {
    writeFileSync(path.join(dir, '.env'), 'LOG_LEVEL=loud\n');
    const fromFile = await recapIn(dir, ['list'], envWithout(prefix, 'LOG_LEVEL'));
    expect(fromFile.status).toBe(2);
    expect(fromFile.stderr).toContain('LOG_LEVEL');
    const overridden = await recapIn(dir, ['list'], { ...envWithout(prefix), LOG_LEVEL: 'silent' });
    expect(overridden.status).toBe(0);
  });

  it('can be the shipped .env.example as it is: recap starts with its defaults', async () => {
    copyFileSync(exampleFile, path.join(dir, '.env'));
    // REDIS_URL and RECAP_KEY_PREFIX stay the test's (the real environment wins); the rest is the example's.
    const env = envWithout(prefix, 'LOG_LEVEL', 'WEB_PORT', 'NOTES_DIR', 'RECAP_DATA_DIR');
    const doctor = await recapIn(dir, ['doctor'], env);
    expect(doctor.stderr).toBe('');
    expect(doctor.status).toBe(0);
    expect(doctor.stdout).toMatch(/ok\s+redis:/);
    expect((await recapIn(dir, ['list'], env)).status).toBe(0);
  });
});
