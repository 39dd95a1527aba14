import { RecapError } from '../errors.js';
import type { Note } from '../domain/note.js';
import { submitSummarize } from '../queue/submit-jobs.js';
import type { SummarizeJobData } from '../queue/summarize-queue.js';
import { runQueuedJob } from '../queue/with-queue-jobs.js';
import type { Runtime } from '../runtime.js';
import type { StoredSummary } from '../store/summary-store.js';
import { currentRecapVersion, type SummarizeOutcome } from './summarize-stored-note.js';

/**
 * A note's current recap in a language: the stored one when it was made from this text, model
 * and prompt version; otherwise (or with refresh) one written now through the summarize queue.
 */
export async function recapForNote(runtime: Runtime, note: Note, language: string, options: { refresh?: boolean } = {}): Promise<StoredSummary> {
  const version = currentRecapVersion(runtime.llm, note.contentHash);
  if (!options.refresh) {
    const stored = await runtime.summaries.findCurrent(note.id, language, version);
    if (stored !== null) return stored;
  }
  const request: SummarizeJobData = { noteId: note.id, contentHash: note.contentHash, language, ...(options.refresh ? { refresh: true } : {}) };
  const outcome = await summarizeViaQueue(runtime, request);
  if (outcome.status === 'missing') throw new RecapError('note_not_found', `No note with id "${note.id}" (it was deleted meanwhile).`);
  if (outcome.status === 'stale') throw new RecapError('job_failed', `${note.id} changed while its recap was being written; run the command again.`);
  const stored = await runtime.summaries.findCurrent(note.id, language, version);
  if (stored === null) throw new RecapError('job_failed', `The recap of ${note.id} (${language}) was written but is not in the store; run the command again.`);
  return stored;
}

/**
 * Queues a recap and waits for its first outcome (this process works the queue when no worker
 * does). A failed attempt is reported at once, saying the job stays queued for a retry.
 */
export async function summarizeViaQueue(runtime: Runtime, request: SummarizeJobData): Promise<SummarizeOutcome> {
  return (await runQueuedJob(runtime, {
    queue: runtime.summarizeQueue,
    startLocalWorker: () => runtime.startLocalWorker('summarize'),
    submit: () => submitSummarize(runtime.summarizeQueue, request),
    what: `The recap of ${request.noteId} (${request.language})`,
  })) as SummarizeOutcome;
}
