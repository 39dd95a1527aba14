import { startLocalWorker } from '../jobs/start-workers.js';
import type { Config } from '../config.js';
import type { Logger } from '../logger.js';
import { openRuntime, type Runtime, type RuntimeParts } from '../runtime.js';
import { createPosters } from './create-posters.js';
import { PLATFORMS } from './platforms.js';

/** The workers and chat platforms this build of recap has, as the runtime's use cases reach them. */
export const APP_PARTS: RuntimeParts = { startLocalWorker, createPosters, platforms: PLATFORMS };

/** A Runtime with this build's workers and platforms plugged in (what every entry point opens). */
export function openAppRuntime(config: Config, logger: Logger, options: { redisUrl?: string } = {}): Promise<Runtime> {
  return openRuntime(config, logger, APP_PARTS, options);
}
