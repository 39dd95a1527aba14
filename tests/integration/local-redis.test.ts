import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { createLogger } from '../../src/logger.js';
import { findOnPath, freePort, HOW_TO_GET_REDIS, startLocalRedis } from '../../src/store/local-redis.js';
import { redisAnswers } from '../../src/store/redis-connection.js';
import { resolveRedis } from '../../src/store/resolve-redis.js';

const logger = createLogger('silent', { pretty: false });

describe('finding Redis', () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'recap-local-redis-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('starts its own redis-server (AOF on) when REDIS_URL is unset and nothing answers', async () => {
    const port = await freePort();
    const config = { ...loadConfig({ RECAP_DATA_DIR: dataDir }), redis: { url: `redis://127.0.0.1:${port}`, explicit: false } };
    const resolved = await resolveRedis(config, logger);
    try {
      expect(resolved.url).toBe(`redis://127.0.0.1:${port}`);
      expect(await redisAnswers(resolved.url)).toBe(true);
      expect(existsSync(path.join(dataDir, 'redis'))).toBe(true);
    } finally {
      await resolved.local?.stop();
    }
    expect(await redisAnswers(resolved.url)).toBe(false);
  });

  it('fails with the variable name when an explicit REDIS_URL does not answer', async () => {
    const port = await freePort();
    const config = loadConfig({ REDIS_URL: `redis://127.0.0.1:${port}` });
    await expect(resolveRedis(config, logger)).rejects.toThrow(/Redis does not answer.*REDIS_URL/);
  });

  it('explains how to get Redis when there is no redis-server binary', async () => {
    expect(findOnPath('redis-server', '/nonexistent')).toBeNull();
    const savedPath = process.env.PATH;
    process.env.PATH = '/nonexistent';
    try {
      await expect(startLocalRedis({ dataDir })).rejects.toThrow(HOW_TO_GET_REDIS);
    } finally {
      process.env.PATH = savedPath;
    }
    expect(HOW_TO_GET_REDIS).toMatch(/apt-get install redis-server/);
    expect(HOW_TO_GET_REDIS).toMatch(/brew install redis/);
    expect(HOW_TO_GET_REDIS).toMatch(/docker run/);
  });
});
