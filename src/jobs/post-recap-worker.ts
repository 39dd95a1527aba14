import { UnrecoverableError, Worker, type Job } from 'bullmq';
import type { Logger } from '../logger.js';
import { POST_RECAP_QUEUE, refreshJobSchema, windowJobSchema } from '../queue/post-recap-queue.js';
import type { Runtime } from '../runtime.js';
import type { Posters } from '../domain/channel-poster.js';
import { asPostFailure, postWindow, type WindowOutcome } from '../schedule/post-window.js';
import { refreshPostsShowing, type RefreshOutcome } from '../schedule/refresh-posts.js';
import { syncJobSchedulers } from '../schedule/schedule-service.js';
import { parseJobData } from './parse-job-data.js';

export interface PostRecapWorkerOptions {
  runtime: Runtime;
  logger: Logger;
  /** Default: one per configured platform (SLACK_BOT_TOKEN, DISCORD_TOKEN). */
  posters?: Posters;
  /** BullMQ's job lock and stalled-job check (defaults 30 s); tests shorten them. */
  lockDurationMs?: number;
  stalledIntervalMs?: number;
  /** How long a window's lease lasts (default 60 s): after a crash, its retry waits this long at most. */
  leaseMs?: number;
}

// Posting waits on Slack or Discord, not on the CPU; a few at once is plenty for chat rate limits.
const CONCURRENCY = 4;
const DEFAULT_LEASE_MS = 60_000;

/**
 * The post-recap queue's worker: `window` jobs post a schedule's window exactly once, `refresh`
 * jobs edit the posts of a changed note. A permanent refusal (channel gone, no access) ends the
 * job at once and marks the schedule failing; anything else retries with backoff.
 */
export function createPostRecapWorker(options: PostRecapWorkerOptions): Worker {
  const { runtime, logger } = options;
  let posters: Promise<Posters> | null = options.posters ? Promise.resolve(options.posters) : null;
  const processJob = async (job: Job): Promise<WindowOutcome | RefreshOutcome> => {
    // Made at the first job: a worker that never posts never loads a chat SDK.
    posters ??= runtime.posters();
    const deps = { runtime, posters: await posters, leaseMs: options.leaseMs ?? DEFAULT_LEASE_MS, logger };
    const log = logger.child({ jobId: job.id, job: job.name, attempt: job.attemptsMade + 1 });
    try {
      if (job.name === 'refresh') {
        const { noteId } = parseJobData(refreshJobSchema, job.data);
        const outcome = await refreshPostsShowing(deps, noteId);
        log.info({ noteId, ...outcome }, 'posted recaps refreshed');
        return outcome;
      }
      const data = parseJobData(windowJobSchema, job.data);
      // A scheduler's job fires at prevMillis; run-now and on-ingest jobs name their window.
      const windowAtMs = job.opts.prevMillis ?? job.timestamp;
      const window = data.window ?? `t${windowAtMs}`;
      const finalAttempt = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
      const outcome = await postWindow(deps, { scheduleId: data.scheduleId, window, windowAtMs, ...(data.noteId ? { landedNoteId: data.noteId } : {}), finalAttempt });
      log.info({ scheduleId: data.scheduleId, window, ...outcome }, 'schedule window done');
      return outcome;
    } catch (error) {
      if (error instanceof UnrecoverableError) throw error;
      const failure = asPostFailure(error);
      log.warn({ reason: failure.message, permanent: failure.permanent }, failure.permanent ? 'post failed for good' : 'post failed; retrying with backoff');
      throw failure.permanent ? new UnrecoverableError(failure.message) : error;
    }
  };
  const worker = new Worker(POST_RECAP_QUEUE, processJob, {
    connection: runtime.bullConnection,
    prefix: runtime.bullPrefix,
    concurrency: CONCURRENCY,
    lockDuration: options.lockDurationMs ?? 30_000,
    stalledInterval: options.stalledIntervalMs ?? 30_000,
  });
  worker.on('error', (error) => logger.error({ err: error }, 'post-recap worker error'));
  syncJobSchedulers(runtime).catch((error: unknown) => logger.warn({ err: error }, 'could not sync the job schedulers with the stored schedules'));
  return worker;
}
