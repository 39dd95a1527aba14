import { DiscordAPIError, RESTJSONErrorCodes, type Client, type Message } from 'discord.js';
import { ConversationUnreadable, type ConversationHistory, type ConversationMessage, type ConversationScope } from '../../domain/conversation.js';
import { isOffRecordMessage } from '../../notes/off-record.js';
import { conversationMessageOf } from './conversation-message.js';

// Discord's largest page of GET /channels/:id/messages.
const PAGE_SIZE = 100;

/** What the reply says when Discord will not show the bot a channel, with the fix. */
export const UNREADABLE_FIX = "give the bot's role View Channel and Read Message History in that channel (Server Settings → Roles, or the channel's Permissions)";

/**
 * A Discord channel's (or thread's) message history: GET /channels/:id/messages paged back, 100
 * at a time, to the scope's `since` (discord.js waits out rate limits). Bots', system and
 * off-the-record messages are dropped as capture drops them. Missing Access or Missing
 * Permissions is ConversationUnreadable, saying which permissions the bot's role needs.
 */
export class DiscordHistory implements ConversationHistory {
  constructor(
    private readonly client: Client,
    private readonly offRecordReactions: readonly string[],
  ) {}

  async read(scope: ConversationScope, options: { until: number | null; limit: number }): Promise<ConversationMessage[]> {
    const channel = await this.textChannel(scope.channel);
    const kept: ConversationMessage[] = [];
    let before: string | undefined;
    for (;;) {
      const page = await readable(scope.channel, () => channel.messages.fetch({ limit: PAGE_SIZE, cache: false, ...(before === undefined ? {} : { before }) }));
      let reachedStart = false;
      for (const message of page.values()) {
        if (scope.since !== null && message.createdTimestamp < scope.since) {
          reachedStart = true;
          continue;
        }
        if (options.until !== null && message.createdTimestamp >= options.until) continue;
        const converted = this.keepable(message);
        if (converted !== null) kept.push(converted);
      }
      before = oldestId(page.values());
      if (reachedStart || page.size < PAGE_SIZE || before === undefined || kept.length >= options.limit) break;
    }
    const starter = scope.threadId !== null && kept.length < options.limit ? await this.starterOf(channel) : null;
    if (starter !== null && !kept.some((message) => message.id === starter.id)) kept.push(starter);
    return kept.sort((a, b) => a.at - b.at || a.id.localeCompare(b.id)).slice(-options.limit);
  }

  /**
   * The message a thread was started from, in the parent channel (the thread has its id), as
   * the thread's first message; null for a thread started on its own, or one whose starter is gone.
   * (A forum post's starter is in the thread itself, so the pages above have it.)
   */
  private async starterOf(channel: Awaited<ReturnType<DiscordHistory['textChannel']>>): Promise<ConversationMessage | null> {
    if (!channel.isThread() || channel.parent === null || !channel.parent.isTextBased()) return null;
    try {
      return this.keepable(await channel.parent.messages.fetch({ message: channel.id, cache: false }));
    } catch {
      // Unknown Message: started without a message, or the starter was deleted.
      return null;
    }
  }

  private keepable(message: Message): ConversationMessage | null {
    const converted = conversationMessageOf(message, this.client.user?.id ?? '');
    if (converted === null || converted.facts.fromBot) return null;
    if (isOffRecordMessage(converted.message.text, converted.facts.reactions, this.offRecordReactions)) return null;
    return converted.message;
  }

  /** The channel or thread, from the cache or Discord; one the bot may not see is unreadable. */
  private async textChannel(id: string): Promise<Extract<NonNullable<Awaited<ReturnType<Client['channels']['fetch']>>>, { messages: unknown }>> {
    const channel = this.client.channels.cache.get(id) ?? (await readable(id, () => this.client.channels.fetch(id)));
    if (channel === null || !channel.isTextBased() || !('messages' in channel)) throw new ConversationUnreadable(id, 'it is not a text channel or thread recap can see');
    return channel;
  }
}

/** Runs a REST call, turning Discord's "not for you" answers into ConversationUnreadable. */
async function readable<T>(channel: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (error instanceof DiscordAPIError && (error.code === RESTJSONErrorCodes.MissingAccess || error.code === RESTJSONErrorCodes.MissingPermissions)) {
      throw new ConversationUnreadable(channel, `Discord says ${error.code === RESTJSONErrorCodes.MissingAccess ? 'Missing Access' : 'Missing Permissions'}; ${UNREADABLE_FIX}.`);
    }
    if (error instanceof DiscordAPIError && error.code === RESTJSONErrorCodes.UnknownChannel) throw new ConversationUnreadable(channel, 'Discord does not know that channel (it was deleted, or is in another server).');
    throw error;
  }
}

function oldestId(messages: Iterable<Message>): string | undefined {
  let oldest: bigint | undefined;
  for (const message of messages) {
    const id = BigInt(message.id);
    if (oldest === undefined || id < oldest) oldest = id;
  }
  return oldest?.toString();
}
