import { createHash } from 'node:crypto';
import type { Queue } from 'bullmq';
import type { IngestResult } from '../domain/ingest-result.js';
import type { ScheduleStore } from '../store/schedule-store.js';
import type { RefreshJobData, WindowJobData } from './post-recap-queue.js';

/**
 * After an ingest: a new note gets a post from every on-ingest schedule (one job per schedule
 * and note, so a repeated event queues nothing more); a changed note gets its posted recaps edited.
 */
export async function submitPostsAfterIngest(queue: Queue, schedules: ScheduleStore, result: Pick<IngestResult, 'status' | 'noteId'>): Promise<void> {
  if (result.status === 'updated') return submitRefresh(queue, result.noteId);
  if (result.status !== 'ingested') return;
  for (const schedule of await schedules.all()) {
    if (schedule.kind !== 'on-ingest') continue;
    const window = `note-${createHash('sha256').update(result.noteId).digest('hex').slice(0, 20)}`;
    const data: WindowJobData = { scheduleId: schedule.id, window, noteId: result.noteId };
    await queue.add('window', data, { jobId: `post-${schedule.id}-${window}` });
  }
}

/** Edits the posts that show a note (after it changed or was deleted). */
export async function submitRefresh(queue: Queue, noteId: string): Promise<void> {
  const data: RefreshJobData = { noteId };
  await queue.add('refresh', data);
}
