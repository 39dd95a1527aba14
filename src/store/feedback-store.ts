import type { RedisClient } from './redis-connection.js';
import { storeKeys, type StoreKeys } from './keys.js';

export type FeedbackValue = 'helpful' | 'not-helpful';

/** One person's verdict on one answer. */
export interface Feedback {
  answerId: string;
  question: string;
  platform: string;
  user: string;
  value: FeedbackValue;
  /** ISO timestamp of the (latest) vote. */
  at: string;
}

/**
 * Feedback on answers in one Redis hash: one field per platform, answer and user, so clicking
 * twice (or changing one's mind) keeps one vote, the latest.
 */
export class FeedbackStore {
  readonly keys: StoreKeys;

  constructor(
    readonly redis: RedisClient,
    prefix: string,
  ) {
    this.keys = storeKeys(prefix);
  }

  async record(feedback: Feedback): Promise<void> {
    await this.redis.hset(this.keys.feedback, `${feedback.platform}:${feedback.answerId}:${feedback.user}`, JSON.stringify(feedback));
  }

  /** Every vote, newest first. */
  async list(): Promise<Feedback[]> {
    const values = await this.redis.hvals(this.keys.feedback);
    return values.map((value) => JSON.parse(value) as Feedback).sort((a, b) => b.at.localeCompare(a.at));
  }
}
