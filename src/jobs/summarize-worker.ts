import type { ConnectionOptions, Worker } from 'bullmq';
import type { LlmClient } from '../llm/llm-client.js';
import type { Logger } from '../logger.js';
import { summarizeJobSchema, SUMMARIZE_QUEUE } from '../queue/summarize-queue.js';
import { summarizeStoredNote } from '../recap/summarize-stored-note.js';
import type { NoteStore } from '../store/note-store.js';
import type { SummaryStore } from '../store/summary-store.js';
import { createModelJobWorker } from './model-job-worker.js';

export interface SummarizeWorkerOptions {
  connection: ConnectionOptions;
  prefix: string;
  notes: NoteStore;
  summaries: SummaryStore;
  /** null = offline: extractive recaps. */
  llm: LlmClient | null;
  /** LLM_CONTEXT_TOKENS: longer notes are summarized in parts. */
  contextTokens: number;
  /** LLM_MAX_RPM. */
  maxRequestsPerMinute: number;
  logger: Logger;
  concurrency: number;
  /** Waited for before each recap (the process's ingest: notes become searchable first). */
  yieldTo?: { whenIdle(): Promise<void> };
}

/** The summarize queue's worker (see createModelJobWorker). */
export function createSummarizeWorker(options: SummarizeWorkerOptions): Worker {
  const deps = { notes: options.notes, summaries: options.summaries, llm: options.llm, contextTokens: options.contextTokens };
  return createModelJobWorker({
    queue: SUMMARIZE_QUEUE,
    what: 'recap',
    schema: summarizeJobSchema,
    run: (data) => summarizeStoredNote(deps, data),
    before: options.yieldTo ? () => options.yieldTo?.whenIdle() ?? Promise.resolve() : undefined,
    connection: options.connection,
    prefix: options.prefix,
    concurrency: options.concurrency,
    // A long note's map-reduce makes several calls in one job. Offline recaps cost nothing.
    maxJobsPerMinute: options.llm ? options.maxRequestsPerMinute : null,
    logger: options.logger,
  });
}
