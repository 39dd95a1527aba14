/**
 * Errors recap raises on purpose carry a stable string code (like bolt-js' CodedError),
 * so callers can branch on the code and users see a message that says what to do.
 */
export type RecapErrorCode =
  | 'config_invalid'
  | 'redis_unavailable'
  | 'input_binary'
  | 'input_encoding'
  | 'input_too_large'
  | 'input_empty'
  | 'input_too_deep'
  | 'input_unsupported'
  | 'input_not_found'
  /** A file that exists but cannot be read (permission, a link loop, too many open files...). */
  | 'input_unreadable'
  | 'input_bad_name'
  | 'note_not_found'
  /** A note reference (prefix of an id, words of a title) that fits several notes. */
  | 'note_ambiguous'
  /** A schedule identical to one already stored (platform, channel, kind, cron, time zone, languages). */
  | 'schedule_duplicate'
  | 'job_failed'
  /** Redis lost its data (restarted empty, flushed) while a command waited on it. */
  | 'storage_lost'
  /** The model refused the request for good (400/401/403/404): retrying will not help. */
  | 'llm_rejected'
  /** The model was busy, slow or down (429/5xx/timeout) after retries: try again later. */
  | 'llm_unavailable'
  /** The model answered with something we cannot use (not JSON, wrong shape). */
  | 'llm_malformed'
  | 'llm_budget_spent'
  | 'llm_not_configured'
  /** A URL recap will not fetch (a private address, a non-http scheme, an image): nothing more was requested. */
  | 'source_refused'
  /** A URL fetch that went out and failed (HTTP error, network error, time limit). */
  | 'source_failed';

export class RecapError extends Error {
  readonly code: RecapErrorCode;

  constructor(code: RecapErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'RecapError';
    this.code = code;
  }
}

export function isRecapError(error: unknown): error is RecapError {
  return error instanceof RecapError;
}
