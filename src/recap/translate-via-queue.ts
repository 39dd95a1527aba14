import { RecapError } from '../errors.js';
import type { Note } from '../domain/note.js';
import { submitTranslate } from '../queue/submit-jobs.js';
import type { TranslateJobData } from '../queue/translate-queue.js';
import { runQueuedJob } from '../queue/with-queue-jobs.js';
import type { Runtime } from '../runtime.js';
import type { StoredTranslation } from '../store/translation-store.js';
import { currentTranslationVersion, OFFLINE_TRANSLATION_REASON, type TranslateOutcome } from './translate-stored-note.js';

/**
 * A note's current translation into a language: the stored one when it was made from this text,
 * model and prompt version; otherwise (or with refresh) one made now through the translate queue.
 * Callers check translationSkipReason first: offline this throws `llm_not_configured`.
 */
export async function translationForNote(runtime: Runtime, note: Note, language: string, options: { refresh?: boolean } = {}): Promise<StoredTranslation> {
  if (runtime.llm === null) throw new RecapError('llm_not_configured', OFFLINE_TRANSLATION_REASON);
  const version = currentTranslationVersion(runtime.llm, note.contentHash);
  if (!options.refresh) {
    const stored = await runtime.translations.findCurrent(note.id, language, version);
    if (stored !== null) return stored;
  }
  const request: TranslateJobData = { noteId: note.id, contentHash: note.contentHash, language, ...(options.refresh ? { refresh: true } : {}) };
  const outcome = await translateViaQueue(runtime, request);
  if (outcome.status === 'missing') throw new RecapError('note_not_found', `No note with id "${note.id}" (it was deleted meanwhile).`);
  if (outcome.status === 'stale') throw new RecapError('job_failed', `${note.id} changed while it was being translated; run the command again.`);
  // A worker of another configuration (offline) took the job.
  if (outcome.status === 'skipped') throw new RecapError('llm_not_configured', `The translation of ${note.id} (${language}) was skipped by a worker: ${outcome.reason ?? 'no reason given'}`);
  const stored = await runtime.translations.findCurrent(note.id, language, version);
  if (stored === null) throw new RecapError('job_failed', `The translation of ${note.id} (${language}) was made but is not in the store; run the command again.`);
  return stored;
}

/**
 * Queues a translation and waits for its first outcome (this process works the queue when no
 * worker does). A failed attempt is reported at once, saying the job stays queued for a retry.
 */
export async function translateViaQueue(runtime: Runtime, request: TranslateJobData): Promise<TranslateOutcome> {
  return (await runQueuedJob(runtime, {
    queue: runtime.translateQueue,
    startLocalWorker: () => runtime.startLocalWorker('translate'),
    submit: () => submitTranslate(runtime.translateQueue, request),
    what: `The translation of ${request.noteId} (${request.language})`,
  })) as TranslateOutcome;
}
