import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { promisify } from 'node:util';
import { Redis } from 'ioredis';
import { findOnPath } from '../../src/store/local-redis.js';

const run = promisify(execFile);
const READY_WITHIN_MS = 20_000;
/** Redis Cluster talks between nodes on port + 10000. */
const BUS_OFFSET = 10_000;

/** A Redis Cluster of masters only, on loopback, for tests. */
export interface LocalCluster {
  /** What REDIS_CLUSTER_NODES takes: "127.0.0.1:P1,127.0.0.1:P2,…". */
  nodes: string;
  ports: number[];
  /** A plain client per master (to look at which node holds which keys). */
  clients(): Redis[];
  stop(): Promise<void>;
}

/** Why a cluster could not be started here (the test is then skipped, saying so). */
export interface NoCluster {
  skipped: string;
}

function listens(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

/** A free port whose cluster bus port (port + 10000) is free too. */
async function freeClusterPort(taken: Set<number>): Promise<number> {
  for (;;) {
    const port = 20_000 + Math.floor(Math.random() * 30_000);
    if (!taken.has(port) && (await listens(port)) && (await listens(port + BUS_OFFSET))) return port;
  }
}

async function waitFor<T>(check: () => Promise<T | null>, what: string): Promise<T> {
  const deadline = Date.now() + READY_WITHIN_MS;
  for (;;) {
    const value = await check().catch(() => null);
    if (value !== null) return value;
    if (Date.now() > deadline) throw new Error(`local Redis Cluster: timed out waiting for ${what}`);
    await sleep(100);
  }
}

/**
 * Starts `masters` redis-server processes in cluster mode on free loopback ports (no persistence,
 * files in a temporary folder), joins them with `redis-cli --cluster create` (or CLUSTER ADDSLOTS
 * and MEET when there is no redis-cli) and waits until every node says cluster_state:ok.
 * Returns why not when redis-server is missing or cannot run in cluster mode.
 */
export async function startLocalCluster(masters = 3): Promise<LocalCluster | NoCluster> {
  const server = findOnPath('redis-server');
  if (server === null) return { skipped: 'redis-server is not on PATH' };
  const dir = mkdtempSync(path.join(tmpdir(), 'recap-test-cluster-'));
  const ports: number[] = [];
  for (let i = 0; i < masters; i++) ports.push(await freeClusterPort(new Set(ports)));
  const children: ChildProcess[] = [];
  const exited = new Set<number>();
  const probes: Redis[] = [];
  const stop = async (): Promise<void> => {
    for (const probe of probes) probe.disconnect();
    await Promise.all(
      children.map(
        (child) =>
          new Promise<void>((resolve) => {
            if (child.exitCode !== null || child.signalCode !== null) return resolve();
            child.once('exit', () => resolve());
            child.kill('SIGTERM');
          }),
      ),
    );
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    for (const port of ports) {
      const child = spawn(
        server,
        [
          '--port', String(port),
          '--bind', '127.0.0.1',
          '--cluster-enabled', 'yes',
          '--cluster-config-file', path.join(dir, `nodes-${port}.conf`),
          '--save', '',
          '--appendonly', 'no',
          '--dir', dir,
          '--logfile', path.join(dir, `redis-${port}.log`),
        ],
        { stdio: 'ignore' },
      );
      child.once('exit', () => exited.add(port));
      children.push(child);
    }
    for (const port of ports) {
      const probe = new Redis(port, '127.0.0.1', { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null, enableOfflineQueue: false });
      probe.on('error', () => undefined);
      probes.push(probe);
      await waitFor(async () => {
        if (exited.has(port)) throw new Error('exited');
        if (probe.status !== 'ready') await probe.connect();
        return (await probe.ping()) === 'PONG' ? true : null;
      }, `redis-server on ${port}`).catch(() => {
        throw new Error(exited.has(port) ? `redis-server exited at start with --cluster-enabled yes` : `redis-server on ${port} does not answer`);
      });
      const info = (await probe.info('cluster')).includes('cluster_enabled:1');
      if (!info) throw new Error('redis-server did not start in cluster mode');
    }
  } catch (error) {
    await stop();
    return { skipped: `cannot run redis-server in cluster mode here: ${error instanceof Error ? error.message : String(error)}` };
  }
  // The servers run in cluster mode: from here a failure is a failure, not a reason to skip.
  try {
    const cli = findOnPath('redis-cli');
    if (cli !== null) {
      await run(cli, ['--cluster', 'create', ...ports.map((port) => `127.0.0.1:${port}`), '--cluster-replicas', '0', '--cluster-yes'], { timeout: READY_WITHIN_MS });
    } else {
      // By hand: split the 16384 slots between the nodes, then introduce them to the first.
      const per = Math.ceil(16_384 / probes.length);
      await Promise.all(probes.map((probe, i) => probe.call('CLUSTER', 'ADDSLOTSRANGE', String(i * per), String(Math.min(16_383, (i + 1) * per - 1)))));
      for (const port of ports.slice(1)) await probes[0]?.call('CLUSTER', 'MEET', '127.0.0.1', String(port));
    }
    for (const probe of probes) {
      await waitFor(async () => ((await probe.call('CLUSTER', 'INFO')) as string).includes('cluster_state:ok') || null, 'cluster_state:ok');
    }
  } catch (error) {
    await stop();
    throw error;
  }
  return {
    nodes: ports.map((port) => `127.0.0.1:${port}`).join(','),
    ports,
    clients: () => probes,
    stop,
  };
}
