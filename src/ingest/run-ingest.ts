import { readFile, stat } from 'node:fs/promises';
import { RecapError, isRecapError } from '../errors.js';
import { printable } from '../printable.js';
import { submitDelete, submitIngest, type IngestSubmission } from '../queue/submit-jobs.js';
import type { JobWaiter, JobOutcome } from '../queue/wait-for-jobs.js';
import { withQueueJobs } from '../queue/with-queue-jobs.js';
import type { Runtime } from '../runtime.js';
import { readStoredRecordHeader } from '../search/stored-chunks.js';
import { fileSourceKey } from './collect-files.js';
import { fileReadError } from './file-errors.js';
import type { IngestResult } from '../domain/ingest-result.js';

export type FileOutcome =
  | ({ file: string } & IngestResult)
  | { file: string; status: 'failed'; reason: string };

/** Reads a file for ingest, refusing oversized ones before their bytes go anywhere. */
export async function readSubmission(file: string, maxBytes: number): Promise<IngestSubmission> {
  try {
    const info = await stat(file);
    // A pipe or device would block the read or never end.
    if (!info.isFile() && !info.isDirectory()) throw new RecapError('input_unreadable', `not a regular file (a pipe, socket or device): ${printable(file)}`);
    if (info.size > maxBytes) {
      throw new RecapError('input_too_large', `${printable(file)} is ${formatBytes(info.size)}; the limit is ${formatBytes(maxBytes)} (MAX_NOTE_BYTES).`);
    }
    return { source: file, sourceKey: fileSourceKey(file), bytes: await readFile(file) };
  } catch (error) {
    throw await fileReadError(error, file);
  }
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}

/**
 * Runs a batch of ingest jobs to completion for a CLI command. When no worker is listening on the
 * queue, this process works its own jobs for the duration of the command. The recap jobs those
 * ingests queue are not waited for: a worker writes them later.
 */
export async function withJobs<T>(runtime: Runtime, body: (waiter: JobWaiter) => Promise<T>): Promise<T> {
  return withQueueJobs(runtime, { queue: runtime.queue, startLocalWorker: () => runtime.startLocalWorker('ingest', { stalledIntervalMs: COMMAND_STALLED_INTERVAL_MS }) }, body);
}

// A command's own worker looks for the jobs of a worker that died often: someone waits on them
// (a killed worker's jobs are free once their 30 s lock lapses).
const COMMAND_STALLED_INTERVAL_MS = 5_000;

/**
 * Ingests files through the queue and reports each one's outcome (never throws for one bad file).
 * When Redis loses its data meanwhile, it throws a `storage_lost` error naming the notes that
 * were reported stored and are gone, and the files that were never ingested.
 */
export async function ingestFiles(
  runtime: Runtime,
  files: string[],
  onOutcome: (outcome: FileOutcome) => void = () => undefined,
): Promise<FileOutcome[]> {
  const reported: FileOutcome[] = [];
  try {
    return await withJobs(runtime, async (waiter) => {
      const pending: Array<Promise<FileOutcome>> = [];
      for (const file of files) {
        pending.push(
          ingestOne(runtime, waiter, file).then((outcome) => {
            reported.push(outcome);
            onOutcome(outcome);
            return outcome;
          }),
        );
      }
      return Promise.all(pending);
    });
  } catch (error) {
    if (isRecapError(error) && error.code === 'storage_lost') throw await whatWasLost(runtime, error, files, reported);
    throw error;
  }
}

async function whatWasLost(runtime: Runtime, error: RecapError, files: string[], reported: FileOutcome[]): Promise<RecapError> {
  const gone: string[] = [];
  for (const outcome of reported) {
    if (outcome.status === 'failed') continue;
    // A job still running when Redis came back may have stored its note again.
    const stored = await readStoredRecordHeader(runtime.store, outcome.noteId).catch(() => null);
    if (stored === null) gone.push(`${outcome.noteId} (${outcome.file})`);
  }
  const finished = new Set(reported.map((outcome) => outcome.file));
  const notIngested = files.filter((file) => !finished.has(file));
  const lines = [error.message];
  if (gone.length > 0) lines.push(`${gone.length} note(s) reported above as stored are gone:`, ...gone.map((entry) => `  ${entry}`));
  if (notIngested.length > 0) lines.push(`${notIngested.length} file(s) were not ingested:`, ...notIngested.map((file) => `  ${file}`));
  lines.push('Run the same `recap ingest` again once Redis keeps its data (see "Failure behaviour" in the README).');
  // reportError prints it with control characters escaped.
  return new RecapError('storage_lost', lines.join('\n'), { cause: error });
}

/** Ingests content that has no file (stdin, uploads) and waits for it. */
export async function ingestSubmission(runtime: Runtime, submission: IngestSubmission): Promise<FileOutcome> {
  return withJobs(runtime, async (waiter) => toOutcome(submission.source, await submitAndWait(runtime, waiter, submission)));
}

async function ingestOne(runtime: Runtime, waiter: JobWaiter, file: string): Promise<FileOutcome> {
  try {
    const submission = await readSubmission(file, runtime.config.maxNoteBytes);
    return toOutcome(file, await submitAndWait(runtime, waiter, submission));
  } catch (error) {
    return { file, status: 'failed', reason: isRecapError(error) ? error.message : String(error) };
  }
}

async function submitAndWait(runtime: Runtime, waiter: JobWaiter, submission: IngestSubmission): Promise<JobOutcome> {
  const jobId = await submitIngest(runtime.queue, runtime.store, submission);
  return waiter.wait(jobId);
}

function toOutcome(file: string, outcome: JobOutcome): FileOutcome {
  if (outcome.state === 'failed') return { file, status: 'failed', reason: outcome.reason };
  return { file, ...(outcome.value as IngestResult) };
}

/** Deletes a note through the queue and waits; resolves to whether it existed. */
export async function deleteNoteViaQueue(runtime: Runtime, noteId: string): Promise<boolean> {
  return withJobs(runtime, async (waiter) => {
    const outcome = await waiter.wait(await submitDelete(runtime.queue, noteId));
    if (outcome.state === 'failed') throw new RecapError('job_failed', `Deleting ${noteId} failed: ${outcome.reason}`);
    return (outcome.value as { status: string }).status === 'deleted';
  });
}
