import { createHash } from 'node:crypto';
import { DiscordAPIError, REST, Routes } from 'discord.js';
import { renderDiscord, type DiscordMessage } from './render-discord.js';
import type { Reply } from '../../domain/reply.js';
import type { DiscordSettings } from './discord-settings.js';
import { PostFailure, type ChannelPoster, type PostMarker } from '../../domain/channel-poster.js';

/** Discord's JSON error codes that retrying cannot fix, with what to do. */
const PERMANENT_CODES: Record<number, string> = {
  10003: 'the channel does not exist (Unknown Channel); check the channel id',
  10008: 'the posted message was deleted (Unknown Message)',
  50001: 'the bot cannot see the channel (Missing Access); give its role View Channel there',
  50013: 'the bot may not post there (Missing Permissions); give its role Send Messages and Embed Links',
  50035: 'Discord refused the message (Invalid Form Body)',
};

/** The message body Discord's REST API takes (snake_case, unlike discord.js' options). */
interface DiscordBody {
  content: string;
  embeds: DiscordMessage['embeds'];
  allowed_mentions: { parse: never[] };
}

/**
 * Scheduled posts in Discord channels over REST. Each message carries a nonce made from its
 * marker with enforce_nonce: Discord then returns the message already sent with that nonce
 * (for a few minutes) instead of posting it again, which makes a retried post safe.
 */
export class DiscordPoster implements ChannelPoster<DiscordBody> {
  readonly platform = 'discord';
  private readonly rest: REST;

  constructor(settings: DiscordSettings, options: { retries?: number } = {}) {
    this.rest = new REST({ api: settings.apiUrl, retries: options.retries ?? 1, timeout: 15_000 }).setToken(settings.token);
  }

  render(replies: readonly Reply[]): DiscordBody[] {
    return replies.flatMap((reply) => renderDiscord(reply)).map((message) => ({ content: message.content, embeds: message.embeds, allowed_mentions: { parse: [] } }));
  }

  async post(channel: string, part: DiscordBody, marker: PostMarker): Promise<string> {
    const message = (await this.call(() => this.rest.post(Routes.channelMessages(channel), { body: { ...part, nonce: nonceOf(marker), enforce_nonce: true } }))) as { id?: unknown };
    if (typeof message.id !== 'string') throw new PostFailure('Discord did not say which message it posted', false);
    return message.id;
  }

  /** Nothing to look up: a re-sent message with the same nonce is the message already sent. */
  async findPosted(): Promise<string | null> {
    return null;
  }

  async update(channel: string, messageId: string, part: DiscordBody): Promise<void> {
    await this.call(() => this.rest.patch(Routes.channelMessage(channel, messageId), { body: part }));
  }

  async remove(channel: string, messageId: string): Promise<void> {
    await this.call(() => this.rest.delete(Routes.channelMessage(channel, messageId)));
  }

  async identity(): Promise<string> {
    const me = (await this.call(() => this.rest.get(Routes.user()))) as { username?: string };
    return `@${me.username ?? 'unknown'}`;
  }

  async checkChannel(channel: string): Promise<void> {
    await this.call(() => this.rest.get(Routes.channel(channel)));
  }

  private async call<T>(request: () => Promise<T>): Promise<T> {
    try {
      return await request();
    } catch (error) {
      throw discordPostFailure(error);
    }
  }
}

/** Discord allows nonces of up to 25 characters. */
function nonceOf(marker: PostMarker): string {
  return createHash('sha256').update(`${marker.scheduleId}\n${marker.window}\n${marker.part}`).digest('base64url').slice(0, 25);
}

/** 4xx other than 429 are for good (with the fix for the usual ones); 429, 5xx and network errors pass. */
export function discordPostFailure(error: unknown): PostFailure {
  if (error instanceof DiscordAPIError) {
    const known = typeof error.code === 'number' ? PERMANENT_CODES[error.code] : undefined;
    const permanent = error.status >= 400 && error.status < 500 && error.status !== 429;
    const why = known ?? (error.status === 401 ? 'Discord refused DISCORD_TOKEN' : error.status === 403 ? 'the bot may not post there' : error.status === 404 ? 'the channel or message is gone' : error.message);
    return new PostFailure(`Discord ${error.status}: ${why}`, permanent, { cause: error });
  }
  const reason = error instanceof Error ? error.message : String(error);
  return new PostFailure(`Discord could not be reached: ${reason}`, false, { cause: error });
}
