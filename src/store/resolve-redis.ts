import path from 'node:path';
import type { Config } from '../config.js';
import type { Logger } from '../logger.js';
import { redactUrl } from '../logger.js';
import { startLocalRedis, type LocalRedis } from './local-redis.js';
import { assertRedisAnswers, redisAnswers } from './redis-connection.js';

export interface ResolvedRedis {
  url: string;
  /** Set when recap started its own redis-server; stop it on shutdown. */
  local: LocalRedis | null;
}

/**
 * Finds the Redis to use: REDIS_URL when set (it must answer); otherwise the default address, and
 * when nothing answers there, a redis-server started as a child process with data under
 * RECAP_DATA_DIR/redis. Fails with instructions when there is no redis-server binary.
 */
export async function resolveRedis(config: Config, logger: Logger): Promise<ResolvedRedis> {
  const display = redactUrl(config.redis.url);
  if (config.redis.explicit) {
    await assertRedisAnswers(config.redis.url, display);
    return { url: config.redis.url, local: null };
  }
  if (await redisAnswers(config.redis.url)) return { url: config.redis.url, local: null };
  const dataDir = path.join(config.dataDir, 'redis');
  logger.info({ dataDir }, `No Redis answers at ${display}; starting a local redis-server`);
  // Listen where recap looks by default, so other recap commands (ingest, ask) find this server.
  const port = Number(new URL(config.redis.url).port || 6379);
  const local = await startLocalRedis({ dataDir, port });
  logger.info({ url: local.url }, 'Local redis-server is ready (AOF persistence on)');
  return { url: local.url, local };
}
