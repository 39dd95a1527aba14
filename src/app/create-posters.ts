import type { Config } from '../config.js';
import type { Logger } from '../logger.js';
import type { Posters } from '../domain/channel-poster.js';
import { configuredPlatforms } from './platforms.js';

/**
 * A poster for each chat platform configured here (a schedule for another one fails, saying so).
 * A platform's SDK is loaded only when it is configured: bolt and discord.js take about a second
 * to load, which every command and an offline worker would pay.
 */
export async function createPosters(config: Config, logger: Logger): Promise<Posters> {
  const posters: Posters = {};
  for (const { platform, settings } of configuredPlatforms(config)) {
    posters[platform.id] = await platform.createPoster(settings, logger.child({ platform: platform.id }));
  }
  return posters;
}
