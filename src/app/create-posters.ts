import { DiscordPoster } from '../adapters/discord/discord-poster.js';
import { SlackPoster } from '../adapters/slack/slack-poster.js';
import type { Config } from '../config.js';
import type { Logger } from '../logger.js';
import type { Posters } from '../schedule/channel-poster.js';

/** A poster for each chat platform configured here (a schedule for another one fails, saying so). */
export function createPosters(config: Config, logger: Logger): Posters {
  return {
    ...(config.slack ? { slack: new SlackPoster(config.slack, logger.child({ platform: 'slack' })) } : {}),
    ...(config.discord ? { discord: new DiscordPoster(config.discord) } : {}),
  };
}
