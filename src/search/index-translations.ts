import type { Note } from '../domain/note.js';
import type { NoteStore } from '../store/note-store.js';
import { readStoredChunks, type StoredChunks } from './stored-chunks.js';
import { TranslationStore, type StoredTranslation } from '../store/translation-store.js';
import type { SearchIndex } from './search-index.js';
import { isTranslationIndexKeyOf, translatedChunks, translationIndexKey } from './translated-chunks.js';
import type { IndexedNoteMeta } from './types.js';

// Notes whose translations are fetched per round trip when loading everything.
const LOAD_BATCH_SIZE = 200;

/**
 * Keeps notes' translations in a search index beside the notes, so a question in another
 * language finds them. Each translation is an index entry of its own (translationIndexKey) whose
 * chunks carry the note's id and lines; only translations of the note's current text are indexed.
 */
export class TranslationIndexer {
  private readonly translations: TranslationStore;

  constructor(
    private readonly index: SearchIndex,
    private readonly store: NoteStore,
  ) {
    this.translations = new TranslationStore(store.redis, store.prefix);
  }

  /** Indexes the current translations of these notes (start-up, reconnect); returns their index keys. */
  async loadAll(noteIds: readonly string[]): Promise<string[]> {
    const keys: string[] = [];
    for (let start = 0; start < noteIds.length; start += LOAD_BATCH_SIZE) {
      const found = await this.translations.allOf(noteIds.slice(start, start + LOAD_BATCH_SIZE));
      const indexed = await Promise.all([...found].map(([noteId, translations]) => this.putCurrent(noteId, translations)));
      keys.push(...indexed.flat());
    }
    return keys;
  }

  /** After a note was (re)indexed: its translations of the current text in, older ones out. */
  async syncNote(note: Note, stored: StoredChunks): Promise<void> {
    const translations = (await this.translations.allOf([note.id])).get(note.id) ?? [];
    const indexed = new Set(await this.putCurrent(note.id, translations, { note, stored }));
    this.removeNote(note.id, indexed);
  }

  /** After a translation was stored (the `upsert-translation` index event). */
  async syncTranslation(noteId: string, language: string): Promise<void> {
    const translation = await this.translations.get(noteId, language);
    const indexed = translation ? await this.putCurrent(noteId, [translation]) : [];
    if (indexed.length === 0) this.index.removeNote(translationIndexKey(noteId, language));
  }

  /** Removes a note's translations from the index (all of them, or all but `keep`). */
  removeNote(noteId: string, keep: ReadonlySet<string> = new Set()): void {
    for (const key of this.index.noteIds()) if (isTranslationIndexKeyOf(key, noteId) && !keep.has(key)) this.index.removeNote(key);
  }

  /** Indexes those translations made from the note's current text; returns their index keys. */
  private async putCurrent(noteId: string, translations: readonly StoredTranslation[], known?: { note: Note; stored: StoredChunks }): Promise<string[]> {
    if (translations.length === 0) return [];
    const [note, stored] = known ? [known.note, known.stored] : await Promise.all([this.store.getNote(noteId), readStoredChunks(this.store, noteId)]);
    if (note === null || stored === null) return [];
    const keys: string[] = [];
    for (const translation of translations) {
      const key = translationIndexKey(note.id, translation.language);
      if (translation.contentHash !== note.contentHash) {
        this.index.removeNote(key);
        continue;
      }
      const meta: IndexedNoteMeta = { noteId: key, title: note.title, source: note.source };
      this.index.upsertNote(meta, translatedChunks(stored.chunks, translation));
      keys.push(key);
    }
    return keys;
  }
}
