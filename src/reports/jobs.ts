import type { Queue } from 'bullmq';

/** One queue's jobs by state, and its latest failed jobs with the reason each failed. */
export interface QueueReport {
  queue: string;
  counts: Record<'waiting' | 'active' | 'delayed' | 'failed' | 'prioritized' | 'waiting-children', number>;
  failed: FailedJob[];
}

export interface FailedJob {
  id: string;
  name: string;
  attempts: number;
  /** BullMQ's failedReason: the error's message. */
  reason: string;
  /** ISO time it last failed, or null when BullMQ did not record one. */
  at: string | null;
}

const STATES = ['waiting', 'active', 'delayed', 'failed', 'prioritized', 'waiting-children'] as const;

/** `recap jobs` and the admin page: every queue's counts and its `failedShown` latest failures. */
export async function jobsReport(queues: readonly Queue[], failedShown: number): Promise<QueueReport[]> {
  return Promise.all(
    queues.map(async (queue) => {
      const [counts, failed] = await Promise.all([queue.getJobCounts(...STATES), failedShown > 0 ? queue.getFailed(0, failedShown - 1) : Promise.resolve([])]);
      return {
        queue: queue.name,
        counts: Object.fromEntries(STATES.map((state) => [state, counts[state] ?? 0])) as QueueReport['counts'],
        failed: failed.map((job) => ({ id: job.id ?? '', name: job.name, attempts: job.attemptsMade, reason: job.failedReason, at: job.finishedOn ? new Date(job.finishedOn).toISOString() : null })),
      };
    }),
  );
}
