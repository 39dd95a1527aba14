import { Client, GatewayIntentBits, Partials } from 'discord.js';
import type { DiscordSettings } from './discord-settings.js';
import { noMentions } from './render-discord.js';

/**
 * What the bot subscribes to: guilds (channels, roles, threads), guild messages and their text
 * (mentions, and the conversation recaps capture), guild message reactions (the
 * off-the-record 🚫, "most reacted"), and direct messages to the bot (answered in the DM).
 * Message Content is privileged: it must be switched on in the Developer Portal (see README).
 */
export const DISCORD_INTENTS = [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMessages, GatewayIntentBits.GuildMessageReactions, GatewayIntentBits.DirectMessages, GatewayIntentBits.MessageContent];

/**
 * Edits, deletions and reactions of messages sent before the bot started (not in its cache) still
 * arrive; Channel: a DM channel is never cached before its first message, and without this
 * partial discord.js drops that message.
 */
export const DISCORD_PARTIALS = [Partials.Message, Partials.Reaction, Partials.Channel];

/** A discord.js Client for recap: REST base from DISCORD_API_URL; no message of ours may ping anyone. */
export function createDiscordClient(settings: DiscordSettings): Client {
  return new Client({
    intents: DISCORD_INTENTS,
    partials: DISCORD_PARTIALS,
    // The gateway URL then comes from GET /gateway/bot on this base, as with Discord itself.
    rest: { api: settings.apiUrl },
    // A default for every message; each message also sets it (see render-discord.ts).
    allowedMentions: noMentions(),
  });
}
