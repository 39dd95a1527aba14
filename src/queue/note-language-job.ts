import type { JobsOptions } from 'bullmq';
import { z } from 'zod';
import { languageCodeSchema } from '../domain/language.js';

/**
 * What the model queues (summarize, translate) share: a job about one note text in one language,
 * its job id derived from that content, and retry options suited to model outages.
 */

/** Job data: only JSON and never secrets; the note itself is read from the store. */
export const noteLanguageJobSchema = z.object({
  noteId: z.string().min(1).max(200),
  /** The note text the job is for; a job for an older text is skipped. */
  contentHash: z.string().regex(/^[0-9a-f]{16,128}$/),
  language: languageCodeSchema,
  /** Do the work again even when a current result is stored. */
  refresh: z.boolean().optional(),
});

export type NoteLanguageJobData = z.infer<typeof noteLanguageJobSchema>;

/**
 * Model outages and rate limits last minutes: five attempts, 15 s doubling (about 4 minutes in
 * all), after the openai client's own quick retries. Permanent failures skip the rest (UnrecoverableError).
 */
export const MODEL_JOB_OPTIONS: JobsOptions = {
  attempts: 5,
  backoff: { type: 'exponential', delay: 15_000 },
  // As for ingest: the stored result is the record, and a kept job would block a later same-id job.
  removeOnComplete: true,
  removeOnFail: { age: 7 * 24 * 60 * 60, count: 1000 },
};

/**
 * Same note text and language -> same job id, so the jobs queued by repeated ingests of one text
 * are one job. A refresh gets a timestamp so it runs even while an identical job is known.
 */
export function noteLanguageJobId(kind: string, data: NoteLanguageJobData, now = Date.now()): string {
  // BullMQ refuses ':' in custom ids; note ids are slugs, this only guards the assumption.
  const noteId = data.noteId.replace(/[^A-Za-z0-9_-]/g, '_');
  const id = `${kind}-${noteId}-${data.contentHash.slice(0, 16)}-${data.language}`;
  return data.refresh ? `${id}-refresh-${now}` : id;
}
