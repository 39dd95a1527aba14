import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { RecapError } from '../errors.js';
import { redisAnswers } from './redis-connection.js';

const STARTUP_TIMEOUT_MS = 10_000;
const STARTUP_POLL_MS = 50;

export const HOW_TO_GET_REDIS = [
  'recap needs Redis (>= 6.2) and could not find one.',
  'Either point REDIS_URL at a running server, or install redis-server and run again:',
  '  Debian/Ubuntu: sudo apt-get install redis-server',
  '  macOS:         brew install redis',
  '  Docker:        docker run -d -p 6379:6379 redis:7 --appendonly yes --maxmemory-policy noeviction',
].join('\n');

export interface LocalRedis {
  url: string;
  port: number;
  process: ChildProcess;
  stop(): Promise<void>;
}

/** Finds an executable on PATH without running a shell. */
export function findOnPath(binary: string, envPath = process.env.PATH ?? ''): string | null {
  for (const dir of envPath.split(path.delimiter).filter(Boolean)) {
    const candidate = path.join(dir, binary);
    try {
      const stat = statSync(candidate);
      if (stat.isFile() && (stat.mode & 0o111) !== 0) return candidate;
    } catch {
      // not here; keep looking
    }
  }
  return null;
}

/** Asks the OS for a free TCP port on 127.0.0.1. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/**
 * Starts redis-server as a child process with its data under dataDir (AOF on, noeviction as
 * BullMQ requires). The child stops with this process.
 */
export async function startLocalRedis(options: { dataDir: string; port?: number; persist?: boolean }): Promise<LocalRedis> {
  const binary = findOnPath('redis-server');
  if (!binary) throw new RecapError('redis_unavailable', HOW_TO_GET_REDIS);
  const port = options.port ?? (await freePort());
  const dir = path.resolve(options.dataDir);
  mkdirSync(dir, { recursive: true });
  const persist = options.persist ?? true;
  const args = [
    '--port', String(port),
    '--bind', '127.0.0.1',
    '--dir', dir,
    '--save', '',
    '--appendonly', persist ? 'yes' : 'no',
    '--maxmemory-policy', 'noeviction',
    '--logfile', path.join(dir, 'redis.log'),
  ];
  const child = spawn(binary, args, { stdio: 'ignore' });
  const url = `redis://127.0.0.1:${port}`;
  let exited = false;
  child.once('exit', () => {
    exited = true;
  });
  const deadline = Date.now() + STARTUP_TIMEOUT_MS;
  while (!(await redisAnswers(url))) {
    if (exited || Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new RecapError(
        'redis_unavailable',
        `redis-server did not start on port ${port} (see ${path.join(dir, 'redis.log')}).`,
      );
    }
    await sleep(STARTUP_POLL_MS);
  }
  const stopOnExit = (): void => {
    if (!exited) child.kill('SIGTERM');
  };
  process.once('exit', stopOnExit);
  return {
    url,
    port,
    process: child,
    stop: async () => {
      process.off('exit', stopOnExit);
      if (exited) return;
      const done = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      child.kill('SIGTERM');
      await Promise.race([done, sleep(5_000)]);
      if (!exited) child.kill('SIGKILL');
    },
  };
}
