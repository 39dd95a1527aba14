import type { Job, Queue } from 'bullmq';
import type { NoteStore } from '../store/note-store.js';
import { deleteJobId, ingestJobId, type DeleteJobData, type IngestJobData } from './ingest-queue.js';
import { summarizeJobId, type SummarizeJobData } from './summarize-queue.js';
import { translateJobId, type TranslateJobData } from './translate-queue.js';

export interface IngestSubmission {
  source: string;
  sourceKey: string;
  bytes: Uint8Array;
}

/**
 * Queues one note for ingest. A failed job left with the same id (same source and bytes) is
 * removed first, otherwise BullMQ would silently ignore the new add.
 */
export async function submitIngest(queue: Queue, store: NoteStore, submission: IngestSubmission): Promise<string> {
  const jobId = ingestJobId(submission.sourceKey, submission.bytes);
  const previous = await queue.getJob(jobId);
  if (previous && (await previous.isFailed())) await previous.remove();
  await store.putBlob(jobId, submission.bytes);
  const data: IngestJobData = { source: submission.source, sourceKey: submission.sourceKey, blobId: jobId };
  await queue.add('ingest', data, { jobId });
  return jobId;
}

export async function submitDelete(queue: Queue, noteId: string): Promise<string> {
  const data: DeleteJobData = { noteId };
  const job: Job = await queue.add('delete', data, { jobId: deleteJobId(noteId) });
  return job.id ?? deleteJobId(noteId);
}

/**
 * Queues a recap. As with ingest, a failed job left with the same id is removed first, or BullMQ
 * would ignore the add; a waiting or running one with the same id is the same work, and is kept.
 */
export async function submitSummarize(queue: Queue, data: SummarizeJobData): Promise<string> {
  return submitReplacingFailed(queue, 'summarize', summarizeJobId(data), data);
}

/** Queues one recap per language for a note that was just stored. */
export async function submitRecaps(queue: Queue, note: { noteId: string; contentHash: string }, languages: readonly string[]): Promise<string[]> {
  const jobIds: string[] = [];
  for (const language of languages) jobIds.push(await submitSummarize(queue, { noteId: note.noteId, contentHash: note.contentHash, language }));
  return jobIds;
}

/** Queues a translation (a failed job with the same id is replaced, as for recaps). */
export async function submitTranslate(queue: Queue, data: TranslateJobData): Promise<string> {
  return submitReplacingFailed(queue, 'translate', translateJobId(data), data);
}

/** Queues a translation into each language but the note's own (translating a note into its own language is nothing to do). */
export async function submitTranslations(
  queue: Queue,
  note: { noteId: string; contentHash: string; language: string },
  languages: readonly string[],
): Promise<string[]> {
  const jobIds: string[] = [];
  for (const language of languages) {
    if (language.split('-')[0] === note.language) continue;
    jobIds.push(await submitTranslate(queue, { noteId: note.noteId, contentHash: note.contentHash, language }));
  }
  return jobIds;
}

async function submitReplacingFailed(queue: Queue, name: string, jobId: string, data: object): Promise<string> {
  const previous = await queue.getJob(jobId);
  if (previous && (await previous.isFailed())) await previous.remove();
  await queue.add(name, data, { jobId });
  return jobId;
}
