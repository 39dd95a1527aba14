import { z } from 'zod';

/**
 * A chat message as recap keeps it for conversation recaps: captured as it arrives (Slack
 * `message` events, Discord `messageCreate`) or read from the platform's history. Text is plain
 * (mentions already turned into names, no platform markup); `url` is the message's own link
 * (a Slack permalink, a Discord message URL), which every citation of it shows.
 */
export const conversationMessageSchema = z.object({
  /** The platform's id of the message: Slack's ts, a Discord snowflake. Sorts by time within a channel. */
  id: z.string().min(1).max(64),
  /** The channel it was posted in (for Discord a thread is a channel of its own). */
  channel: z.string().min(1).max(64),
  /** Slack: the ts of the thread's parent when it is in a thread (the parent's own id for the parent); else null. */
  threadId: z.string().max(64).nullable(),
  /** Who wrote it, as the platform names them (U012ABC, a Discord user id). */
  user: z.string().min(1).max(64),
  /** Their display name when known, else the id. */
  userName: z.string().max(120),
  text: z.string().max(40_000),
  /** When it was posted (ms since the epoch). */
  at: z.number().int().nonnegative(),
  url: z.string().max(500),
  /** Replies in its thread (a Slack parent's reply_count, a Discord message's thread size). */
  replyCount: z.number().int().nonnegative(),
  /** Reactions of every kind, added up. */
  reactionCount: z.number().int().nonnegative(),
  /** Files attached (a message of files only has empty text). */
  fileCount: z.number().int().nonnegative(),
});

export type ConversationMessage = z.infer<typeof conversationMessageSchema>;

/** The conversation a recap covers: a Slack thread (channel + parent ts), a Discord thread or channel, a window of a channel. */
export interface ConversationScope {
  platform: string;
  channel: string;
  /** A Slack thread's parent ts; null for a whole channel (or a Discord thread, which is a channel). */
  threadId: string | null;
  /** The channel's name for the heading ("#general"), when known. */
  channelName?: string;
  /** Only messages posted at or after this time (ms); null for all of a thread. */
  since: number | null;
}

/**
 * Reading a platform's message history, for what was said before recap captured a channel.
 * Each adapter implements it with its own API (Slack's conversations.history/replies, paged and
 * rate-limit aware; Discord's channel messages), dropping bots' and off-the-record messages.
 */
export interface ConversationHistory {
  /** Messages of a Slack thread (parent first) or, when threadId is null, of a channel since `since`, oldest first. */
  read(scope: ConversationScope, options: { until: number | null; limit: number }): Promise<ConversationMessage[]>;
}

/** What a platform says when the bot cannot read a channel: recap turns it into a clear reply. */
export class ConversationUnreadable extends Error {
  constructor(
    readonly channel: string,
    readonly reason: string,
  ) {
    super(`cannot read ${channel}: ${reason}`);
    this.name = 'ConversationUnreadable';
  }
}
