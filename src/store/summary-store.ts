import type { Redis } from 'ioredis';
import type { RecapSummary } from '../domain/recap.js';
import { storeKeys, type StoreKeys } from './keys.js';
import { saveIfNoteUnchanged } from './save-if-note-unchanged.js';
import type { TokenUsage } from './usage-store.js';

/** The latest recap of one note in one language, with what it cost to make. */
export interface StoredSummary {
  noteId: string;
  language: string;
  /** Hash of the note text the recap was written from. */
  contentHash: string;
  /** The configured model, or 'offline' for the extractive recap. */
  model: string;
  promptVersion: string;
  summary: RecapSummary;
  usage: TokenUsage;
  llmCalls: number;
  durationMs: number;
  /** ISO timestamp. */
  createdAt: string;
}

/** What makes a stored recap current: the same note text, model, prompt version and language. */
export interface RecapVersion {
  contentHash: string;
  model: string;
  promptVersion: string;
}

/** Whether something stored was made from the same note text, model and prompt version (the cache key, with the language). */
export function isSameVersion(stored: RecapVersion, version: RecapVersion): boolean {
  return stored.contentHash === version.contentHash && stored.model === version.model && stored.promptVersion === version.promptVersion;
}

/** Recaps in Redis: one hash per note, one field per language (deleted with the note). */
export class SummaryStore {
  readonly keys: StoreKeys;

  constructor(
    readonly redis: Redis,
    prefix: string,
  ) {
    this.keys = storeKeys(prefix);
  }

  async get(noteId: string, language: string): Promise<StoredSummary | null> {
    const json = await this.redis.hget(this.keys.summaries(noteId), language);
    return json === null ? null : (JSON.parse(json) as StoredSummary);
  }

  /** The stored recap when it was made from this note text, model, prompt version and language. */
  async findCurrent(noteId: string, language: string, version: RecapVersion): Promise<StoredSummary | null> {
    const stored = await this.get(noteId, language);
    return stored !== null && isSameVersion(stored, version) ? stored : null;
  }

  /** Saves a recap unless its note changed or went away meanwhile; returns whether it was saved. */
  async saveIfNoteUnchanged(summary: StoredSummary): Promise<boolean> {
    const keys = { note: this.keys.note(summary.noteId), hash: this.keys.summaries(summary.noteId) };
    return saveIfNoteUnchanged(this.redis, keys, summary.contentHash, summary.language, JSON.stringify(summary));
  }

  async languages(noteId: string): Promise<string[]> {
    return (await this.redis.hkeys(this.keys.summaries(noteId))).sort();
  }
}
