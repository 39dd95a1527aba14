import type { RedisClient } from './redis-connection.js';
import { conversationMessageSchema, type ConversationMessage } from '../domain/conversation.js';
import { storeKeys, type StoreKeys } from './keys.js';

const DAY_MS = 24 * 60 * 60 * 1000;

/** A thread saved as a note: which note, so that the thread's new messages re-sync it. */
export interface SavedThread {
  platform: string;
  channel: string;
  threadId: string;
  /** The channel's name as the note shows it ("#general"), when known. */
  channelName: string | null;
  /** The note's source key (what re-ingesting it replaces). */
  source: string;
  savedBy: string;
  savedAt: string;
}

/**
 * The messages recap captured from the channels it is in, per platform and channel, for
 * `RECAP_CHAT_RETENTION_DAYS`: a hash of the messages, a sorted set by time per channel and one
 * per Slack thread. Every write also drops what has passed the retention and moves the channel's
 * coverage ("captured since") up to it, so recap knows when to ask the platform's history instead.
 * Keys expire with the retention, so a channel nobody writes in any more leaves nothing behind.
 */
export class ConversationStore {
  readonly keys: StoreKeys;

  constructor(
    readonly redis: RedisClient,
    prefix: string,
    readonly retentionDays: number,
  ) {
    this.keys = storeKeys(prefix);
  }

  private get retentionMs(): number {
    return this.retentionDays * DAY_MS;
  }

  /** Stores a new or edited message (an edit replaces the text it had); too old for the retention: nothing. */
  async save(platform: string, message: ConversationMessage, now = Date.now()): Promise<void> {
    const cutoff = now - this.retentionMs;
    if (message.at < cutoff) return;
    const channelKey = channelKeyOf(platform, message.channel);
    const messages = this.keys.conversationMessages(channelKey);
    const times = this.keys.conversationTimes(channelKey);
    const transaction = this.redis
      .multi()
      .hset(messages, message.id, JSON.stringify(message))
      .zadd(times, message.at, message.id)
      // Capture of this channel runs from its first message on (an existing start is kept).
      .hsetnx(this.keys.conversationCoverage, channelKey, String(message.at))
      .pexpire(messages, this.retentionMs)
      .pexpire(times, this.retentionMs);
    if (message.threadId !== null) {
      const thread = this.keys.conversationThread(channelKey, message.threadId);
      transaction.zadd(thread, message.at, message.id).pexpire(thread, this.retentionMs);
    }
    await transaction.exec();
    await this.trim(platform, message.channel, cutoff);
  }

  /** The stored message, or null. */
  async get(platform: string, channel: string, id: string): Promise<ConversationMessage | null> {
    const value = await this.redis.hget(this.keys.conversationMessages(channelKeyOf(platform, channel)), id);
    return value === null ? null : parseMessage(value);
  }

  /** Forgets a deleted (or newly off-the-record) message; returns it when it was stored. */
  async remove(platform: string, channel: string, id: string): Promise<ConversationMessage | null> {
    const channelKey = channelKeyOf(platform, channel);
    const stored = await this.get(platform, channel, id);
    const transaction = this.redis.multi().hdel(this.keys.conversationMessages(channelKey), id).zrem(this.keys.conversationTimes(channelKey), id);
    if (stored?.threadId) transaction.zrem(this.keys.conversationThread(channelKey, stored.threadId), id);
    await transaction.exec();
    return stored;
  }

  /** A channel's messages posted in [since, until), oldest first. */
  async channelMessages(platform: string, channel: string, since: number, until = Number.POSITIVE_INFINITY): Promise<ConversationMessage[]> {
    const channelKey = channelKeyOf(platform, channel);
    const ids = await this.redis.zrangebyscore(this.keys.conversationTimes(channelKey), String(since), until === Number.POSITIVE_INFINITY ? '+inf' : `(${until}`);
    return this.messagesOf(channelKey, ids);
  }

  /** A Slack thread's stored messages (the parent when it was captured, then the replies), oldest first. */
  async threadMessages(platform: string, channel: string, threadId: string): Promise<ConversationMessage[]> {
    const channelKey = channelKeyOf(platform, channel);
    const ids = await this.redis.zrange(this.keys.conversationThread(channelKey, threadId), '0', '-1');
    return this.messagesOf(channelKey, ids);
  }

  /** Since when (ms) every message of the channel is stored; null when recap has captured none. */
  async capturedSince(platform: string, channel: string): Promise<number | null> {
    const value = await this.redis.hget(this.keys.conversationCoverage, channelKeyOf(platform, channel));
    return value === null ? null : Number(value);
  }

  /** Forgets every stored message of a channel (an admin's purge); returns how many there were. */
  async purge(platform: string, channel: string): Promise<number> {
    const channelKey = channelKeyOf(platform, channel);
    const messages = await this.redis.hvals(this.keys.conversationMessages(channelKey));
    const threads = new Set(messages.map(parseMessage).flatMap((message) => (message?.threadId ? [message.threadId] : [])));
    await this.redis
      .multi()
      .del(this.keys.conversationMessages(channelKey), this.keys.conversationTimes(channelKey), ...[...threads].map((thread) => this.keys.conversationThread(channelKey, thread)))
      .hdel(this.keys.conversationCoverage, channelKey)
      .exec();
    return messages.length;
  }

  async saveThread(saved: SavedThread): Promise<void> {
    await this.redis.hset(this.keys.savedThreads, savedThreadField(saved.platform, saved.channel, saved.threadId), JSON.stringify(saved));
  }

  /** The saved-as-note record of a thread, or null when nobody saved it. */
  async savedThread(platform: string, channel: string, threadId: string): Promise<SavedThread | null> {
    const value = await this.redis.hget(this.keys.savedThreads, savedThreadField(platform, channel, threadId));
    return value === null ? null : (JSON.parse(value) as SavedThread);
  }

  /** Drops messages posted before `cutoff` and moves the coverage up to it. */
  private async trim(platform: string, channel: string, cutoff: number): Promise<void> {
    const channelKey = channelKeyOf(platform, channel);
    const times = this.keys.conversationTimes(channelKey);
    const expired = await this.redis.zrangebyscore(times, '-inf', `(${cutoff}`);
    const coverage = await this.capturedSince(platform, channel);
    if (expired.length === 0 && (coverage === null || coverage >= cutoff)) return;
    const stored = expired.length === 0 ? [] : await this.messagesOf(channelKey, expired);
    const transaction = this.redis.multi().hset(this.keys.conversationCoverage, channelKey, String(Math.max(coverage ?? cutoff, cutoff)));
    if (expired.length > 0) transaction.hdel(this.keys.conversationMessages(channelKey), ...expired).zrem(times, ...expired);
    for (const message of stored) {
      if (message.threadId !== null) transaction.zrem(this.keys.conversationThread(channelKey, message.threadId), message.id);
    }
    await transaction.exec();
  }

  private async messagesOf(channelKey: string, ids: string[]): Promise<ConversationMessage[]> {
    if (ids.length === 0) return [];
    const values = await this.redis.hmget(this.keys.conversationMessages(channelKey), ...ids);
    return values.flatMap((value) => {
      const message = value === null ? null : parseMessage(value);
      return message === null ? [] : [message];
    });
  }
}

/** "slack:C0123": one channel of one platform. */
export function channelKeyOf(platform: string, channel: string): string {
  return `${platform}:${channel}`;
}

function savedThreadField(platform: string, channel: string, threadId: string): string {
  return `${channelKeyOf(platform, channel)} ${threadId}`;
}

/** A stored message, or null when what is stored is not one (written by another version). */
function parseMessage(value: string): ConversationMessage | null {
  try {
    const parsed = conversationMessageSchema.safeParse(JSON.parse(value));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
