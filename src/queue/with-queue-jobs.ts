import { RecapError } from '../errors.js';
import { QueueWatch, type QueueConnections, type WatchedQueue } from './queue-watch.js';
import { JobWaiter } from './wait-for-jobs.js';

export type QueueJobsSpec = WatchedQueue;

/**
 * Runs queue jobs to completion for a CLI command. Whenever no worker beats on the queue (at the
 * start, or after the one there stopped), this process works the queue itself (other jobs
 * waiting in it included: they are what a worker would do next anyway). When Redis loses its
 * data meanwhile, it throws a `storage_lost` RecapError instead of waiting for jobs that are gone.
 */
export async function withQueueJobs<T>(runtime: QueueConnections, spec: QueueJobsSpec, body: (waiter: JobWaiter) => Promise<T>): Promise<T> {
  const waiter = await JobWaiter.create(spec.queue.name, runtime.redisUrl, runtime.bullPrefix);
  let watch: QueueWatch | null = null;
  try {
    watch = await QueueWatch.start(runtime, spec, () => waiter.pending());
    const value = await Promise.race([body(waiter), watch.lost]);
    await watch.assertIntact();
    return value;
  } finally {
    await watch?.stop();
    await waiter.close();
  }
}

export interface QueuedJobSpec extends QueueJobsSpec {
  /** Adds the job to `queue`; resolves to its id. */
  submit: () => Promise<string>;
  /** How failures name the job: "The recap of <note> (en)". */
  what: string;
}

/**
 * Queues one job and waits for its first outcome (see withQueueJobs), resolving to its return
 * value. A failed attempt is reported at once, saying the job stays queued for a retry: a person
 * at a terminal hears about it now rather than after every backoff delay.
 */
export async function runQueuedJob(runtime: QueueConnections, spec: QueuedJobSpec): Promise<unknown> {
  return withQueueJobs(runtime, spec, async (waiter) => {
    const jobId = await spec.submit();
    const outcome = await waiter.waitForAttempt(jobId);
    if (outcome.state === 'completed') return outcome.value;
    if (outcome.state === 'failed') throw new RecapError('job_failed', `${spec.what} failed: ${outcome.reason}`);
    const job = await spec.queue.getJob(jobId);
    throw new RecapError(
      'job_failed',
      `${spec.what} failed: ${job?.failedReason ?? 'unknown reason'}\nThe job stays queued and is retried with backoff while a worker runs (see \`recap jobs\`).`,
    );
  });
}
