import type { Reply } from './reply.js';
import type { Platform } from './platform.js';

/** Which post a message belongs to: lets a retry recognise a message an earlier attempt sent. */
export interface PostMarker {
  scheduleId: string;
  window: string;
  /** The message's place in a post of several messages. */
  part: number;
}

/**
 * Posting to one platform's channels, as the post-recap worker needs it. Implementations turn
 * platform errors into PostFailure (permanent or not); anything else thrown is treated as transient.
 */
export interface ChannelPoster<Part = unknown> {
  readonly platform: Platform;
  /** The messages that show these replies, in order. */
  render(replies: readonly Reply[]): Part[];
  /** Sends one message; its id (Slack ts, Discord message id). */
  post(channel: string, part: Part, marker: PostMarker): Promise<string>;
  /**
   * The id of a message an earlier attempt sent with this marker (since `sinceMs`), or null
   * when there is none. Throws PostFailure when the channel's history cannot be read.
   */
  findPosted(channel: string, marker: PostMarker, sinceMs: number): Promise<string | null>;
  update(channel: string, messageId: string, part: Part, marker: PostMarker): Promise<void>;
  remove(channel: string, messageId: string): Promise<void>;
  /** Who the bot is ("@recap in Acme"); throws PostFailure when the token is refused. */
  identity(): Promise<string>;
  /** Throws PostFailure when the bot cannot see the channel (gone, not invited, no access). */
  checkChannel(channel: string): Promise<void>;
}

/** A platform's refusal. Permanent ones (channel gone, no access) are not retried. */
export class PostFailure extends Error {
  constructor(
    message: string,
    readonly permanent: boolean,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'PostFailure';
  }
}

/** One poster per configured platform. */
export type Posters = Partial<Record<Platform, ChannelPoster>>;
