import type { Redis } from 'ioredis';
import type { NoteTranslation } from '../domain/translation.js';
import { storeKeys, type StoreKeys } from './keys.js';
import { saveIfNoteUnchanged } from './save-if-note-unchanged.js';
import { isSameVersion, type RecapVersion } from './summary-store.js';
import type { TokenUsage } from './usage-store.js';

/** The latest translation of one note into one language, with what it cost to make. */
export interface StoredTranslation extends NoteTranslation {
  noteId: string;
  language: string;
  /** Hash of the note text that was translated. */
  contentHash: string;
  model: string;
  promptVersion: string;
  usage: TokenUsage;
  llmCalls: number;
  durationMs: number;
  /** ISO timestamp. */
  createdAt: string;
}

/** Translations in Redis: one hash per note, one field per language (deleted with the note). */
export class TranslationStore {
  readonly keys: StoreKeys;

  constructor(
    readonly redis: Redis,
    prefix: string,
  ) {
    this.keys = storeKeys(prefix);
  }

  async get(noteId: string, language: string): Promise<StoredTranslation | null> {
    const json = await this.redis.hget(this.keys.translations(noteId), language);
    return json === null ? null : (JSON.parse(json) as StoredTranslation);
  }

  /** The stored translation when it was made from this note text, model, prompt version and language. */
  async findCurrent(noteId: string, language: string, version: RecapVersion): Promise<StoredTranslation | null> {
    const stored = await this.get(noteId, language);
    return stored !== null && isSameVersion(stored, version) ? stored : null;
  }

  /** Saves a translation unless its note changed or went away meanwhile; returns whether it was saved. */
  async saveIfNoteUnchanged(translation: StoredTranslation): Promise<boolean> {
    const keys = { note: this.keys.note(translation.noteId), hash: this.keys.translations(translation.noteId) };
    return saveIfNoteUnchanged(this.redis, keys, translation.contentHash, translation.language, JSON.stringify(translation));
  }

  async languages(noteId: string): Promise<string[]> {
    return (await this.redis.hkeys(this.keys.translations(noteId))).sort();
  }

  /** Every stored translation of some notes, in one round trip; notes without any are left out. */
  async allOf(noteIds: readonly string[]): Promise<Map<string, StoredTranslation[]>> {
    const pipeline = this.redis.pipeline();
    for (const noteId of noteIds) pipeline.hvals(this.keys.translations(noteId));
    const replies = (await pipeline.exec()) ?? [];
    const found = new Map<string, StoredTranslation[]>();
    noteIds.forEach((noteId, index) => {
      const values = replies[index]?.[1];
      if (Array.isArray(values) && values.length > 0) found.set(noteId, values.map((json) => JSON.parse(String(json)) as StoredTranslation));
    });
    return found;
  }
}
