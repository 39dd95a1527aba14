import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { Worker } from 'bullmq';
import type { RedisClient } from '../store/redis-connection.js';

/** How often a running worker says it is alive, and how long one beat counts. */
export const HEARTBEAT_INTERVAL_MS = 2_000;
export const HEARTBEAT_TTL_MS = 6_000;

// BullMQ's own worker count (CLIENT LIST) spans every database of the server, so a worker on
// db 1 looked like one serving db 2. The beats live in the queue's own database and prefix, as
// a sorted set of worker name -> expiry time, in Redis' clock so that hosts' clocks do not matter.
const BEAT = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
redis.call('ZADD', KEYS[1], now + tonumber(ARGV[2]), ARGV[1])
redis.call('PEXPIRE', KEYS[1], ARGV[2])
return now`;
const LIVE = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
return redis.call('ZRANGEBYSCORE', KEYS[1], '(' .. now, '+inf')`;

function heartbeatKey(prefix: string, queueName: string): string {
  return `${prefix}:${queueName}:recap-workers`;
}

/** Names the workers whose heartbeat is current on this queue (this database and prefix only). */
export async function liveWorkers(redis: RedisClient, prefix: string, queueName: string): Promise<string[]> {
  return (await redis.eval(LIVE, 1, heartbeatKey(prefix, queueName))) as string[];
}

/**
 * Makes `worker` beat on its queue until it closes, so that a command waiting for jobs knows
 * whether anyone will work them. The name says where it runs: "host pid 1234".
 */
export function keepHeartbeat(worker: Worker, redis: RedisClient, prefix: string): void {
  const key = heartbeatKey(prefix, worker.name);
  const name = `${hostname()} pid ${process.pid} (${randomBytes(3).toString('hex')})`;
  // A missed beat (Redis away for a moment) is only a worker looking absent for a while.
  const beat = (): void => void redis.eval(BEAT, 1, key, name, HEARTBEAT_TTL_MS).catch(() => undefined);
  beat();
  const timer = setInterval(beat, HEARTBEAT_INTERVAL_MS);
  timer.unref();
  worker.once('closing', () => {
    clearInterval(timer);
    void redis.zrem(key, name).catch(() => undefined);
  });
}
