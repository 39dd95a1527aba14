import { randomBytes } from 'node:crypto';
import { inject } from 'vitest';
import { loadConfig, type Config } from '../../src/config.js';
import { createLogger } from '../../src/logger.js';
import { openRuntime, type Runtime } from '../../src/runtime.js';
import { createRedis } from '../../src/store/redis-connection.js';

/** A key prefix of its own for every test run part, so tests never see each other's data. */
export function uniquePrefix(): string {
  return `test-${randomBytes(6).toString('hex')}`;
}

export function testConfig(overrides: Record<string, string> = {}): Config {
  return loadConfig({ REDIS_URL: inject('redisUrl'), RECAP_KEY_PREFIX: uniquePrefix(), LOG_LEVEL: 'silent', ...overrides });
}

/** A Runtime on the test Redis under a fresh prefix; close() also deletes every key it made. */
export async function openTestRuntime(overrides: Record<string, string> = {}): Promise<Runtime> {
  const config = testConfig(overrides);
  const runtime = await openRuntime(config, createLogger('silent', { pretty: false }), { redisUrl: inject('redisUrl') });
  const close = runtime.close;
  runtime.close = async () => {
    await deleteKeys(runtime.redisUrl, config.keyPrefix);
    await close();
  };
  return runtime;
}

export async function deleteKeys(url: string, prefix: string): Promise<void> {
  const redis = createRedis(url);
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
      cursor = next;
      if (keys.length > 0) await redis.del(...keys);
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}
