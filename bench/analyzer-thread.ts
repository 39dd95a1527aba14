// A worker thread of the analyzer reference (bench/references.ts): prepares notes exactly as an
// ingest does (decode, parse, chunk, analyze terms, pack the index record), with no queue and no
// Redis, and says how many it prepared.
import { parentPort } from 'node:worker_threads';
import { prepareNote } from '../src/ingest/ingest-note.js';

const port = parentPort;
if (port) {
  port.on('message', (request: { notes: string[]; first: number; maxBytes: number }) => {
    let bytes = 0;
    request.notes.forEach((text, offset) => {
      bytes += prepareNote({ source: `bench/replica-${request.first + offset}.md`, bytes: Buffer.from(text), maxBytes: request.maxBytes }).record.length;
    });
    port.postMessage({ done: request.notes.length, recordBytes: bytes });
  });
  port.postMessage({ ready: true });
}
