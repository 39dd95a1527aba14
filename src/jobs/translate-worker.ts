import type { Worker } from 'bullmq';
import { translateJobSchema, TRANSLATE_QUEUE } from '../queue/translate-queue.js';
import { translateStoredNote } from '../recap/translate-stored-note.js';
import type { TranslationStore } from '../store/translation-store.js';
import { createModelJobWorker, queueSettings, type ModelWorkerSettings } from './model-job-worker.js';

export interface TranslateWorkerOptions extends ModelWorkerSettings {
  translations: TranslationStore;
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
    // A translation makes a call per section: the limit counts jobs.
    ...queueSettings(options),
  });
}
