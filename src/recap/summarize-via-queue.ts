import type { Note } from '../domain/note.js';
import { submitSummarize } from '../queue/submit-jobs.js';
import type { SummarizeJobData } from '../queue/summarize-queue.js';
import type { Runtime } from '../runtime.js';
import type { StoredSummary } from '../store/summary-store.js';
import { artifactViaQueue, currentArtifact, type ArtifactKind } from './current-artifact.js';
import { currentRecapVersion, type SummarizeOutcome } from './summarize-stored-note.js';

const RECAPS: ArtifactKind<StoredSummary> = {
  name: 'recap',
  during: 'its recap was being written',
  store: (runtime) => runtime.summaries,
  queue: (runtime) => runtime.summarizeQueue,
  localQueue: 'summarize',
  submit: submitSummarize,
};

/** A note's current recap in a language: the stored one, or one written now through the summarize queue. */
export async function recapForNote(runtime: Runtime, note: Note, language: string, options: { refresh?: boolean } = {}): Promise<StoredSummary> {
  return currentArtifact(runtime, RECAPS, { note, language, version: currentRecapVersion(runtime.llm, note.contentHash), ...options });
}

/** Queues a recap and waits for its first outcome (see artifactViaQueue). */
export function summarizeViaQueue(runtime: Runtime, request: SummarizeJobData): Promise<SummarizeOutcome> {
  return artifactViaQueue<SummarizeOutcome>(runtime, RECAPS, request);
}
