import { tokenAcceptedCheck, type ChatPlatform } from '../../chat/chat-platform.js';
import { discordSettingsReader, SNOWFLAKE, type DiscordEnv, type DiscordSettings } from './discord-settings.js';
import { renderDiscord } from './render-discord.js';

/**
 * Discord as recap knows it: settings (DISCORD_*), channel ids (snowflakes), the gateway bot, the
 * poster of scheduled recaps, content-and-embed rendering and the doctor's token check.
 * discord.js is loaded only when the bot or the poster is made.
 */
export const discordPlatform: ChatPlatform<DiscordSettings, DiscordEnv> = {
  ...discordSettingsReader,
  tokenVariable: 'DISCORD_TOKEN',
  channelIdPattern: SNOWFLAKE,
  describeBadChannel: (channel) => `"${channel}" is not a Discord channel id (a 17-20 digit number; Copy Channel ID)`,
  async createAdapter(context, settings) {
    const { DiscordAdapter } = await import('./discord-adapter.js');
    return new DiscordAdapter(context, settings);
  },
  async createPoster(settings) {
    const { DiscordPoster } = await import('./discord-poster.js');
    return new DiscordPoster(settings);
  },
  render: (reply) => renderDiscord(reply),
  doctorChecks: async (_settings, poster) => [await tokenAcceptedCheck(poster, ['DISCORD_TOKEN', 'DISCORD_API_URL'])],
};
