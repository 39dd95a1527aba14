import type { RedisClient } from './redis-connection.js';
import { storeKeys, type StoreKeys } from './keys.js';

/** Questions kept: enough to see what people ask and what the notes miss, not an archive. */
export const QUESTIONS_KEPT = 1_000;

/** One question asked in chat or on the web page, and whether the notes answered it. No user ids. */
export interface QuestionLogEntry {
  question: string;
  /** False: "not in the notes". */
  answered: boolean;
  /** Where it was asked: "chat", "web". */
  surface: string;
  /** The first citation's note and line, or null. */
  cited: { noteId: string; line: number } | null;
  /** ISO timestamp. */
  at: string;
}

/** The latest questions in one capped Redis list (LPUSH + LTRIM in one transaction). */
export class QuestionLog {
  readonly keys: StoreKeys;

  constructor(
    readonly redis: RedisClient,
    prefix: string,
  ) {
    this.keys = storeKeys(prefix);
  }

  async record(entry: QuestionLogEntry): Promise<void> {
    await this.redis.multi().lpush(this.keys.questions, JSON.stringify(entry)).ltrim(this.keys.questions, 0, QUESTIONS_KEPT - 1).exec();
  }

  /** The latest `count` questions, newest first. */
  async latest(count = QUESTIONS_KEPT): Promise<QuestionLogEntry[]> {
    const values = await this.redis.lrange(this.keys.questions, 0, Math.max(0, count - 1));
    return values.map((value) => JSON.parse(value) as QuestionLogEntry);
  }
}
