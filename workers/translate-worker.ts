import { UnrecoverableError, Worker, type ConnectionOptions, type Job } from 'bullmq';
import { isPermanentLlmError, type LlmClient } from '../src/llm/llm-client.js';
import type { Logger } from '../src/logger.js';
import { translateJobSchema, TRANSLATE_QUEUE } from '../src/queue/translate-queue.js';
import { translateStoredNote, type TranslateOutcome } from '../src/recap/translate-stored-note.js';
import type { NoteStore } from '../src/store/note-store.js';
import type { TranslationStore } from '../src/store/translation-store.js';

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
 * The translate queue's worker: validate the payload, call the use case, done. As for recaps, a
 * model that refuses for good ends the job at once; a busy, down or garbling one throws, and
 * BullMQ retries with backoff. Offline, a job completes as skipped rather than failing: nothing
 * is broken, there is just no model to translate with.
 */
export function createTranslateWorker(options: TranslateWorkerOptions): Worker {
  const { logger } = options;
  const deps = { notes: options.notes, translations: options.translations, llm: options.llm, contextTokens: options.contextTokens };
  const processJob = async (job: Job): Promise<TranslateOutcome> => {
    const log = logger.child({ jobId: job.id, attempt: job.attemptsMade + 1 });
    const parsed = translateJobSchema.safeParse(job.data);
    if (!parsed.success) throw new UnrecoverableError(`Malformed job data: ${parsed.error.message}`);
    try {
      const outcome = await translateStoredNote(deps, parsed.data);
      log.info(outcome, 'translation processed');
      return outcome;
    } catch (error) {
      if (isPermanentLlmError(error)) {
        log.warn({ noteId: parsed.data.noteId, err: error }, 'translation failed for good');
        throw new UnrecoverableError((error as Error).message);
      }
      log.warn({ noteId: parsed.data.noteId, err: error }, 'translation failed; retrying with backoff');
      throw error;
    }
  };
  const worker = new Worker(TRANSLATE_QUEUE, processJob, {
    connection: options.connection,
    prefix: options.prefix,
    concurrency: options.concurrency,
    // Counts jobs, not calls (a translation makes a call per section). Skipped jobs are free.
    ...(options.llm ? { limiter: { max: options.maxRequestsPerMinute, duration: 60_000 } } : {}),
  });
  worker.on('error', (error) => logger.error({ err: error }, 'translate worker error'));
  return worker;
}
