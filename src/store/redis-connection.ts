import { Cluster, Redis, type ClusterNode, type RedisOptions } from 'ioredis';
import type { ConnectionOptions } from 'bullmq';
import { REDIS_CLUSTER_SCHEME } from '../config.js';
import { RecapError } from '../errors.js';

/**
 * A connection to one Redis or to a Redis Cluster. Both take the commands recap sends; on a
 * cluster every multi-key command must stay in one slot, which the hash-tagged key prefix
 * (Config.keyPrefix) makes sure of.
 */
export type RedisClient = Redis | Cluster;

/**
 * The cluster nodes named by a `redis+cluster://host:port,host:port` target (Config.redis.url),
 * or null for a plain redis:// URL.
 */
export function clusterNodesOf(target: string): ClusterNode[] | null {
  if (!target.startsWith(REDIS_CLUSTER_SCHEME)) return null;
  return target
    .slice(REDIS_CLUSTER_SCHEME.length)
    .split(',')
    .map((node) => {
      const at = node.lastIndexOf(':');
      return { host: node.slice(0, at), port: Number(node.slice(at + 1)) };
    });
}

/** True when the client talks to a Redis Cluster. */
export function isCluster(redis: RedisClient): redis is Cluster {
  return redis instanceof Cluster;
}

/**
 * A Cluster client whose node connections take `options` (the ones a cluster takes for itself,
 * the offline queue and lazy connecting, move up a level).
 */
function newCluster(nodes: ClusterNode[], options: RedisOptions): Cluster {
  const { enableOfflineQueue, lazyConnect, retryStrategy, ...perNode } = options;
  return new Cluster(nodes, {
    lazyConnect,
    ...(enableOfflineQueue === undefined ? {} : { enableOfflineQueue }),
    ...(retryStrategy === undefined ? {} : { clusterRetryStrategy: retryStrategy }),
    redisOptions: perNode,
  });
}

/** An ioredis client for a redis:// URL or a redis+cluster:// target. */
function connectTo(target: string, options: RedisOptions): RedisClient {
  const nodes = clusterNodesOf(target);
  return nodes === null ? new Redis(target, options) : newCluster(nodes, options);
}

/** How long a first connection may take before we say Redis is not there. */
const CONNECT_TIMEOUT_MS = 2_000;

/**
 * Opens an ioredis connection to the Redis at `target`, a redis:// URL or a redis+cluster:// list
 * of cluster nodes (Config.redis.url). BullMQ workers need `maxRetriesPerRequest: null` (they
 * block on Redis); plain store connections keep ioredis' default so a dead Redis fails a command
 * instead of hanging it.
 */
export function createRedisClient(target: string, options: { forBullmq?: boolean; failFast?: boolean } = {}): RedisClient {
  const extra: RedisOptions = options.forBullmq ? { maxRetriesPerRequest: null } : options.failFast ? { ...FAIL_FAST, lazyConnect: true } : {};
  return connectTo(target, { connectTimeout: CONNECT_TIMEOUT_MS, lazyConnect: false, ...extra });
}

/** createRedisClient for a redis:// URL, typed as one server's client (tools and tests that never see a cluster). */
export function createRedis(url: string, options: { forBullmq?: boolean; failFast?: boolean } = {}): Redis {
  const client = createRedisClient(url, options);
  if (client instanceof Redis) return client;
  client.disconnect();
  throw new RecapError('config_invalid', 'This command takes one Redis (REDIS_URL), not a Redis Cluster.');
}

/**
 * For connections that serve people waiting on a reply: a command fails at once while Redis is
 * down (nothing queued offline, nothing retried) or when it has no answer after a few seconds.
 */
const FAIL_FAST = { enableOfflineQueue: false, maxRetriesPerRequest: 0, commandTimeout: 3_000 } satisfies RedisOptions;

/** BullMQ connection options for queues that chat adds jobs to (see FAIL_FAST). */
export function failFastQueueConnection(url: string): ConnectionOptions {
  // BullMQ builds plain clients from options only: a cluster's client is made here (see releaseConnection).
  return clusterNodesOf(url) === null ? { url, ...FAIL_FAST } : connectTo(url, { connectTimeout: CONNECT_TIMEOUT_MS, ...FAIL_FAST });
}

// What ioredis says when a command cannot reach Redis (see FAIL_FAST and its defaults).
const UNREACHABLE = /enableOfflineQueue|Connection is closed|Command timed out|max retries per request|ECONNREFUSED|ECONNRESET|ETIMEDOUT|EPIPE|EHOSTUNREACH/i;

/** True when `error` says Redis could not be reached, not that a command was wrong. */
export function isRedisUnavailable(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  if (error.name === 'MaxRetriesPerRequestError') return true;
  const code = (error as { code?: unknown }).code;
  return (typeof code === 'string' && UNREACHABLE.test(code)) || UNREACHABLE.test(error.message);
}

/** For a cluster target: whether the cluster serves every slot (CLUSTER INFO cluster_state:ok). True for one Redis. */
async function clusterIsHealthy(url: string): Promise<boolean> {
  const nodes = clusterNodesOf(url);
  if (nodes === null) return true;
  const probe = newCluster(nodes, { connectTimeout: CONNECT_TIMEOUT_MS, lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null, enableOfflineQueue: false });
  probe.on('error', () => undefined);
  try {
    await probe.connect();
    return (await clusterState(probe)) === 'ok';
  } catch {
    return false;
  } finally {
    probe.disconnect();
  }
}

/** True when a Redis server (for a cluster target: a node of the cluster) answers PING at url within the connect timeout. */
export async function redisAnswers(url: string): Promise<boolean> {
  const probe = connectTo(url, {
    connectTimeout: CONNECT_TIMEOUT_MS,
    lazyConnect: true,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
    enableOfflineQueue: false,
  });
  probe.on('error', () => undefined);
  try {
    await probe.connect();
    return (await probe.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    probe.disconnect();
  }
}

/** Fails with a clear message when Redis does not answer at url. */
export async function assertRedisAnswers(url: string, displayUrl: string): Promise<void> {
  if (!(await redisAnswers(url)) || !(await clusterIsHealthy(url))) {
    throw new RecapError(
      'redis_unavailable',
      clusterNodesOf(url) === null
        ? `Redis does not answer at ${displayUrl}. Start it, or unset REDIS_URL to let recap start a local redis-server.`
        : `The Redis Cluster at ${displayUrl} does not answer, or does not serve all its slots (cluster_state is not ok). Check REDIS_CLUSTER_NODES and \`redis-cli -c -h <node> cluster info\`.`,
    );
  }
}

/**
 * Connection options for BullMQ (it builds its ioredis clients from the URL, database number
 * included). Options rather than a shared instance: each Queue, Worker and QueueEvents then opens
 * its own connection, which blocking commands need.
 */
export function bullmqConnection(url: string): ConnectionOptions {
  // A Cluster client is shared instead (BullMQ takes no cluster options): each Worker and
  // QueueEvents duplicates it for its blocking reads. Its maker closes it (releaseConnection).
  return clusterNodesOf(url) === null ? { url, maxRetriesPerRequest: null } : createRedisClient(url, { forBullmq: true });
}

/** Closes a connection made by bullmqConnection or failFastQueueConnection when it is a client (a cluster's); options hold nothing open. */
export function releaseConnection(connection: ConnectionOptions): void {
  if (connection instanceof Cluster || connection instanceof Redis) connection.disconnect();
}

/** A cluster's CLUSTER INFO cluster_state: "ok" once every slot is served, "fail" otherwise. */
export async function clusterState(cluster: Cluster): Promise<string> {
  const info = (await cluster.cluster('INFO')) as string;
  return /cluster_state:(\w+)/.exec(info)?.[1] ?? 'unknown';
}
