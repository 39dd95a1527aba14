import { randomBytes } from 'node:crypto';
import type { Queue, Worker } from 'bullmq';
import { RecapError } from '../errors.js';
import type { RedisClient } from '../store/redis-connection.js';
import type { Logger } from '../logger.js';
import { isRedisUnavailable } from '../store/redis-connection.js';
import { liveWorkers } from './worker-heartbeat.js';

const CHECK_EVERY_MS = 1_000;
/** A wait longer than this says what it waits for, and says it again as often. */
const PROGRESS_EVERY_MS = 15_000;
/** A check that takes longer than this means Redis is not answering. */
const REDIS_SLOW_MS = 5_000;
/** The marker outlives a command's pauses; it is refreshed every check and removed at the end. */
const MARKER_TTL_MS = 60 * 60 * 1000;

export interface WatchedQueue {
  queue: Queue;
  /** Starts this queue's worker in this process. */
  startLocalWorker: () => Worker;
}

/** What watching a queue needs of the process's connections (a Runtime has them). */
export interface QueueConnections {
  redis: RedisClient;
  redisUrl: string;
  bullPrefix: string;
  logger: Logger;
}

/**
 * Watches over a command that waits for jobs on a queue:
 * - whenever no worker beats on the queue (none at the start, or the one there died), this
 *   process works the jobs itself, so the wait always has someone to end it;
 * - a wait that takes a while says what it waits for;
 * - when Redis loses its data under the command (restarted empty, flushed), the jobs and their
 *   events are gone: `lost` rejects instead of the command waiting forever. A marker key written
 *   at the start tells: it vanishes with the data.
 */
export class QueueWatch {
  /** Rejects with a `storage_lost` RecapError when Redis lost its data; never resolves. */
  readonly lost: Promise<never>;
  private rejectLost: (error: RecapError) => void = () => undefined;
  private localWorker: Worker | null = null;
  private lastWorkers: string[] = [];
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> = Promise.resolve();
  private stopped = false;
  private waitingSince = Date.now();
  private lastProgressAt = Date.now();
  private redisSlowSaid = false;
  private wasLost = false;

  private constructor(
    private readonly runtime: QueueConnections,
    private readonly watched: WatchedQueue,
    private readonly pending: () => number,
    private readonly marker: string | null,
  ) {
    this.lost = new Promise<never>((_resolve, reject) => (this.rejectLost = reject));
    // Observed by a race in the caller, or by nobody when nothing was lost.
    this.lost.catch(() => undefined);
  }

  /** Starts watching; a local worker is already running when it resolves if no worker beats. */
  static async start(runtime: QueueConnections, watched: WatchedQueue, pending: () => number): Promise<QueueWatch> {
    const marker = `${runtime.bullPrefix}:recap-command:${randomBytes(8).toString('hex')}`;
    // A Redis refusing writes (maxmemory) still gets the jobs' own errors; it only loses the check.
    const written = await runtime.redis.set(marker, String(process.pid), 'PX', MARKER_TTL_MS).then(
      () => true,
      () => false,
    );
    const watch = new QueueWatch(runtime, watched, pending, written ? marker : null);
    await watch.check();
    watch.schedule();
    return watch;
  }

  /** Throws the `storage_lost` error when the marker is gone (the last look before a command reports success). */
  async assertIntact(): Promise<void> {
    await this.running;
    if (this.marker !== null && (await this.runtime.redis.exists(this.marker)) === 0) {
      this.wasLost = true;
      throw this.lostError();
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
    // After a loss the jobs in hand have nothing left to work on and may wait on Redis for long.
    await this.localWorker?.close(this.wasLost);
    if (this.marker !== null) await this.runtime.redis.del(this.marker).catch(() => undefined);
  }

  private schedule(): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.running = this.check().finally(() => this.schedule());
    }, CHECK_EVERY_MS);
  }

  private async check(): Promise<void> {
    const { redis, bullPrefix, logger } = this.runtime;
    const queueName = this.watched.queue.name;
    const slow = setTimeout(() => {
      if (this.redisSlowSaid) return;
      this.redisSlowSaid = true;
      logger.warn({ queue: queueName }, 'Redis is not answering; waiting for it to come back (the queued jobs wait too)');
    }, REDIS_SLOW_MS);
    try {
      if (this.marker !== null && (await redis.pexpire(this.marker, MARKER_TTL_MS)) === 0) {
        this.wasLost = true;
        this.rejectLost(this.lostError());
        return;
      }
      if (this.redisSlowSaid) logger.warn({ queue: queueName }, 'Redis answers again');
      this.redisSlowSaid = false;
      const workers = await liveWorkers(redis, bullPrefix, queueName);
      if (workers.length === 0 && this.localWorker === null && !this.stopped) {
        if (this.lastWorkers.length > 0) {
          logger.warn({ queue: queueName }, `the worker serving the ${queueName} queue (${this.lastWorkers.join(', ')}) stopped; working its jobs in this process`);
        }
        this.localWorker = this.watched.startLocalWorker();
      }
      this.lastWorkers = workers;
      this.sayProgress(workers);
    } catch (error) {
      // Redis away: the next check tries again (the slow warning has said so).
      if (!isRedisUnavailable(error)) logger.debug({ err: error, queue: queueName }, 'queue watch check failed');
    } finally {
      clearTimeout(slow);
    }
  }

  private sayProgress(workers: string[]): void {
    const now = Date.now();
    const pending = this.pending();
    if (pending === 0) {
      this.waitingSince = now;
      return;
    }
    if (now - this.waitingSince < PROGRESS_EVERY_MS || now - this.lastProgressAt < PROGRESS_EVERY_MS) return;
    this.lastProgressAt = now;
    const by = this.localWorker !== null ? 'this process' : workers.join(', ');
    this.runtime.logger.info({ queue: this.watched.queue.name, pending }, `waiting for ${pending} job(s) on the ${this.watched.queue.name} queue, worked by ${by}`);
  }

  private lostError(): RecapError {
    return new RecapError(
      'storage_lost',
      `Redis lost its data while this command waited (it restarted without persistence, or was flushed): the ${this.watched.queue.name} jobs it queued are gone.`,
    );
  }
}
