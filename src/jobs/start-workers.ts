import type { Worker } from 'bullmq';
import type { IngestResult } from '../domain/ingest-result.js';
import { submitRecaps, submitTranslations } from '../queue/submit-jobs.js';
import { submitPostsAfterIngest, submitRefresh } from '../queue/submit-posts.js';
import { keepHeartbeat } from '../queue/worker-heartbeat.js';
import type { LocalQueue, LocalWorkerOptions, Runtime } from '../runtime.js';
import { createIngestWorker, processIngestActivity } from './ingest-worker.js';
import { createPostRecapWorker } from './post-recap-worker.js';
import { startSourceRefreshWorker } from './source-refresh-worker.js';
import type { ModelWorkerSettings } from './model-job-worker.js';
import { createSummarizeWorker } from './summarize-worker.js';
import { createTranslateWorker } from './translate-worker.js';

/** One queue's worker, for a command that works its own jobs when no worker process runs. */
export function startLocalWorker(runtime: Runtime, queue: LocalQueue, options: LocalWorkerOptions = {}): Worker {
  switch (queue) {
    case 'ingest':
      return startIngestWorker(runtime, options);
    case 'summarize':
      return startSummarizeWorker(runtime);
    case 'translate':
      return startTranslateWorker(runtime);
    case 'post-recap':
      return startPostRecapWorker(runtime, options);
  }
}

/** Starts every queue worker of this process. Later queues join here. */
export function startWorkers(runtime: Runtime, options: { servesChat?: boolean } = {}): Worker[] {
  return [startIngestWorker(runtime, options), startSummarizeWorker(runtime), startTranslateWorker(runtime), startPostRecapWorker(runtime), startSourceRefreshWorker(runtime)];
}

/**
 * The ingest worker; a note stored new or changed gets a recap job per RECAP_LANGUAGES and, when
 * a model is configured, a translate job per other language of RECAP_LANGUAGES.
 */
export function startIngestWorker(runtime: Runtime, options: { servesChat?: boolean; stalledIntervalMs?: number } = {}): Worker {
  return beating(runtime, createIngestWorker({
    servesChat: options.servesChat,
    stalledIntervalMs: options.stalledIntervalMs,
    connection: runtime.bullConnection,
    prefix: runtime.bullPrefix,
    store: runtime.store,
    logger: runtime.logger.child({ worker: 'ingest' }),
    maxNoteBytes: runtime.config.maxNoteBytes,
    concurrency: runtime.config.workerConcurrency,
    afterStored: (result) => queueFollowUps(runtime, result),
    afterDeleted: (noteId) => submitRefresh(runtime.postRecapQueue, noteId),
  }));
}

async function queueFollowUps(runtime: Runtime, result: IngestResult): Promise<void> {
  await submitRecaps(runtime.summarizeQueue, result, runtime.config.recapLanguages);
  // Offline a translate job could only be skipped: none are queued.
  if (runtime.llm) await submitTranslations(runtime.translateQueue, result, runtime.config.recapLanguages);
  await submitPostsAfterIngest(runtime.postRecapQueue, runtime.schedules, result);
}

/** Scheduled recap posts; it also makes BullMQ's job schedulers match the stored schedules. */
export function startPostRecapWorker(runtime: Runtime, options: { lockDurationMs?: number; stalledIntervalMs?: number; leaseMs?: number } = {}): Worker {
  return beating(runtime, createPostRecapWorker({ runtime, logger: runtime.logger.child({ worker: 'post-recap' }), ...options }));
}

export function startSummarizeWorker(runtime: Runtime): Worker {
  return beating(runtime, createSummarizeWorker({
    ...modelWorkerSettings(runtime, 'summarize'),
    summaries: runtime.summaries,
    // Offline recaps are CPU work: they wait while this process ingests, so notes become
    // searchable first (a model call mostly waits on the network and need not).
    yieldTo: runtime.llm ? undefined : processIngestActivity,
  }));
}

export function startTranslateWorker(runtime: Runtime): Worker {
  return beating(runtime, createTranslateWorker({ ...modelWorkerSettings(runtime, 'translate'), translations: runtime.translations }));
}

function modelWorkerSettings(runtime: Runtime, worker: 'summarize' | 'translate'): ModelWorkerSettings {
  return {
    connection: runtime.bullConnection,
    prefix: runtime.bullPrefix,
    notes: runtime.store,
    llm: runtime.llm,
    contextTokens: runtime.config.llm.contextTokens,
    maxRequestsPerMinute: runtime.config.llm.maxRequestsPerMinute,
    logger: runtime.logger.child({ worker }),
    concurrency: runtime.config.workerConcurrency,
  };
}

/** A worker that tells commands waiting on its queue that it is there (see worker-heartbeat). */
function beating(runtime: Runtime, worker: Worker): Worker {
  keepHeartbeat(worker, runtime.redis, runtime.bullPrefix);
  return worker;
}
