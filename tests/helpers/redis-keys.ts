import { randomBytes } from 'node:crypto';
import { createRedis } from '../../src/store/redis-connection.js';

// Free of vitest on purpose: discord-recap.ts uses these, and the Discord bench imports it.

/** A key prefix of its own for every test run part, so tests never see each other's data. */
export function uniquePrefix(): string {
  return `test-${randomBytes(6).toString('hex')}`;
}

/** Deletes every key under `prefix:`, so a test leaves the shared Redis as it found it. */
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
