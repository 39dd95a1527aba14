import { Redis, type RedisOptions } from 'ioredis';
import type { ConnectionOptions } from 'bullmq';
import { RecapError } from '../errors.js';

/** How long a first connection may take before we say Redis is not there. */
const CONNECT_TIMEOUT_MS = 2_000;

/**
 * Opens an ioredis connection. BullMQ workers need `maxRetriesPerRequest: null` (they block on
 * Redis); plain store connections keep ioredis' default so a dead Redis fails a command instead
 * of hanging it.
 */
export function createRedis(url: string, options: { forBullmq?: boolean; failFast?: boolean } = {}): Redis {
  const extra: RedisOptions = options.forBullmq ? { maxRetriesPerRequest: null } : options.failFast ? { ...FAIL_FAST, lazyConnect: true } : {};
  return new Redis(url, { connectTimeout: CONNECT_TIMEOUT_MS, lazyConnect: false, ...extra });
}

/**
 * For connections that serve people waiting on a reply: a command fails at once while Redis is
 * down (nothing queued offline, nothing retried) or when it has no answer after a few seconds.
 */
const FAIL_FAST = { enableOfflineQueue: false, maxRetriesPerRequest: 0, commandTimeout: 3_000 } satisfies RedisOptions;

/** BullMQ connection options for queues that chat adds jobs to (see FAIL_FAST). */
export function failFastQueueConnection(url: string): ConnectionOptions {
  return { url, ...FAIL_FAST };
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

/** True when a Redis server answers PING at url within the connect timeout. */
export async function redisAnswers(url: string): Promise<boolean> {
  const probe = new Redis(url, {
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
  if (!(await redisAnswers(url))) {
    throw new RecapError(
      'redis_unavailable',
      `Redis does not answer at ${displayUrl}. Start it, or unset REDIS_URL to let recap start a local redis-server.`,
    );
  }
}

/**
 * Connection options for BullMQ (it builds its ioredis clients from the URL, database number
 * included). Options rather than a shared instance: each Queue, Worker and QueueEvents then opens
 * its own connection, which blocking commands need.
 */
export function bullmqConnection(url: string): ConnectionOptions {
  return { url, maxRetriesPerRequest: null };
}
