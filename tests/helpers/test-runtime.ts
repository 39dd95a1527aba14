import { inject } from 'vitest';
import { loadAppConfig } from '../../src/app/platforms.js';
import type { Config } from '../../src/config.js';
import { createLogger } from '../../src/logger.js';
import type { Runtime } from '../../src/runtime.js';
import { openAppRuntime } from '../../src/app/app-runtime.js';
import { deleteKeys, uniquePrefix } from './redis-keys.js';

// Kept here too, where the tests have always imported them from.
export { deleteKeys, uniquePrefix };

export function testConfig(overrides: Record<string, string> = {}): Config {
  return loadAppConfig({ REDIS_URL: inject('redisUrl'), RECAP_KEY_PREFIX: uniquePrefix(), LOG_LEVEL: 'silent', WEB_PORT: '0', ...overrides });
}

/** A Runtime on the test Redis under a fresh prefix; close() also deletes every key it made. */
export async function openTestRuntime(overrides: Record<string, string> = {}): Promise<Runtime> {
  const config = testConfig(overrides);
  const runtime = await openAppRuntime(config, createLogger('silent', { pretty: false }), { redisUrl: inject('redisUrl') });
  const close = runtime.close;
  runtime.close = async () => {
    await deleteKeys(runtime.redisUrl, config.keyPrefix);
    await close();
  };
  return runtime;
}
