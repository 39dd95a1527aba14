import { Queue, type ConnectionOptions, type JobsOptions } from 'bullmq';
import { z } from 'zod';

export const POST_RECAP_QUEUE = 'post-recap';

/**
 * Job names: `window` posts a schedule's window (fired by its job scheduler, by run-now, or by a
 * new note for on-ingest schedules); `refresh` edits the posts that show a changed or deleted note.
 */
export const windowJobSchema = z.object({
  scheduleId: z.string().min(1),
  /** Set by run-now ("manual-<ms>") and on-ingest ("note-<id>"); a scheduler's job uses its fire time. */
  window: z.string().regex(/^[A-Za-z0-9_.-]{1,200}$/).optional(),
  /** On-ingest: the note that landed. */
  noteId: z.string().min(1).optional(),
});
export type WindowJobData = z.infer<typeof windowJobSchema>;

export const refreshJobSchema = z.object({ noteId: z.string().min(1) });
export type RefreshJobData = z.infer<typeof refreshJobSchema>;

/**
 * Transient failures (rate limits, Slack or Discord down) retry with backoff for about four
 * minutes; permanent ones (channel gone, no access) end the job at once (UnrecoverableError).
 */
export const POST_RECAP_JOB_OPTIONS: JobsOptions = {
  attempts: 6,
  backoff: { type: 'exponential', delay: 4_000 },
  removeOnComplete: { count: 1_000 },
  removeOnFail: { count: 1_000 },
};

export function createPostRecapQueue(connection: ConnectionOptions, prefix: string): Queue {
  return new Queue(POST_RECAP_QUEUE, { connection, prefix, defaultJobOptions: POST_RECAP_JOB_OPTIONS });
}

const SCHEDULER_PREFIX = 'schedule-';

/** The job scheduler of a schedule (one per schedule; upserting it again changes it in place). */
export function schedulerIdOf(scheduleId: string): string {
  return `${SCHEDULER_PREFIX}${scheduleId}`;
}

/** The schedule a job scheduler runs, or null for a scheduler that is not a schedule's. */
export function scheduleIdOfScheduler(schedulerId: string): string | null {
  return schedulerId.startsWith(SCHEDULER_PREFIX) ? schedulerId.slice(SCHEDULER_PREFIX.length) : null;
}
