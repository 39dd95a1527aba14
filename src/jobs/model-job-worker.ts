import { UnrecoverableError, Worker, type ConnectionOptions, type Job } from 'bullmq';
import { isPermanentLlmError } from '../llm/llm-client.js';
import type { LlmClient } from '../llm/llm-client.js';
import type { Logger } from '../logger.js';
import type { NoteStore } from '../store/note-store.js';
import { parseJobData, type JobDataSchema } from './parse-job-data.js';

/** A queue whose jobs ask the model something about one note (a recap, a translation). */
export interface ModelJobWorkerOptions<Data extends { noteId: string }, Outcome extends object> {
  queue: string;
  /** What a job makes, for log lines: "recap", "translation". */
  what: string;
  schema: JobDataSchema<Data>;
  run(data: Data): Promise<Outcome>;
  /** Waited for before each job (see the summarize worker). */
  before?: () => Promise<void>;
  connection: ConnectionOptions;
  prefix: string;
  concurrency: number;
  /** LLM_MAX_RPM, or null for no limit (offline jobs cost nothing). Counts jobs, not calls. */
  maxJobsPerMinute: number | null;
  logger: Logger;
}

/** What the summarize and translate workers are both given. */
export interface ModelWorkerSettings {
  connection: ConnectionOptions;
  prefix: string;
  notes: NoteStore;
  /** null = offline (extractive recaps; translations skipped). */
  llm: LlmClient | null;
  /** LLM_CONTEXT_TOKENS: longer notes and sections are worked in parts. */
  contextTokens: number;
  /** LLM_MAX_RPM. */
  maxRequestsPerMinute: number;
  logger: Logger;
  concurrency: number;
}

/** The queue-facing part of ModelWorkerSettings; offline jobs cost nothing and are not rate-limited. */
export function queueSettings(settings: ModelWorkerSettings): Pick<ModelJobWorkerOptions<{ noteId: string }, object>, 'connection' | 'prefix' | 'concurrency' | 'maxJobsPerMinute' | 'logger'> {
  return { connection: settings.connection, prefix: settings.prefix, concurrency: settings.concurrency, maxJobsPerMinute: settings.llm ? settings.maxRequestsPerMinute : null, logger: settings.logger };
}

/**
 * Validate the payload, call the use case, done. A model that refuses for good (bad key,
 * unknown model, budget spent) ends the job at once; a busy, down or garbling one throws, and
 * BullMQ retries with backoff.
 */
export function createModelJobWorker<Data extends { noteId: string }, Outcome extends object>(options: ModelJobWorkerOptions<Data, Outcome>): Worker {
  const { logger, what } = options;
  const processJob = async (job: Job): Promise<Outcome> => {
    const log = logger.child({ jobId: job.id, attempt: job.attemptsMade + 1 });
    const data = parseJobData(options.schema, job.data);
    await options.before?.();
    try {
      const outcome = await options.run(data);
      log.info(outcome as Record<string, unknown>, `${what} processed`);
      return outcome;
    } catch (error) {
      if (isPermanentLlmError(error)) {
        log.warn({ noteId: data.noteId, err: error }, `${what} failed for good`);
        throw new UnrecoverableError((error as Error).message);
      }
      log.warn({ noteId: data.noteId, err: error }, `${what} failed; retrying with backoff`);
      throw error;
    }
  };
  const worker = new Worker(options.queue, processJob, {
    connection: options.connection,
    prefix: options.prefix,
    concurrency: options.concurrency,
    ...(options.maxJobsPerMinute === null ? {} : { limiter: { max: options.maxJobsPerMinute, duration: 60_000 } }),
  });
  worker.on('error', (error) => logger.error({ err: error }, `${options.queue} worker error`));
  return worker;
}
