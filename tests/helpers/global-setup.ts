import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { startLocalRedis, type LocalRedis } from '../../src/store/local-redis.js';
import { assertRedisAnswers } from '../../src/store/redis-connection.js';

declare module 'vitest' {
  export interface ProvidedContext {
    redisUrl: string;
  }
}

let local: LocalRedis | null = null;
let dataDir: string | null = null;

/**
 * Tests use REDIS_URL when it is set (each test then works under its own key prefix); otherwise
 * they start their own redis-server on a random port, so a developer's data is never touched.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  let url = process.env.REDIS_URL;
  if (url) {
    await assertRedisAnswers(url, url);
  } else {
    dataDir = mkdtempSync(path.join(tmpdir(), 'recap-test-redis-'));
    local = await startLocalRedis({ dataDir, persist: false });
    url = local.url;
  }
  project.provide('redisUrl', url);
  return async () => {
    await local?.stop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  };
}
