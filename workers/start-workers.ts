import type { Worker } from 'bullmq';
import type { Runtime } from '../src/runtime.js';
import { createIngestWorker } from './ingest-worker.js';

/** Starts every queue worker of this process. Later queues (summarize, translate, ...) join here. */
export function startWorkers(runtime: Runtime): Worker[] {
  return [
    createIngestWorker({
      connection: runtime.bullConnection,
      prefix: runtime.bullPrefix,
      store: runtime.store,
      logger: runtime.logger.child({ worker: 'ingest' }),
      maxNoteBytes: runtime.config.maxNoteBytes,
      concurrency: runtime.config.workerConcurrency,
    }),
  ];
}
