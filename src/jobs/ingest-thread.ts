import { parentPort } from 'node:worker_threads';
import { isRecapError } from '../errors.js';
import { prepareNote, type PreparedNote } from '../ingest/ingest-note.js';

/**
 * A worker thread of the ingest worker (see PrepareThreads in ingest-worker.ts): prepares notes
 * (decode, parse, chunk, analyze: the CPU part of an ingest) while the worker's main thread does
 * the queue and Redis work.
 */

export interface PrepareRequest {
  id: number;
  source: string;
  bytes: Uint8Array;
  maxBytes: number;
}

export type PrepareReply =
  | { id: number; prepared: PreparedNote }
  | { id: number; error: { message: string; code: string | null } }
  | { ready: true };

const port = parentPort;
if (port) {
  port.on('message', (request: PrepareRequest) => {
    let reply: PrepareReply;
    let transfer: ArrayBuffer[] = [];
    try {
      const prepared = prepareNote(request);
      // A buffer of its own, handed over rather than copied.
      const record = new Uint8Array(prepared.record);
      transfer = [record.buffer];
      reply = { id: request.id, prepared: { ...prepared, record } };
    } catch (error) {
      reply = { id: request.id, error: { message: error instanceof Error ? error.message : String(error), code: isRecapError(error) ? error.code : null } };
    }
    port.postMessage(reply, transfer);
  });
  port.postMessage({ ready: true } satisfies PrepareReply);
}
