import { spawn } from 'node:child_process';
import path from 'node:path';
import { inject } from 'vitest';

/** The real command, as a user runs it. */
export const recapBin = path.resolve(import.meta.dirname, '../../bin/recap.js');

type Env = Record<string, string | undefined>;

/** How a run of the command ended; status is null when it was killed (by the timeout, say). */
export interface RecapRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs bin/recap.js with exactly `env` and collects its exit status and output. Asynchronously on
 * purpose: the fake servers the command talks to (model, Slack, Discord) answer from this test
 * process, which a blocking spawn would stall. `input` goes to its stdin, which is then closed.
 */
export function runRecap(args: string[], options: { env: Env; input?: string; timeoutMs?: number }): Promise<RecapRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [recapBin, ...args], { env: options.env, timeout: options.timeoutMs ?? 60_000 });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
    // A command that exits without reading its input is no error here.
    child.stdin.on('error', () => undefined).end(options.input ?? '');
  });
}

/** This process's environment with the command pointed at the test Redis under `prefix`, logging nothing, its web page on any free port. */
export function testRecapEnv(prefix: string): Env {
  return { ...process.env, REDIS_URL: inject('redisUrl'), RECAP_KEY_PREFIX: prefix, LOG_LEVEL: 'silent', WEB_PORT: '0' };
}

/**
 * runRecap for one test file: testRecapEnv(prefix), then the file's own settings (`env`, read at
 * every run, since they often name a fake server started in beforeAll), then the call's.
 */
export function recapRunner(defaults: { prefix: string; env?: () => Env }): (args: string[], options?: { env?: Env; input?: string }) => Promise<RecapRun> {
  return (args, options = {}) => runRecap(args, { env: { ...testRecapEnv(defaults.prefix), ...defaults.env?.(), ...options.env }, input: options.input });
}
