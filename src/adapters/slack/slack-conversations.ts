import { setTimeout as sleep } from 'node:timers/promises';
import { webApi } from '@slack/bolt';
import { ConversationUnreadable, type ConversationHistory, type ConversationMessage, type ConversationScope } from '../../domain/conversation.js';
import type { Logger } from '../../logger.js';
import { isOffRecordMessage } from '../../notes/off-record.js';
import { boltLogger } from './bolt-logger.js';
import { slackErrorCode } from './slack-error.js';
import { mentionedUsers, slackMessageText, slackPermalink } from './slack-message-text.js';
import type { SlackSettings } from './slack-settings.js';

/** A message as Slack's events and history give it (the fields recap reads). */
export interface SlackRawMessage {
  type?: string;
  subtype?: string;
  ts?: string;
  thread_ts?: string;
  user?: string;
  bot_id?: string;
  text?: string;
  files?: unknown[];
  reply_count?: number;
  reactions?: Array<{ name?: string; count?: number }>;
}

/** Subtypes of messages people write; the rest (bots, joins, topic changes, pins…) are not conversation. */
const PERSON_SUBTYPES = new Set([undefined, 'file_share', 'thread_broadcast', 'me_message']);

/** One history page: Slack allows up to 1,000; apps outside the Marketplace get 15 whatever they ask. */
const HISTORY_PAGE = 200;
/** A rate limit asking to wait longer than this ends the read (a person is waiting for the recap). */
const MAX_RATE_LIMIT_WAIT_S = 10;
/** All waits of one read together. */
const MAX_TOTAL_WAIT_S = 30;
/** Display names change rarely. */
const NAME_CACHE_TTL_MS = 60 * 60 * 1000;
const NAME_RETRY_MS = 60 * 1000;

/** What to tell a person when Slack will not let recap read a channel. */
const UNREADABLE: Record<string, string> = {
  not_in_channel: 'recap is not in that channel. Invite it there first (/invite @recap), then ask again.',
  channel_not_found: 'Slack says the channel does not exist or recap cannot see it (a private channel recap is not in). Invite recap there first: /invite @recap',
  missing_scope: 'the Slack app lacks a scope it needs to read messages (channels:history, groups:history, channels:read, groups:read). Reinstall the app from slack/manifest.yaml.',
  thread_not_found: 'that thread was not found (was its message deleted?).',
  message_not_found: 'that message was not found (was it deleted?).',
  not_allowed_token_type: 'the bot token may not read this conversation.',
};

/** The reason a person is told for a Slack error, when it means "recap cannot read this" (else null). */
export function unreadableReason(error: unknown): string | null {
  const code = slackErrorCode(error);
  return code === null ? null : (UNREADABLE[code] ?? null);
}

/**
 * What recap needs of Slack for conversation recaps: messages as ConversationMessages (names for
 * user ids, permalinks from the workspace URL, both cached), and the channel history
 * (conversations.replies / conversations.history, paged, waiting out short rate limits).
 * It has its own Web API client that reports rate limits instead of sleeping through them.
 */
export class SlackConversations {
  readonly client: webApi.WebClient;
  readonly history: ConversationHistory;
  private teamUrl: Promise<string> | null = null;
  private readonly names = new Map<string, { name: string; until: number }>();

  constructor(
    settings: SlackSettings,
    private readonly logger: Logger,
    /** RECAP_OFF_RECORD_REACTIONS: history messages with one of these are never read. */
    private readonly offRecordReactions: readonly string[],
    retryConfig?: webApi.RetryOptions,
  ) {
    this.client = new webApi.WebClient(settings.botToken, {
      slackApiUrl: settings.apiUrl,
      logger: boltLogger(logger),
      rejectRateLimitedCalls: true,
      timeout: 15_000,
      retryConfig: retryConfig ?? { retries: 2, factor: 2, minTimeout: 500, maxTimeout: 3_000 },
    });
    this.history = { read: (scope, options) => this.readHistory(scope, options) };
  }

  /** Whether Slack's message is one a person wrote (not a bot's, not a join or topic change). */
  static fromPerson(message: SlackRawMessage, botUserId: string | undefined): boolean {
    return message.bot_id === undefined && message.user !== undefined && message.user !== botUserId && PERSON_SUBTYPES.has(message.subtype);
  }

  /** Reaction names on a message, skin tones dropped (`thumbsup::skin-tone-2` is `thumbsup`). */
  static reactionNames(message: SlackRawMessage): string[] {
    return (message.reactions ?? []).flatMap((reaction) => (reaction.name ? [reaction.name.replace(/::skin-tone-\d$/, '')] : []));
  }

  /** A person's message as recap keeps it. */
  async toConversationMessage(channel: string, message: SlackRawMessage & { ts: string; user: string }): Promise<ConversationMessage> {
    const raw = message.text ?? '';
    const users = [message.user, ...mentionedUsers(raw)];
    const known = new Map<string, string>();
    for (const user of new Set(users)) known.set(user, await this.userName(user));
    // A reply's threadId is its parent's ts; a parent's is its own ts once it has a thread, else null.
    const inThread = message.thread_ts !== undefined || (message.reply_count ?? 0) > 0;
    const threadId = inThread ? (message.thread_ts ?? message.ts) : null;
    return {
      id: message.ts,
      channel,
      threadId,
      user: message.user,
      userName: (known.get(message.user) ?? message.user).slice(0, 120),
      text: slackMessageText(raw, (user) => known.get(user)).slice(0, 40_000),
      at: Math.round(Number(message.ts) * 1000),
      url: slackPermalink(await this.workspaceUrl(), channel, message.ts, message.thread_ts ?? null),
      replyCount: Math.max(0, message.reply_count ?? 0),
      reactionCount: (message.reactions ?? []).reduce((sum, reaction) => sum + Math.max(0, reaction.count ?? 0), 0),
      fileCount: message.files?.length ?? 0,
    };
  }

  /** A person's display name (users.info, cached); their id when Slack does not say. */
  async userName(user: string): Promise<string> {
    const cached = this.names.get(user);
    if (cached && cached.until > Date.now()) return cached.name;
    try {
      const { user: info } = await this.client.users.info({ user });
      const name = info?.profile?.display_name || info?.real_name || info?.profile?.real_name || info?.name || user;
      this.names.set(user, { name, until: Date.now() + NAME_CACHE_TTL_MS });
      return name;
    } catch (error) {
      // Asked again a minute later (a rate limit passes; a user that does not exist stays an id).
      this.logger.debug({ err: error, user }, 'users.info failed; the user id stands for the name');
      this.names.set(user, { name: user, until: Date.now() + NAME_RETRY_MS });
      return user;
    }
  }

  /** The workspace's URL (auth.test, asked once), from which permalinks are built without a call per message. */
  private async workspaceUrl(): Promise<string> {
    this.teamUrl ??= this.client.auth.test().then((result) => {
      if (typeof result.url !== 'string' || result.url === '') throw new Error('auth.test gave no workspace URL');
      return result.url;
    });
    try {
      return await this.teamUrl;
    } catch (error) {
      this.teamUrl = null;
      throw error;
    }
  }

  /**
   * Whether `user` is a member of `channel` (conversations.members, paged). Slack's errors that mean
   * recap cannot look are thrown as ConversationUnreadable.
   */
  async isMember(channel: string, user: string): Promise<boolean> {
    let cursor: string | undefined;
    const state = { waited: 0 };
    do {
      const page = await this.call(channel, state, () => this.client.conversations.members({ channel, limit: 1_000, ...(cursor ? { cursor } : {}) }));
      if ((page.members ?? []).includes(user)) return true;
      cursor = page.response_metadata?.next_cursor || undefined;
    } while (cursor);
    return false;
  }

  private async readHistory(scope: ConversationScope, options: { until: number | null; limit: number }): Promise<ConversationMessage[]> {
    const raw = scope.threadId !== null ? await this.readReplies(scope.channel, scope.threadId, options.limit) : await this.readChannel(scope, options);
    const seen = new Set<string>();
    const messages: ConversationMessage[] = [];
    for (const message of raw) {
      if (message.ts === undefined || message.user === undefined || seen.has(message.ts)) continue;
      seen.add(message.ts);
      if (!SlackConversations.fromPerson(message, undefined)) continue;
      if (isOffRecordMessage(message.text ?? '', SlackConversations.reactionNames(message), this.offRecordReactions)) continue;
      messages.push(await this.toConversationMessage(scope.channel, { ...message, ts: message.ts, user: message.user }));
    }
    return messages.sort((a, b) => a.at - b.at || a.id.localeCompare(b.id));
  }

  /** A thread, parent first (Slack repeats the parent on every page). */
  private async readReplies(channel: string, ts: string, limit: number): Promise<SlackRawMessage[]> {
    const messages: SlackRawMessage[] = [];
    const state = { waited: 0 };
    let cursor: string | undefined;
    do {
      const page = await this.call(channel, state, () => this.client.conversations.replies({ channel, ts, limit: HISTORY_PAGE, ...(cursor ? { cursor } : {}) }), messages.length);
      messages.push(...((page.messages ?? []) as SlackRawMessage[]));
      cursor = page.has_more ? page.response_metadata?.next_cursor || undefined : undefined;
    } while (cursor && messages.length < limit + 1);
    return messages;
  }

  /** A channel's top-level messages in [since, until), newest pages first, at most `limit`. */
  private async readChannel(scope: ConversationScope, options: { until: number | null; limit: number }): Promise<SlackRawMessage[]> {
    const messages: SlackRawMessage[] = [];
    const state = { waited: 0 };
    let cursor: string | undefined;
    const window = {
      ...(scope.since !== null ? { oldest: (scope.since / 1000).toFixed(6) } : {}),
      ...(options.until !== null ? { latest: (options.until / 1000).toFixed(6) } : {}),
    };
    do {
      const page = await this.call(scope.channel, state, () => this.client.conversations.history({ channel: scope.channel, limit: HISTORY_PAGE, ...window, ...(cursor ? { cursor } : {}) }), messages.length);
      messages.push(...((page.messages ?? []) as SlackRawMessage[]));
      cursor = page.has_more ? page.response_metadata?.next_cursor || undefined : undefined;
    } while (cursor && messages.length < options.limit);
    return messages;
  }

  /**
   * One Web API call: a short rate limit is waited out (Retry-After), a long one ends the read
   * with the reason; "cannot read this channel" errors become ConversationUnreadable.
   */
  private async call<T>(channel: string, state: { waited: number }, request: () => Promise<T>, readSoFar = 0): Promise<T> {
    for (;;) {
      try {
        return await request();
      } catch (error) {
        const reason = unreadableReason(error);
        if (reason !== null) throw new ConversationUnreadable(channel, reason);
        if (!isRateLimited(error)) throw error;
        const retryAfter = Math.max(1, error.retryAfter);
        if (retryAfter > MAX_RATE_LIMIT_WAIT_S || state.waited + retryAfter > MAX_TOTAL_WAIT_S) {
          this.logger.warn({ channel, retryAfter, readSoFar }, 'slack history read stopped by a rate limit');
          throw new Error(`Slack limits how fast recap may read a channel's history and asked it to wait ${retryAfter} s${readSoFar > 0 ? ` after ${readSoFar} messages` : ''}; try again in a minute or two`, { cause: error });
        }
        this.logger.info({ channel, retryAfter }, 'slack history read rate limited; waiting');
        state.waited += retryAfter;
        await sleep(retryAfter * 1000);
      }
    }
  }
}

function isRateLimited(error: unknown): error is webApi.WebAPIRateLimitedError {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === webApi.ErrorCode.RateLimitedError;
}
