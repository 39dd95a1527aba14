import { setTimeout as sleep } from 'node:timers/promises';
import { QueueEvents } from 'bullmq';
import type { RedisClient } from '../store/redis-connection.js';
import { createRedisClient } from '../store/redis-connection.js';

const CLOSE_WITHIN_MS = 2_000;

export type JobOutcome = { state: 'completed'; value: unknown } | { state: 'failed'; reason: string };
/** A job whose attempt failed and that BullMQ will try again after its backoff delay. */
export type AttemptOutcome = JobOutcome | { state: 'retrying' };

/**
 * Waits for the outcome of jobs by id. Create it BEFORE adding the jobs: QueueEvents reads the
 * event stream from the moment it is ready, so an early finish cannot be missed.
 */
export class JobWaiter {
  private readonly events: QueueEvents;
  private readonly outcomes = new Map<string, JobOutcome>();
  private readonly waiting = new Map<string, (outcome: JobOutcome) => void>();
  private readonly retrying = new Set<string>();
  private readonly waitingForAttempt = new Map<string, (outcome: AttemptOutcome) => void>();

  private constructor(
    queueName: string,
    private readonly connection: RedisClient,
    prefix: string,
  ) {
    this.events = new QueueEvents(queueName, { connection, prefix });
    // Without a listener BullMQ prints each reconnect failure; the runtime's client logs them once.
    this.events.on('error', () => undefined);
    connection.on('error', () => undefined);
    this.events.on('completed', ({ jobId, returnvalue }) => this.settle(jobId, { state: 'completed', value: returnvalue }));
    this.events.on('failed', ({ jobId, failedReason }) => this.settle(jobId, { state: 'failed', reason: failedReason }));
    // A retry with backoff moves the job to "delayed"; recap never adds delayed jobs otherwise.
    this.events.on('delayed', ({ jobId }) => this.settleAttempt(jobId));
  }

  static async create(queueName: string, redisUrl: string, prefix: string): Promise<JobWaiter> {
    const waiter = new JobWaiter(queueName, createRedisClient(redisUrl, { forBullmq: true }), prefix);
    await waiter.events.waitUntilReady();
    return waiter;
  }

  wait(jobId: string): Promise<JobOutcome> {
    const known = this.outcomes.get(jobId);
    if (known) return Promise.resolve(known);
    return new Promise((resolve) => this.waiting.set(jobId, resolve));
  }

  /**
   * Like wait(), but also settles when an attempt failed and a retry is scheduled: a person at
   * a terminal hears about the failure now rather than after every backoff delay.
   */
  waitForAttempt(jobId: string): Promise<AttemptOutcome> {
    const known = this.outcomes.get(jobId);
    if (known) return Promise.resolve(known);
    if (this.retrying.has(jobId)) return Promise.resolve({ state: 'retrying' });
    return new Promise((resolve) => this.waitingForAttempt.set(jobId, resolve));
  }

  /** How many wait() and waitForAttempt() calls have no outcome yet. */
  pending(): number {
    return this.waiting.size + this.waitingForAttempt.size;
  }

  async close(): Promise<void> {
    // BullMQ's close can wait forever on a connection caught reconnecting (after Redis restarted
    // under it): the connection is ours, so after a moment it is simply cut.
    await Promise.race([this.events.close().catch(() => undefined), sleep(CLOSE_WITHIN_MS, undefined, { ref: false })]);
    this.connection.disconnect();
  }

  private settle(jobId: string, outcome: JobOutcome): void {
    // The event stream says 'failed' only once a job has no attempts left (retries show as 'waiting').
    this.outcomes.set(jobId, outcome);
    const resolve = this.waiting.get(jobId);
    if (resolve) {
      this.waiting.delete(jobId);
      resolve(outcome);
    }
    const resolveAttempt = this.waitingForAttempt.get(jobId);
    if (resolveAttempt) {
      this.waitingForAttempt.delete(jobId);
      resolveAttempt(outcome);
    }
  }

  private settleAttempt(jobId: string): void {
    this.retrying.add(jobId);
    const resolve = this.waitingForAttempt.get(jobId);
    if (resolve) {
      this.waitingForAttempt.delete(jobId);
      resolve({ state: 'retrying' });
    }
  }
}
