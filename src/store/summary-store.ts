import type { RedisClient } from './redis-connection.js';
import type { RecapSummary } from '../domain/recap.js';
import { NoteArtifactStore, type StoredArtifact } from './note-artifact-store.js';

/** The latest recap of one note in one language, with what it cost to make. */
export interface StoredSummary extends StoredArtifact {
  /** `model`: the configured model, or 'offline' for the extractive recap. */
  summary: RecapSummary;
}

/** Recaps in Redis: one hash per note, one field per language (deleted with the note). */
export class SummaryStore extends NoteArtifactStore<StoredSummary> {
  constructor(redis: RedisClient, prefix: string) {
    super(redis, prefix, 'summaries');
  }
}
