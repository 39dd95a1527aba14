// A worker thread of the analyzer reference (bench/references.ts): prepares notes exactly as an
// ingest does (decode, parse, chunk, analyze terms, pack the index record), with no queue and no
// Redis, and says how many it prepared.
import { parentPort } from 'node:worker_threads';
import { prepareNote } from '../src/ingest/ingest-note.js';

const port = parentPort;
if (port) {
  port.on('message', (request: { notes: string[]; first: number; maxBytes: number; keep?: boolean }) => {
    let bytes = 0;
    // With `keep`, the prepared notes are sent back (bench:scale stores them without the queue).
    const kept: unknown[] = [];
    request.notes.forEach((text, offset) => {
      const prepared = prepareNote({ source: `bench/replica-${request.first + offset}.md`, bytes: Buffer.from(text), maxBytes: request.maxBytes });
      bytes += prepared.record.length;
      if (request.keep) kept.push(prepared);
    });
    port.postMessage({ done: request.notes.length, recordBytes: bytes, prepared: kept });
  });
  port.postMessage({ ready: true });
}
