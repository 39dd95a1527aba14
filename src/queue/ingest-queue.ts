import { createHash } from 'node:crypto';
import { Queue, type ConnectionOptions, type JobsOptions } from 'bullmq';
import { z } from 'zod';

export const INGEST_QUEUE = 'ingest';

/** Job data: only JSON and never secrets; the bytes wait in Redis under the job id. */
export const ingestJobSchema = z.object({
  source: z.string().min(1).max(4096),
  sourceKey: z.string().min(1).max(4096),
  blobId: z.string().regex(/^[a-z0-9-]{1,100}$/),
});
export const deleteJobSchema = z.object({ noteId: z.string().min(1).max(200) });

export type IngestJobData = z.infer<typeof ingestJobSchema>;
export type DeleteJobData = z.infer<typeof deleteJobSchema>;
export type IngestJobName = 'ingest' | 'delete';

/** Transient failures (Redis hiccups) retry with backoff; bad input fails at once (UnrecoverableError). */
export const INGEST_JOB_OPTIONS: JobsOptions = {
  attempts: 3,
  backoff: { type: 'exponential', delay: 500 },
  // Completed jobs are removed: the note in Redis is the record, and a kept job with the same id
  // would make BullMQ ignore a later re-ingest of the same bytes (after a delete, say).
  removeOnComplete: true,
  removeOnFail: { age: 7 * 24 * 60 * 60, count: 1000 },
};

export function createIngestQueue(connection: ConnectionOptions, prefix: string): Queue {
  return new Queue(INGEST_QUEUE, { connection, prefix, defaultJobOptions: INGEST_JOB_OPTIONS });
}

/** Same source and same bytes -> same job id, so a duplicate submission is one job. */
export function ingestJobId(sourceKey: string, bytes: Uint8Array): string {
  const sourceHash = createHash('sha256').update(sourceKey).digest('hex').slice(0, 16);
  const contentHash = createHash('sha256').update(bytes).digest('hex').slice(0, 24);
  return `ingest-${sourceHash}-${contentHash}`;
}

export function deleteJobId(noteId: string): string {
  return `delete-${createHash('sha256').update(noteId).digest('hex').slice(0, 24)}-${Date.now()}`;
}
