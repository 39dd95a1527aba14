import { RecapError, isRecapError } from '../errors.js';
import type { Runtime } from '../runtime.js';
import { isNoteFile, validateUploadName } from './collect-files.js';
import { formatBytes, ingestSubmission, type FileOutcome } from './run-ingest.js';

/** A file someone posted in a chat, not yet downloaded. */
export interface ChatUpload {
  /** The file name as posted: a label, validated, never a path we write to. */
  name: string;
  /** "discord", "slack": the note's source (shown in citations) becomes "<platform>/<name>". */
  platform: string;
  /** What makes it "the same note" across ingests, e.g. "discord:<guild>:<attachment id>". */
  sourceKey: string;
  /** Size the platform declares, checked before a byte is downloaded. */
  size: number;
  /** Fetches the bytes, refusing more than `maxBytes` (the declared size may be wrong). */
  download(maxBytes: number): Promise<Uint8Array>;
}

/** What became of one upload: the outcome of its ingest, under the name it was posted with. */
export type UploadOutcome = FileOutcome & { name: string };

/**
 * Ingests one uploaded note through the queue, like `recap ingest`: checks the name, the type and
 * the size (before downloading), downloads, then waits for the ingest job. Never throws for a bad
 * file: the outcome says what went wrong, so every file gets an answer.
 */
export async function ingestChatUpload(runtime: Runtime, upload: ChatUpload): Promise<UploadOutcome> {
  const maxBytes = runtime.config.maxNoteBytes;
  const failed = (reason: string): UploadOutcome => ({ name: upload.name, file: upload.name, status: 'failed', reason });
  try {
    const name = validateUploadName(upload.name);
    if (!isNoteFile(name)) return failed('not a note: only .md, .markdown and .txt files are ingested.');
    if (upload.size > maxBytes) return failed(tooLarge(upload.size, maxBytes));
    const bytes = await upload.download(maxBytes);
    if (bytes.length > maxBytes) return failed(tooLarge(bytes.length, maxBytes));
    const outcome = await ingestSubmission(runtime, { source: `${upload.platform}/${name}`, sourceKey: upload.sourceKey, bytes });
    return { ...outcome, name };
  } catch (error) {
    if (isRecapError(error)) return failed(error.message);
    runtime.logger.warn({ err: error, sourceKey: upload.sourceKey }, 'upload not ingested');
    return failed(`could not be ingested (${error instanceof Error ? error.message : String(error)}).`);
  }
}

function tooLarge(size: number, maxBytes: number): string {
  return `it is ${formatBytes(size)}; the limit is ${formatBytes(maxBytes)} (MAX_NOTE_BYTES).`;
}

/** Thrown by a download that goes past the limit, so the outcome reads like the size check. */
export function uploadTooLarge(maxBytes: number): RecapError {
  return new RecapError('input_too_large', `it is over the limit of ${formatBytes(maxBytes)} (MAX_NOTE_BYTES).`);
}
