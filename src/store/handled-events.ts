import type { RedisClient } from './redis-connection.js';
import { storeKeys, type StoreKeys } from './keys.js';

/**
 * Slack retries an event up to three times within about five minutes (and Socket Mode redelivers
 * unacknowledged envelopes); an hour covers every retry with room to spare.
 */
export const HANDLED_EVENT_TTL_MS = 60 * 60 * 1000;

/**
 * Remembers which chat events were handled, across every bot process sharing Redis, so a retried
 * or duplicated event is answered once.
 */
export class HandledEvents {
  readonly keys: StoreKeys;

  constructor(
    readonly redis: RedisClient,
    prefix: string,
  ) {
    this.keys = storeKeys(prefix);
  }

  /** True for the first claim of an event id (SET NX with a TTL), false for every later one. */
  async claim(platform: string, eventId: string, ttlMs = HANDLED_EVENT_TTL_MS): Promise<boolean> {
    const set = await this.redis.set(this.keys.handledEvent(platform, eventId), '1', 'PX', ttlMs, 'NX');
    return set === 'OK';
  }
}
