import { RecapError } from '../../errors.js';
import { uploadTooLarge } from '../../ingest/ingest-chat-upload.js';

// A note of a few MB comes in well under this; a stuck CDN must not hold the reply forever.
const DOWNLOAD_TIMEOUT_MS = 30_000;

/**
 * Downloads an attachment from Discord's CDN, stopping as soon as it passes `maxBytes` (the size
 * Discord declared was checked before, but the bytes are what count).
 */
export async function downloadAttachment(url: string, maxBytes: number): Promise<Uint8Array> {
  if (!/^https?:\/\//i.test(url)) throw new RecapError('input_not_found', 'could not be downloaded (not an http(s) URL).');
  const response = await fetch(url, { signal: AbortSignal.timeout(DOWNLOAD_TIMEOUT_MS) }).catch((error: unknown) => {
    throw new RecapError('input_not_found', `could not be downloaded (${error instanceof Error ? error.message : String(error)}).`);
  });
  if (!response.ok || response.body === null) throw new RecapError('input_not_found', `could not be downloaded (HTTP ${response.status}).`);
  const chunks: Uint8Array[] = [];
  let total = 0;
  for await (const chunk of response.body) {
    total += chunk.length;
    // Throwing out of the loop cancels the stream: the rest is never downloaded.
    if (total > maxBytes) throw uploadTooLarge(maxBytes);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}
