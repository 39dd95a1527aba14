import { setTimeout as sleep } from 'node:timers/promises';
import { UnrecoverableError, Worker, type ConnectionOptions, type Job } from 'bullmq';
import { isRecapError } from '../errors.js';
import { type IngestResult } from '../domain/ingest-result.js';
import { ingestNote, ingestPreparedNote, storedIngestResult, type IngestInput } from '../ingest/ingest-note.js';
import type { Logger } from '../logger.js';
import { deleteJobSchema, ingestJobSchema, INGEST_QUEUE } from '../queue/ingest-queue.js';
import type { NoteStore } from '../store/note-store.js';
import { parseJobData } from './parse-job-data.js';
import { defaultPrepareThreads, PrepareThreads } from './prepare-threads.js';

export interface IngestWorkerOptions {
  connection: ConnectionOptions;
  prefix: string;
  store: NoteStore;
  logger: Logger;
  maxNoteBytes: number;
  concurrency: number;
  /** How often stalled jobs (their worker died) are looked for; BullMQ's default is 30 s. */
  stalledIntervalMs?: number;
  /** How long a job's lock lives without renewal; a killed worker's job is free again after it. */
  lockDurationMs?: number;
  /** Called after a note was stored new or changed (queues its recaps); a failure is logged, the ingest stands. */
  afterStored?: (result: IngestResult) => Promise<unknown>;
  /** Called after a note was deleted (posted recaps of it are edited); a failure is logged. */
  afterDeleted?: (noteId: string) => Promise<unknown>;
  /** Where this worker's jobs are counted (default: the process's), so other work can wait its turn. */
  activity?: IngestActivity;
  /** Worker threads that prepare notes while several are in progress (default: one per further core). */
  prepareThreads?: number;
  /**
   * This process's event loop also answers chat: a large note is always prepared on a worker
   * thread (one is started even on one core), so a chat reply never waits behind it.
   */
  servesChat?: boolean;
}

// A note from this size up takes tens of milliseconds or more to prepare (1 MiB: about a second).
const LARGE_NOTE_BYTES = 64 * 1024;

// Notes in progress at once from which worker threads help (and are started).
const MIN_BATCH_FOR_THREADS = 3;
// Ingest counts as busy until it has been idle this long (jobs come one after another).
const QUIET_MS = 250;
const POLL_MS = 50;

/**
 * Ingest jobs running in this process. Ingest is what makes notes searchable; other CPU work of
 * the same process (extractive recaps) waits until ingest has been quiet for a moment, so a batch
 * of notes becomes searchable first and is recapped right after.
 */
export class IngestActivity {
  private active = 0;
  private lastEnd = 0;

  begin(): void {
    this.active++;
  }

  end(): void {
    this.active--;
    this.lastEnd = Date.now();
  }

  get busy(): boolean {
    return this.active > 0 || Date.now() - this.lastEnd < QUIET_MS;
  }

  /** Resolves once no ingest job has run for a moment, or after `maxWaitMs` at the latest. */
  async whenIdle(maxWaitMs = 30_000): Promise<void> {
    const deadline = Date.now() + maxWaitMs;
    while (this.busy && Date.now() < deadline) await sleep(POLL_MS);
  }
}

/** The ingest activity of this process (all its ingest workers). */
export const processIngestActivity = new IngestActivity();

export type DeleteResult = { status: 'deleted' | 'not-found'; noteId: string };

/**
 * The ingest queue's worker: validate the payload, call the use case, done. Bad input (binary,
 * wrong encoding, too large, ...) is permanent: UnrecoverableError, no retries.
 */
export function createIngestWorker(options: IngestWorkerOptions): Worker {
  const { store, logger } = options;
  const activity = options.activity ?? processIngestActivity;
  const threadCount = options.prepareThreads ?? defaultPrepareThreads(options.concurrency);
  const threads = new PrepareThreads(options.servesChat === true ? Math.max(1, threadCount) : threadCount, logger);
  if (options.servesChat === true) threads.warm();
  // Jobs of this worker in progress.
  let running = 0;
  const processJob = async (job: Job): Promise<IngestResult | DeleteResult> => {
    activity.begin();
    running++;
    try {
      return await processIngestJob(job);
    } finally {
      running--;
      activity.end();
    }
  };
  /**
   * Ingests a note; in a batch (several notes in progress at once), a worker thread parses and
   * analyzes it when one is free, so the batch uses more than one core. A note or two alone stay
   * on this thread (no thread is started for them), unless they are large and chat waits on it.
   */
  const ingest = async (input: IngestInput): Promise<IngestResult> => {
    const offMainThread = options.servesChat === true && input.bytes.length >= LARGE_NOTE_BYTES;
    const prepared = offMainThread ? threads.prepareOffThread(input) : running >= MIN_BATCH_FOR_THREADS ? threads.tryPrepare(input) : null;
    return prepared ? ingestPreparedNote(store, await prepared, input) : ingestNote(store, input);
  };
  const processIngestJob = async (job: Job): Promise<IngestResult | DeleteResult> => {
    const log = logger.child({ jobId: job.id, job: job.name });
    if (job.name === 'delete') {
      const { noteId } = parseJobData(deleteJobSchema, job.data);
      const existed = await store.deleteNote(noteId);
      log.info({ noteId, existed }, 'note deleted');
      if (existed && options.afterDeleted) await options.afterDeleted(noteId).catch((error: unknown) => log.warn({ err: error, noteId }, 'follow-up jobs not queued'));
      return { status: existed ? 'deleted' : 'not-found', noteId };
    }
    const data = parseJobData(ingestJobSchema, job.data);
    const bytes = await store.getBlob(data.blobId);
    if (bytes === null) {
      // A worker that died after storing the note and freeing its bytes left this job to be redone.
      const stored = (await store.ingestedBlobOf(data.sourceKey)) === data.blobId ? await storedIngestResult(store, data) : null;
      if (stored === null) throw new UnrecoverableError(`The uploaded content of ${data.source} expired before it was processed; submit it again.`);
      log.info({ noteId: stored.noteId }, 'note already stored by an earlier attempt of this job');
      return stored;
    }
    try {
      const result = await ingest({ ...data, bytes, maxBytes: options.maxNoteBytes });
      await store.consumeIngestedBlob(data.sourceKey, data.blobId);
      // Debug: the command or the watcher that queued the note reports it.
      log.debug({ noteId: result.noteId, status: result.status, chunks: result.chunks }, 'note processed');
      if (result.status !== 'unchanged' && options.afterStored) {
        await options.afterStored(result).catch((error: unknown) => log.warn({ err: error, noteId: result.noteId }, 'follow-up jobs not queued'));
      }
      return result;
    } catch (error) {
      if (isRecapError(error)) {
        await store.deleteBlob(data.blobId);
        log.warn({ source: data.source, code: error.code }, error.message);
        throw new UnrecoverableError(error.message);
      }
      throw error;
    }
  };
  const worker = new Worker(INGEST_QUEUE, processJob, {
    connection: options.connection,
    prefix: options.prefix,
    concurrency: options.concurrency,
    stalledInterval: options.stalledIntervalMs ?? 30_000,
    lockDuration: options.lockDurationMs ?? 30_000,
  });
  worker.on('error', (error) => logger.error({ err: error }, 'ingest worker error'));
  worker.on('closed', () => void threads.close());
  return worker;
}
