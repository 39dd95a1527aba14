import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { pino } from 'pino';
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
    const config = { ...loadConfig({ RECAP_DATA_DIR: dataDir }), redis: { url: `redis://127.0.0.1:${port}`, explicit: false, localPort: null, cluster: false } };
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

  it('REDIS_PORT starts recap\'s own redis-server there, and a second command finds it as its own', async () => {
    const port = await freePort();
    const config = loadConfig({ RECAP_DATA_DIR: dataDir, REDIS_PORT: String(port) });
    expect(config.redis).toEqual({ url: `redis://127.0.0.1:${port}`, explicit: false, localPort: port, cluster: false });
    const first = await resolveRedis(config, logger);
    try {
      expect(first.local).not.toBeNull();
      const second = await resolveRedis(config, logger);
      expect(second).toEqual({ url: first.url, local: null });
    } finally {
      await first.local?.stop();
    }
  });

  it('refuses somebody else\'s server on REDIS_PORT, and warns when using one found at the default address', async () => {
    const foreignDir = mkdtempSync(path.join(tmpdir(), 'recap-foreign-redis-'));
    const foreign = await startLocalRedis({ dataDir: foreignDir, persist: false });
    try {
      const local = loadConfig({ RECAP_DATA_DIR: dataDir, REDIS_PORT: String(foreign.port) });
      await expect(resolveRedis(local, logger)).rejects.toThrow(/Another server answers on 127\.0\.0\.1:\d+.*Choose a free REDIS_PORT/);

      const lines: string[] = [];
      const sink = new Writable({ write: (chunk: Buffer, _encoding, done) => { lines.push(chunk.toString()); done(); } });
      const defaults = { ...loadConfig({ RECAP_DATA_DIR: dataDir }), redis: { url: foreign.url, explicit: false, localPort: null, cluster: false } };
      const resolved = await resolveRedis(defaults, pino({ level: 'info' }, sink));
      expect(resolved).toEqual({ url: foreign.url, local: null });
      expect(lines.join('')).toMatch(/recap did not start.*RECAP_LOCAL_REDIS=true/);
    } finally {
      await foreign.stop();
      rmSync(foreignDir, { recursive: true, force: true });
    }
  });

  it('RECAP_LOCAL_REDIS alone means port 6380; with REDIS_URL it is a configuration error', () => {
    expect(loadConfig({ RECAP_LOCAL_REDIS: 'true' }).redis).toEqual({ url: 'redis://127.0.0.1:6380', explicit: false, localPort: 6380, cluster: false });
    expect(() => loadConfig({ RECAP_LOCAL_REDIS: 'true', REDIS_URL: 'redis://127.0.0.1:6379' })).toThrow(/not both/);
    expect(() => loadConfig({ REDIS_PORT: '70000' })).toThrow(/REDIS_PORT/);
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
