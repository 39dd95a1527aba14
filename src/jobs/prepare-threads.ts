import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { RecapError, type RecapErrorCode } from '../errors.js';
import type { IngestInput, PreparedNote } from '../ingest/ingest-note.js';
import type { Logger } from '../logger.js';
import type { PrepareReply, PrepareRequest } from './ingest-thread.js';

/**
 * Worker threads that prepare notes for the ingest worker (ingest-thread.ts), so that a busy
 * ingest uses more than one core: parsing and analyzing a note is most of an ingest's CPU time,
 * and one thread also runs the queue and Redis work. Threads start on first demand; a note finds
 * no free thread, it is prepared by the caller.
 */

interface Pending {
  resolve: (prepared: PreparedNote) => void;
  reject: (error: Error) => void;
}

interface Slot {
  worker: Worker;
  ready: boolean;
  pending: Map<number, Pending>;
}

// The thread module next to this one: TypeScript run through tsx, or the compiled JavaScript.
const THREAD_URL = new URL(import.meta.url.endsWith('.ts') ? './ingest-thread.ts' : './ingest-thread.js', import.meta.url);
// A thread does not inherit the TypeScript loader of the main thread: it registers tsx first.
const BOOT = `
const { workerData } = require('node:worker_threads');
(async () => {
  if (workerData.tsx) (await import(workerData.tsx)).register();
  await import(workerData.module);
})().catch((error) => {
  console.error('recap: ingest thread failed to start', error);
  process.exit(1);
});
`;

// Notes queued on one thread (the one being prepared included) before the caller prepares one itself.
const MAX_QUEUED = 4;

/** tsx's ESM API (register()), for threads running the TypeScript sources. */
function tsxApiUrl(): string {
  const cjs = createRequire(import.meta.url).resolve('tsx/esm/api');
  const esm = cjs.replace(/\.cjs$/, '.mjs');
  return pathToFileURL(existsSync(esm) ? esm : cjs).href;
}

/** Threads to use beside the main thread: one per further core, no more than the jobs that can run at once. */
export function defaultPrepareThreads(concurrency: number): number {
  return Math.max(0, Math.min(concurrency - 1, availableParallelism() - 1));
}

export class PrepareThreads {
  private readonly slots: Slot[] = [];
  private nextId = 1;
  private closed = false;

  constructor(
    private readonly size: number,
    private readonly logger: Logger,
  ) {}

  /**
   * Prepares a note on the least busy thread; null when every thread has enough queued or none is
   * ready yet (the caller prepares it then: its own thread has queue and Redis work to do too).
   * Bad input rejects with the RecapError prepareNote threw.
   */
  tryPrepare(input: Pick<IngestInput, 'source' | 'bytes' | 'maxBytes'>): Promise<PreparedNote> | null {
    return this.prepareOn(input, { maxQueued: MAX_QUEUED });
  }

  /**
   * Prepares a note on a thread however busy the threads are, waiting for the first to start;
   * null only when threads are unavailable. For a process whose event loop serves chat.
   */
  prepareOffThread(input: Pick<IngestInput, 'source' | 'bytes' | 'maxBytes'>): Promise<PreparedNote> | null {
    return this.prepareOn(input, { maxQueued: Infinity, evenIfStarting: true });
  }

  private prepareOn(
    input: Pick<IngestInput, 'source' | 'bytes' | 'maxBytes'>,
    limits: { maxQueued: number; evenIfStarting?: boolean },
  ): Promise<PreparedNote> | null {
    if (this.closed || this.size === 0) return null;
    this.warm();
    let slot: Slot | undefined;
    for (const candidate of this.slots) {
      const usable = (candidate.ready || limits.evenIfStarting === true) && candidate.pending.size < limits.maxQueued;
      if (usable && (!slot || candidate.pending.size < slot.pending.size)) slot = candidate;
    }
    if (!slot) return null;
    const id = this.nextId++;
    // The bytes may be a view of a larger buffer: only they are copied and handed over.
    const bytes = new Uint8Array(input.bytes);
    const request: PrepareRequest = { id, source: input.source, bytes, maxBytes: input.maxBytes };
    return new Promise<PreparedNote>((resolve, reject) => {
      slot.pending.set(id, { resolve, reject });
      slot.worker.postMessage(request, [bytes.buffer]);
    });
  }

  /** Starts the threads now, so that the first note does not wait for one to boot. */
  warm(): void {
    while (!this.closed && this.slots.length < this.size) this.slots.push(this.start());
  }

  async close(): Promise<void> {
    this.closed = true;
    const slots = this.slots.splice(0);
    await Promise.all(slots.map((slot) => slot.worker.terminate()));
  }

  private start(): Slot {
    const tsx = THREAD_URL.pathname.endsWith('.ts') ? tsxApiUrl() : null;
    const worker = new Worker(BOOT, { eval: true, workerData: { module: THREAD_URL.href, tsx } });
    // Threads never keep the process alive on their own.
    worker.unref();
    const slot: Slot = { worker, ready: false, pending: new Map() };
    worker.on('message', (reply: PrepareReply) => {
      if ('ready' in reply) {
        slot.ready = true;
        return;
      }
      const pending = slot.pending.get(reply.id);
      slot.pending.delete(reply.id);
      if (!pending) return;
      if ('prepared' in reply) pending.resolve(reply.prepared);
      else pending.reject(reply.error.code ? new RecapError(reply.error.code as RecapErrorCode, reply.error.message) : new Error(reply.error.message));
    });
    const fail = (error: Error): void => {
      const index = this.slots.indexOf(slot);
      // Gone: a later note starts a new thread in its place, unless it never started (then
      // starting more would fail the same way: the main thread prepares every note).
      if (index >= 0) this.slots.splice(index, 1);
      if (!slot.ready && !this.closed) {
        this.closed = true;
        this.logger.warn({ err: error }, 'ingest threads unavailable; preparing notes on the main thread');
      }
      for (const pending of slot.pending.values()) pending.reject(error);
      slot.pending.clear();
    };
    worker.on('error', (error) => {
      this.logger.warn({ err: error }, 'ingest thread failed');
      fail(error);
    });
    worker.on('exit', (code) => fail(new Error(`ingest thread exited (code ${code})`)));
    return slot;
  }
}
