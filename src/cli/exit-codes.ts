import type { RecapErrorCode } from '../errors.js';

/** Process exit codes, documented in the README. */
export const EXIT = {
  ok: 0,
  /** Something failed at run time (a file could not be ingested, a job failed). */
  failure: 1,
  /** Bad usage or configuration. */
  usage: 2,
  /** Redis could not be reached or started. */
  redisUnavailable: 3,
  /** The note (or file) asked for does not exist. */
  notFound: 4,
} as const;

export function exitCodeFor(code: RecapErrorCode): number {
  switch (code) {
    case 'config_invalid':
    case 'input_bad_name':
    case 'note_ambiguous':
    case 'schedule_duplicate':
      return EXIT.usage;
    case 'redis_unavailable':
      return EXIT.redisUnavailable;
    case 'note_not_found':
    case 'input_not_found':
      return EXIT.notFound;
    default:
      return EXIT.failure;
  }
}
