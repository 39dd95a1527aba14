import type { Note } from '../domain/note.js';
import { RecapError } from '../errors.js';
import { submitTranslate } from '../queue/submit-jobs.js';
import type { TranslateJobData } from '../queue/translate-queue.js';
import type { Runtime } from '../runtime.js';
import type { StoredTranslation } from '../store/translation-store.js';
import { artifactViaQueue, currentArtifact, type ArtifactKind } from './current-artifact.js';
import { currentTranslationVersion, OFFLINE_TRANSLATION_REASON, type TranslateOutcome } from './translate-stored-note.js';

const TRANSLATIONS: ArtifactKind<StoredTranslation> = {
  name: 'translation',
  during: 'it was being translated',
  store: (runtime) => runtime.translations,
  queue: (runtime) => runtime.translateQueue,
  localQueue: 'translate',
  submit: submitTranslate,
};

/**
 * A note's current translation into a language: the stored one, or one made now through the
 * translate queue. Callers check translationSkipReason first: offline this throws `llm_not_configured`.
 */
export async function translationForNote(runtime: Runtime, note: Note, language: string, options: { refresh?: boolean } = {}): Promise<StoredTranslation> {
  if (runtime.llm === null) throw new RecapError('llm_not_configured', OFFLINE_TRANSLATION_REASON);
  return currentArtifact(runtime, TRANSLATIONS, { note, language, version: currentTranslationVersion(runtime.llm, note.contentHash), ...options });
}

/** Queues a translation and waits for its first outcome (see artifactViaQueue). */
export function translateViaQueue(runtime: Runtime, request: TranslateJobData): Promise<TranslateOutcome> {
  return artifactViaQueue<TranslateOutcome>(runtime, TRANSLATIONS, request);
}
