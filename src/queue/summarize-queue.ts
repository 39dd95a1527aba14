import { Queue, type ConnectionOptions, type JobsOptions } from 'bullmq';
import { MODEL_JOB_OPTIONS, noteLanguageJobId, noteLanguageJobSchema, type NoteLanguageJobData } from './note-language-job.js';

export const SUMMARIZE_QUEUE = 'summarize';

/** A recap of one note text in one language (`refresh`: write it again even when a current one is stored). */
export const summarizeJobSchema = noteLanguageJobSchema;

export type SummarizeJobData = NoteLanguageJobData;

export const SUMMARIZE_JOB_OPTIONS: JobsOptions = MODEL_JOB_OPTIONS;

export function createSummarizeQueue(connection: ConnectionOptions, prefix: string): Queue {
  return new Queue(SUMMARIZE_QUEUE, { connection, prefix, defaultJobOptions: SUMMARIZE_JOB_OPTIONS });
}

/** Same note text and language -> same job id (see noteLanguageJobId). */
export function summarizeJobId(data: SummarizeJobData, now = Date.now()): string {
  return noteLanguageJobId('summarize', data, now);
}
