import type { ConnectionOptions, Worker } from 'bullmq';
import type { LlmClient } from '../llm/llm-client.js';
import type { Logger } from '../logger.js';
import { translateJobSchema, TRANSLATE_QUEUE } from '../queue/translate-queue.js';
import { translateStoredNote } from '../recap/translate-stored-note.js';
import type { NoteStore } from '../store/note-store.js';
import type { TranslationStore } from '../store/translation-store.js';
import { createModelJobWorker } from './model-job-worker.js';

export interface TranslateWorkerOptions {
  connection: ConnectionOptions;
  prefix: string;
  notes: NoteStore;
  translations: TranslationStore;
  /** null = offline: jobs end as skipped, with the reason. */
  llm: LlmClient | null;
  /** LLM_CONTEXT_TOKENS: big sections are translated in pieces. */
  contextTokens: number;
  /** LLM_MAX_RPM. */
  maxRequestsPerMinute: number;
  logger: Logger;
  concurrency: number;
}

/**
 * The translate queue's worker (see createModelJobWorker). Offline, a job completes as skipped
 * rather than failing: nothing is broken, there is just no model to translate with.
 */
export function createTranslateWorker(options: TranslateWorkerOptions): Worker {
  const deps = { notes: options.notes, translations: options.translations, llm: options.llm, contextTokens: options.contextTokens };
  return createModelJobWorker({
    queue: TRANSLATE_QUEUE,
    what: 'translation',
    schema: translateJobSchema,
    run: (data) => translateStoredNote(deps, data),
    connection: options.connection,
    prefix: options.prefix,
    concurrency: options.concurrency,
    // A translation makes a call per section; skipped (offline) jobs are free.
    maxJobsPerMinute: options.llm ? options.maxRequestsPerMinute : null,
    logger: options.logger,
  });
}
