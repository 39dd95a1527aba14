import type { RedisClient } from './redis-connection.js';
import type { NoteTranslation } from '../domain/translation.js';
import { NoteArtifactStore, type StoredArtifact } from './note-artifact-store.js';

/** The latest translation of one note into one language, with what it cost to make. */
export interface StoredTranslation extends NoteTranslation, StoredArtifact {}

/** Translations in Redis: one hash per note, one field per language (deleted with the note). */
export class TranslationStore extends NoteArtifactStore<StoredTranslation> {
  constructor(redis: RedisClient, prefix: string) {
    super(redis, prefix, 'translations');
  }
}
