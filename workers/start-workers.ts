import type { Worker } from 'bullmq';
import { submitRecaps } from '../src/queue/submit-jobs.js';
import type { Runtime } from '../src/runtime.js';
import { createIngestWorker } from './ingest-worker.js';
import { createSummarizeWorker } from './summarize-worker.js';

/** Starts every queue worker of this process. Later queues (translate, ...) join here. */
export function startWorkers(runtime: Runtime): Worker[] {
  return [startIngestWorker(runtime), startSummarizeWorker(runtime)];
}

/** The ingest worker; a note stored new or changed gets a recap job per RECAP_LANGUAGES. */
export function startIngestWorker(runtime: Runtime): Worker {
  return createIngestWorker({
    connection: runtime.bullConnection,
    prefix: runtime.bullPrefix,
    store: runtime.store,
    logger: runtime.logger.child({ worker: 'ingest' }),
    maxNoteBytes: runtime.config.maxNoteBytes,
    concurrency: runtime.config.workerConcurrency,
    afterStored: (result) => submitRecaps(runtime.summarizeQueue, result, runtime.config.recapLanguages),
  });
}

export function startSummarizeWorker(runtime: Runtime): Worker {
  return createSummarizeWorker({
    connection: runtime.bullConnection,
    prefix: runtime.bullPrefix,
    notes: runtime.store,
    summaries: runtime.summaries,
    llm: runtime.llm,
    contextTokens: runtime.config.llm.contextTokens,
    maxRequestsPerMinute: runtime.config.llm.maxRequestsPerMinute,
    logger: runtime.logger.child({ worker: 'summarize' }),
    concurrency: runtime.config.workerConcurrency,
  });
}
