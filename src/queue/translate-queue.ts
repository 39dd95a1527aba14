import { Queue, type ConnectionOptions, type JobsOptions } from 'bullmq';
import { MODEL_JOB_OPTIONS, noteLanguageJobId, noteLanguageJobSchema, type NoteLanguageJobData } from './note-language-job.js';

export const TRANSLATE_QUEUE = 'translate';

/** A translation of one note text into one language (`refresh`: translate again even when a current one is stored). */
export const translateJobSchema = noteLanguageJobSchema;

export type TranslateJobData = NoteLanguageJobData;

/** As for recaps: model outages are retried with backoff, refusals are not. */
export const TRANSLATE_JOB_OPTIONS: JobsOptions = MODEL_JOB_OPTIONS;

export function createTranslateQueue(connection: ConnectionOptions, prefix: string): Queue {
  return new Queue(TRANSLATE_QUEUE, { connection, prefix, defaultJobOptions: TRANSLATE_JOB_OPTIONS });
}

/** Same note text and language -> same job id (see noteLanguageJobId). */
export function translateJobId(data: TranslateJobData, now = Date.now()): string {
  return noteLanguageJobId('translate', data, now);
}
