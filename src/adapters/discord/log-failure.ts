import { isRecapError } from '../../errors.js';
import type { Logger } from '../../logger.js';

/** recap's own errors (model down, note missing) are expected: warn; anything else is a bug: error. */
export function logFailure(logger: Logger, error: unknown, message: string): void {
  if (isRecapError(error)) logger.warn({ err: error, code: error.code }, message);
  else logger.error({ err: error }, message);
}
