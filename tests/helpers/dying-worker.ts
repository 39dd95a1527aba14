// A worker process that takes one ingest job and then hangs, so a test can kill it mid-job
// (SIGKILL: no cleanup, the job's lock simply stops being renewed).
import { Worker } from 'bullmq';
import { INGEST_QUEUE } from '../../src/queue/ingest-queue.js';
import { bullmqConnection } from '../../src/store/redis-connection.js';

const [url, prefix] = process.argv.slice(2);
if (!url || !prefix) throw new Error('usage: dying-worker <redis-url> <bull-prefix>');

const worker = new Worker(
  INGEST_QUEUE,
  async () => {
    process.stdout.write('active\n');
    await new Promise(() => undefined);
  },
  // skipStalledCheck: its check would hold Redis' shared "stalled-check" throttle key for a full interval.
  { connection: bullmqConnection(url), prefix, lockDuration: 1_000, skipStalledCheck: true },
);
await worker.waitUntilReady();
process.stdout.write('ready\n');
