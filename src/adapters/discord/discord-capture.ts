import { Events, type Client, type Message, type MessageReaction, type PartialMessage, type PartialMessageReaction } from 'discord.js';
import type { ChatContext } from '../../chat/chat-adapter.js';
import { captureMessage, forgetMessage, reactionChanged } from '../../chat/capture-message.js';
import type { Logger } from '../../logger.js';
import { conversationMessageOf } from './conversation-message.js';
import type { DiscordHistory } from './discord-history.js';
import { PLATFORM } from './discord-front-end.js';

/**
 * Keeps the conversation of the guild channels and threads the bot sees, for conversation
 * recaps: new and edited messages (messageCreate, messageUpdate), deletions (messageDelete,
 * messageDeleteBulk) and reactions (messageReactionAdd/Remove; 🚫 and the other off-the-record
 * reactions forget the message). Events are handled one after another in the order they came,
 * so a recap asked after a message (`settled()`) sees it stored.
 */
export class DiscordCapture {
  private tail: Promise<void> = Promise.resolve();

  constructor(
    private readonly context: ChatContext,
    readonly history: DiscordHistory,
    private readonly logger: Logger,
  ) {}

  /** Subscribes to the client's message events (messageCreate comes in through `created`, which the adapter calls first). */
  attach(client: Client): void {
    client.on(Events.MessageUpdate, (_old, message) => void this.updated(message));
    client.on(Events.MessageDelete, (message) => void this.deleted(message));
    client.on(Events.MessageBulkDelete, (messages) => {
      for (const message of messages.values()) void this.deleted(message);
    });
    client.on(Events.MessageReactionAdd, (reaction) => void this.reacted(reaction, 1));
    client.on(Events.MessageReactionRemove, (reaction) => void this.reacted(reaction, -1));
  }

  /** Resolves once every event received so far is handled. */
  settled(): Promise<void> {
    return this.tail;
  }

  created(message: Message): Promise<void> {
    return this.keep('capture a message', message);
  }

  private updated(message: Message | PartialMessage): Promise<void> {
    // With the Message partial an edit of an uncached message still comes, with its new content.
    if (message.partial) return Promise.resolve();
    return this.keep('capture an edit', message);
  }

  private deleted(message: Message | PartialMessage): Promise<void> {
    if (!message.inGuild()) return Promise.resolve();
    return this.enqueue('forget a deleted message', () => forgetMessage(this.context.runtime, PLATFORM, message.channelId, message.id, this.history, this.logger));
  }

  private reacted(reaction: MessageReaction | PartialMessageReaction, delta: 1 | -1): Promise<void> {
    const name = reaction.emoji.name;
    if (name === null || reaction.message.guildId === null) return Promise.resolve();
    const change = { channel: reaction.message.channelId, id: reaction.message.id, reaction: name, delta };
    return this.enqueue('count a reaction', () => reactionChanged(this.context.runtime, PLATFORM, change, this.history, this.logger));
  }

  /**
   * The message as it is now, kept once what came before is: discord.js goes on changing the
   * cached message (a reaction counted on it) while the work waits, and that reaction comes to
   * the store on its own event.
   */
  private keep(what: string, message: Message): Promise<void> {
    const converted = conversationMessageOf(message, message.client.user.id);
    if (converted === null) return Promise.resolve();
    return this.enqueue(what, () => captureMessage(this.context.runtime, PLATFORM, converted.message, converted.facts, this.history, this.logger));
  }

  /** Runs after everything before it; a failure (Redis down) costs that event only. */
  private enqueue(what: string, work: () => Promise<void>): Promise<void> {
    const next = this.tail.then(work).catch((error: unknown) => this.logger.warn({ err: error }, `could not ${what}`));
    this.tail = next;
    return next;
  }
}
