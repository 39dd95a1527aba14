import type { Queue } from 'bullmq';

/** One queue's jobs by state, and its latest failed jobs with the reason each failed. */
export interface QueueReport {
  queue: string;
  counts: Record<'waiting' | 'active' | 'delayed' | 'failed' | 'prioritized' | 'waiting-children', number>;
  failed: FailedJob[];
  /** The workers whose heartbeat is current on this queue; null when not looked up. */
  workers: string[] | null;
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

/** Jobs that wait for a worker to take them. */
export function pendingJobs(report: Pick<QueueReport, 'counts'>): number {
  return report.counts.waiting + report.counts.delayed + report.counts.prioritized;
}

/** Removes every failed job of `queue` (BullMQ clean, no grace, no limit); the ids removed. */
export async function clearFailedJobs(queue: Queue): Promise<string[]> {
  return queue.clean(0, 0, 'failed');
}

/** `recap jobs` and the admin page: every queue's counts and its `failedShown` latest failures. */
export async function jobsReport(queues: readonly Queue[], failedShown: number, workersOf?: (queueName: string) => Promise<string[]>): Promise<QueueReport[]> {
  return Promise.all(
    queues.map(async (queue) => {
      const [counts, failed, workers] = await Promise.all([
        queue.getJobCounts(...STATES),
        failedShown > 0 ? queue.getFailed(0, failedShown - 1) : Promise.resolve([]),
        workersOf ? workersOf(queue.name) : Promise.resolve(null),
      ]);
      return {
        workers,
        queue: queue.name,
        counts: Object.fromEntries(STATES.map((state) => [state, counts[state] ?? 0])) as QueueReport['counts'],
        failed: failed.map((job) => ({ id: job.id ?? '', name: job.name, attempts: job.attemptsMade, reason: job.failedReason, at: job.finishedOn ? new Date(job.finishedOn).toISOString() : null })),
      };
    }),
  );
}
