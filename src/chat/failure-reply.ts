import { isRecapError } from '../errors.js';
import { errorReply, type Reply } from './reply.js';

/**
 * The reply for a request that failed, so it never ends in silence. recap's own errors say what
 * to do and are shown as they are; anything else is described without internals (the log has them).
 */
export function failureReply(error: unknown): Reply {
  if (isRecapError(error)) return errorReply(error.message);
  return errorReply('Sorry, something went wrong while answering. The details are in recap’s log; please try again.');
}
