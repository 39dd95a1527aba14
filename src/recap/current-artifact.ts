import type { Queue } from 'bullmq';
import type { Note } from '../domain/note.js';
import { RecapError } from '../errors.js';
import type { NoteLanguageJobData } from '../queue/note-language-job.js';
import { runQueuedJob } from '../queue/with-queue-jobs.js';
import type { LocalQueue, Runtime } from '../runtime.js';
import type { NoteArtifact, NoteArtifactStore, RecapVersion } from '../store/note-artifact-store.js';

/** What a model job reports (summarize and translate jobs share these statuses). */
export interface ArtifactOutcome {
  status: 'stored' | 'cached' | 'skipped' | 'stale' | 'missing';
  reason?: string;
}

/** One kind of per-note, per-language artifact, as a command asks for it. */
export interface ArtifactKind<Artifact extends NoteArtifact> {
  /** "recap", "translation": for messages. */
  name: string;
  /** "its recap was being written": what was happening when the note changed. */
  during: string;
  store(runtime: Runtime): NoteArtifactStore<Artifact>;
  queue(runtime: Runtime): Queue;
  localQueue: LocalQueue;
  submit(queue: Queue, request: NoteLanguageJobData): Promise<string>;
}

/**
 * A note's current artifact in a language: the stored one when it was made from this text,
 * model and prompt version; otherwise (or with refresh) one made now through its queue.
 */
export async function currentArtifact<Artifact extends NoteArtifact>(
  runtime: Runtime,
  kind: ArtifactKind<Artifact>,
  request: { note: Note; language: string; version: RecapVersion; refresh?: boolean },
): Promise<Artifact> {
  const { note, language, version } = request;
  const store = kind.store(runtime);
  if (!request.refresh) {
    const stored = await store.findCurrent(note.id, language, version);
    if (stored !== null) return stored;
  }
  const outcome = await artifactViaQueue(runtime, kind, { noteId: note.id, contentHash: note.contentHash, language, ...(request.refresh ? { refresh: true } : {}) });
  if (outcome.status === 'missing') throw new RecapError('note_not_found', `No note with id "${note.id}" (it was deleted meanwhile).`);
  if (outcome.status === 'stale') throw new RecapError('job_failed', `${note.id} changed while ${kind.during}; run the command again.`);
  // A worker of another configuration (offline) took the job.
  if (outcome.status === 'skipped') throw new RecapError('llm_not_configured', `The ${kind.name} of ${note.id} (${language}) was skipped by a worker: ${outcome.reason ?? 'no reason given'}`);
  const stored = await store.findCurrent(note.id, language, version);
  if (stored === null) throw new RecapError('job_failed', `The ${kind.name} of ${note.id} (${language}) was made but is not in the store; run the command again.`);
  return stored;
}

/**
 * Queues an artifact's job and waits for its first outcome (this process works the queue when no
 * worker does). A failed attempt is reported at once, saying the job stays queued for a retry.
 */
export async function artifactViaQueue<Outcome extends ArtifactOutcome>(runtime: Runtime, kind: ArtifactKind<NoteArtifact>, request: NoteLanguageJobData): Promise<Outcome> {
  const queue = kind.queue(runtime);
  return (await runQueuedJob(runtime, {
    queue,
    startLocalWorker: () => runtime.startLocalWorker(kind.localQueue),
    submit: () => kind.submit(queue, request),
    what: `The ${kind.name} of ${request.noteId} (${request.language})`,
  })) as Outcome;
}
