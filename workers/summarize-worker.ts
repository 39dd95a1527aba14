import { UnrecoverableError, Worker, type ConnectionOptions, type Job } from 'bullmq';
import { isPermanentLlmError, type LlmClient } from '../src/llm/llm-client.js';
import type { Logger } from '../src/logger.js';
import { summarizeJobSchema, SUMMARIZE_QUEUE } from '../src/queue/summarize-queue.js';
import { summarizeStoredNote, type SummarizeOutcome } from '../src/recap/summarize-stored-note.js';
import type { NoteStore } from '../src/store/note-store.js';
import type { SummaryStore } from '../src/store/summary-store.js';

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

/**
 * The summarize queue's worker: validate the payload, call the use case, done. A model that
 * refuses for good (bad key, unknown model, budget spent) ends the job at once; a busy, down or
 * garbling model throws, and BullMQ retries with backoff.
 */
export function createSummarizeWorker(options: SummarizeWorkerOptions): Worker {
  const { logger } = options;
  const deps = { notes: options.notes, summaries: options.summaries, llm: options.llm, contextTokens: options.contextTokens };
  const processJob = async (job: Job): Promise<SummarizeOutcome> => {
    const log = logger.child({ jobId: job.id, attempt: job.attemptsMade + 1 });
    const parsed = summarizeJobSchema.safeParse(job.data);
    if (!parsed.success) throw new UnrecoverableError(`Malformed job data: ${parsed.error.message}`);
    await options.yieldTo?.whenIdle();
    try {
      const outcome = await summarizeStoredNote(deps, parsed.data);
      log.info(outcome, 'recap processed');
      return outcome;
    } catch (error) {
      if (isPermanentLlmError(error)) {
        log.warn({ noteId: parsed.data.noteId, err: error }, 'recap failed for good');
        throw new UnrecoverableError((error as Error).message);
      }
      log.warn({ noteId: parsed.data.noteId, err: error }, 'recap failed; retrying with backoff');
      throw error;
    }
  };
  const worker = new Worker(SUMMARIZE_QUEUE, processJob, {
    connection: options.connection,
    prefix: options.prefix,
    concurrency: options.concurrency,
    // Counts jobs, not calls: a long note's map-reduce makes several calls in one job. Offline
    // recaps cost nothing and are not limited.
    ...(options.llm ? { limiter: { max: options.maxRequestsPerMinute, duration: 60_000 } } : {}),
  });
  worker.on('error', (error) => logger.error({ err: error }, 'summarize worker error'));
  return worker;
}
