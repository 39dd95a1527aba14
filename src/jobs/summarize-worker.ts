import type { Worker } from 'bullmq';
import { summarizeJobSchema, SUMMARIZE_QUEUE } from '../queue/summarize-queue.js';
import { summarizeStoredNote } from '../recap/summarize-stored-note.js';
import type { SummaryStore } from '../store/summary-store.js';
import { createModelJobWorker, queueSettings, type ModelWorkerSettings } from './model-job-worker.js';

export interface SummarizeWorkerOptions extends ModelWorkerSettings {
  summaries: SummaryStore;
  /** Waited for before each recap (the process's ingest: notes become searchable first). */
  yieldTo?: { whenIdle(): Promise<void> };
}

/** The summarize queue's worker (see createModelJobWorker); offline it writes extractive recaps. */
export function createSummarizeWorker(options: SummarizeWorkerOptions): Worker {
  const deps = { notes: options.notes, summaries: options.summaries, llm: options.llm, contextTokens: options.contextTokens };
  const { yieldTo } = options;
  return createModelJobWorker({
    queue: SUMMARIZE_QUEUE,
    what: 'recap',
    schema: summarizeJobSchema,
    run: (data) => summarizeStoredNote(deps, data),
    before: yieldTo ? () => yieldTo.whenIdle() : undefined,
    // A long note's map-reduce makes several calls in one job: the limit counts jobs.
    ...queueSettings(options),
  });
}
