import { isRecapError } from '../errors.js';
import { isRedisUnavailable } from '../store/redis-connection.js';
import { errorReply, type Reply } from '../domain/reply.js';

/**
 * The reply for a request that failed, so it never ends in silence. recap's own errors say what
 * to do and are shown as they are; anything else is described without internals (the log has them).
 */
export function failureReply(error: unknown): Reply {
  if (isRecapError(error)) return errorReply(error.message);
  if (isRedisUnavailable(error)) return errorReply(STORAGE_UNAVAILABLE);
  return errorReply('Sorry, something went wrong while answering. The details are in recap’s log; please try again.');
}

export const STORAGE_UNAVAILABLE = 'recap’s storage (Redis) is unavailable right now; try again in a moment. Questions are still answered from the notes already loaded.';
