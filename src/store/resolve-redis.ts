import path from 'node:path';
import { Redis } from 'ioredis';
import type { Config } from '../config.js';
import { RecapError } from '../errors.js';
import type { Logger } from '../logger.js';
import { redactUrl } from '../logger.js';
import { startLocalRedis, type LocalRedis } from './local-redis.js';
import { assertRedisAnswers, redisAnswers } from './redis-connection.js';

export interface ResolvedRedis {
  url: string;
  /** Set when recap started its own redis-server; stop it on shutdown. */
  local: LocalRedis | null;
}

const PROBE_TIMEOUT_MS = 2_000;

/**
 * Finds the Redis to use:
 * - REDIS_URL when set (it must answer);
 * - RECAP_LOCAL_REDIS / REDIS_PORT: recap's own redis-server on that port (another recap process
 *   may have started it already), never somebody else's server found there;
 * - otherwise the default address, and when nothing answers there, a redis-server started as a
 *   child process with data under RECAP_DATA_DIR/redis. A server found there that recap did not
 *   start is used, with a warning saying how to keep apart from it.
 * Fails with instructions when there is no redis-server binary.
 */
export async function resolveRedis(config: Config, logger: Logger): Promise<ResolvedRedis> {
  const display = redactUrl(config.redis.url);
  if (config.redis.explicit) {
    await assertRedisAnswers(config.redis.url, display);
    return { url: config.redis.url, local: null };
  }
  const dataDir = path.resolve(config.dataDir, 'redis');
  const port = Number(new URL(config.redis.url).port || 6379);
  if (await redisAnswers(config.redis.url)) {
    const own = await isRecapsOwnRedis(config.redis.url, dataDir);
    if (config.redis.localPort !== null && !own) {
      throw new RecapError(
        'redis_unavailable',
        `Another server answers on 127.0.0.1:${port}, not recap's own redis-server (data in ${dataDir}). Choose a free REDIS_PORT, or set REDIS_URL to use that server.`,
      );
    }
    if (!own) {
      logger.warn(
        { url: display },
        `Using the Redis already running at ${display}, which recap did not start: recap's keys live beside whatever else is stored there. To keep them apart, set RECAP_LOCAL_REDIS=true (recap starts its own redis-server on port 6380) or REDIS_URL.`,
      );
    }
    return { url: config.redis.url, local: null };
  }
  logger.info({ dataDir }, `No Redis answers at ${display}; starting a local redis-server`);
  // Listen where recap looks (6379, or REDIS_PORT), so other recap commands (ingest, ask) find this server.
  const local = await startLocalRedis({ dataDir, port });
  logger.info({ url: local.url }, 'Local redis-server is ready (AOF persistence on)');
  return { url: local.url, local };
}

/**
 * Whether the server at url is a redis-server recap started for this data folder: startLocalRedis
 * gives it `--dir <data>/redis`. A server that refuses CONFIG (managed Redis) is somebody else's.
 */
async function isRecapsOwnRedis(url: string, dataDir: string): Promise<boolean> {
  const probe = new Redis(url, { connectTimeout: PROBE_TIMEOUT_MS, lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
  probe.on('error', () => undefined);
  try {
    await probe.connect();
    const reply = (await probe.config('GET', 'dir')) as string[];
    return reply[1] !== undefined && path.resolve(reply[1]) === dataDir;
  } catch {
    return false;
  } finally {
    probe.disconnect();
  }
}
