import { randomBytes } from 'node:crypto';
import type { RedisClient } from './redis-connection.js';
import type { Reply } from '../domain/reply.js';
import { storeKeys, type StoreKeys } from './keys.js';

/**
 * Answers stay shareable and rateable for a week: buttons on older messages then say the answer
 * expired instead of keeping every answer forever.
 */
export const ANSWER_TTL_SECONDS = 7 * 24 * 60 * 60;

/** An answer given in a chat, kept so its buttons (share, feedback) can refer to it by id. */
export interface ChatAnswer {
  id: string;
  question: string;
  reply: Reply;
  platform: string;
  user: string;
  /** ISO timestamp. */
  createdAt: string;
}

/** Chat answers by id, in Redis with a TTL (a button's value holds only the short id). */
export class AnswerStore {
  readonly keys: StoreKeys;

  constructor(
    readonly redis: RedisClient,
    prefix: string,
  ) {
    this.keys = storeKeys(prefix);
  }

  async save(answer: Omit<ChatAnswer, 'id' | 'createdAt'>): Promise<ChatAnswer> {
    const saved: ChatAnswer = { id: randomBytes(9).toString('base64url'), createdAt: new Date().toISOString(), ...answer };
    await this.redis.set(this.keys.chatAnswer(saved.id), JSON.stringify(saved), 'EX', ANSWER_TTL_SECONDS);
    return saved;
  }

  async get(id: string): Promise<ChatAnswer | null> {
    if (!/^[A-Za-z0-9_-]{1,64}$/.test(id)) return null;
    const json = await this.redis.get(this.keys.chatAnswer(id));
    return json === null ? null : (JSON.parse(json) as ChatAnswer);
  }
}
