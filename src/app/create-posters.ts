import type { Config } from '../config.js';
import type { Logger } from '../logger.js';
import type { Posters } from '../domain/channel-poster.js';

/**
 * A poster for each chat platform configured here (a schedule for another one fails, saying so).
 * A platform's SDK is loaded only when it is configured: bolt and discord.js take about a second
 * to load, which every command and an offline worker would pay.
 */
export async function createPosters(config: Config, logger: Logger): Promise<Posters> {
  const posters: Posters = {};
  if (config.slack) {
    const { SlackPoster } = await import('../adapters/slack/slack-poster.js');
    posters.slack = new SlackPoster(config.slack, logger.child({ platform: 'slack' }));
  }
  if (config.discord) {
    const { DiscordPoster } = await import('../adapters/discord/discord-poster.js');
    posters.discord = new DiscordPoster(config.discord);
  }
  return posters;
}
