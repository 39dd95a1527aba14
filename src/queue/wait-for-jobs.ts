import { QueueEvents, type ConnectionOptions } from 'bullmq';

export type JobOutcome = { state: 'completed'; value: unknown } | { state: 'failed'; reason: string };

/**
 * Waits for the outcome of jobs by id. Create it BEFORE adding the jobs: QueueEvents reads the
 * event stream from the moment it is ready, so an early finish cannot be missed.
 */
export class JobWaiter {
  private readonly events: QueueEvents;
  private readonly outcomes = new Map<string, JobOutcome>();
  private readonly waiting = new Map<string, (outcome: JobOutcome) => void>();

  private constructor(queueName: string, connection: ConnectionOptions, prefix: string) {
    this.events = new QueueEvents(queueName, { connection, prefix });
    this.events.on('completed', ({ jobId, returnvalue }) => this.settle(jobId, { state: 'completed', value: returnvalue }));
    this.events.on('failed', ({ jobId, failedReason }) => this.settle(jobId, { state: 'failed', reason: failedReason }));
  }

  static async create(queueName: string, connection: ConnectionOptions, prefix: string): Promise<JobWaiter> {
    const waiter = new JobWaiter(queueName, connection, prefix);
    await waiter.events.waitUntilReady();
    return waiter;
  }

  wait(jobId: string): Promise<JobOutcome> {
    const known = this.outcomes.get(jobId);
    if (known) return Promise.resolve(known);
    return new Promise((resolve) => this.waiting.set(jobId, resolve));
  }

  async close(): Promise<void> {
    await this.events.close();
  }

  private settle(jobId: string, outcome: JobOutcome): void {
    // The event stream says 'failed' only once a job has no attempts left (retries show as 'waiting').
    this.outcomes.set(jobId, outcome);
    const resolve = this.waiting.get(jobId);
    if (resolve) {
      this.waiting.delete(jobId);
      resolve(outcome);
    }
  }
}
