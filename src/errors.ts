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
  | 'input_bad_name'
  | 'note_not_found'
  | 'job_failed';

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
