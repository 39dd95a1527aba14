import { Queue, type ConnectionOptions, type JobsOptions } from 'bullmq';

/** Re-fetches of the notes ingested from URLs (RECAP_SOURCE_REFRESH). */
export const SOURCE_REFRESH_QUEUE = 'source-refresh';
/** The one job scheduler that fires the re-fetches. */
export const SOURCE_REFRESH_SCHEDULER = 'source-refresh';

export const SOURCE_REFRESH_JOB_OPTIONS: JobsOptions = {
  // A missed run is made good by the next one: no retries.
  attempts: 1,
  removeOnComplete: { count: 20 },
  removeOnFail: { count: 50 },
};

export function createSourceRefreshQueue(connection: ConnectionOptions, prefix: string): Queue {
  return new Queue(SOURCE_REFRESH_QUEUE, { connection, prefix, defaultJobOptions: SOURCE_REFRESH_JOB_OPTIONS });
}
