import { createHash } from 'node:crypto';

/** sha256 hex of a note's decoded text: the same text always gives the same hash. */
export function contentHash(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}
