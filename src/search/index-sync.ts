import type { RedisClient } from '../store/redis-connection.js';
import type { Logger } from '../logger.js';
import type { Note } from '../domain/note.js';
import type { IndexEvent, NoteStore } from '../store/note-store.js';
import { readStoredChunks, type StoredChunks } from './stored-chunks.js';
import { countIndexRecordTerms, decodeIndexRecord, type IndexRecord } from './index-record.js';
import { indexVersion } from './index-version.js';
import { TranslationIndexer } from './index-translations.js';
import type { SearchIndex } from './search-index.js';
import { isTranslationIndexKey } from './translated-chunks.js';
import type { IndexedNoteMeta } from './types.js';

/**
 * Keeps a process's in-memory index equal to the notes in Redis: loads everything at start, then
 * follows the "index events" channel. After a lost connection it reloads everything, because
 * pub/sub drops messages sent while disconnected.
 */
export class IndexSync {
  private started = false;
  /** Notes' translations, indexed beside the notes (cross-lingual search). */
  private readonly translations: TranslationIndexer;

  constructor(
    readonly index: SearchIndex,
    private readonly store: NoteStore,
    private readonly logger: Logger,
  ) {
    this.translations = new TranslationIndexer(index, store);
  }

  /**
   * Subscribes (on a connection of its own: a subscribed connection can do nothing else), then
   * loads all notes. Resolves once the index is ready to answer.
   */
  async start(subscriber: RedisClient): Promise<{ notes: number; translations: number; chunks: number }> {
    await subscriber.subscribe(this.store.keys.indexEvents);
    subscriber.on('message', (channel: string, message: string) => {
      if (channel === this.store.keys.indexEvents) void this.apply(message);
    });
    subscriber.on('ready', () => {
      if (this.started) void this.reloadAll();
    });
    await this.reloadAll();
    this.started = true;
    const translations = this.index.noteIds().filter(isTranslationIndexKey).length;
    return { notes: this.index.noteIds().length - translations, translations, chunks: this.index.size };
  }

  /**
   * Makes the index equal to Redis (also usable alone, by one-shot commands such as `recap ask`).
   * Reads only the notes' index records, a batch at a time (never every note at once).
   */
  async reloadAll(): Promise<void> {
    const seen = new Set<string>();
    const version = indexVersion();
    // Two passes over the records: the first only counts terms, so that every posting list is
    // made once at its size; the second adds the notes. Nothing large is held between notes.
    const bulk = this.index.startBulkLoad();
    for await (const batch of this.store.indexRecords()) {
      for (const { value } of batch) {
        const counted = countIndexRecordTerms(value);
        if (counted && counted.version === version) bulk.expect(counted.terms, counted.counts);
      }
    }
    bulk.reserve();
    const stale: Array<{ noteId: string; record: IndexRecord | null }> = [];
    for await (const batch of this.store.indexRecords()) {
      for (const { noteId, value } of batch) {
        seen.add(noteId);
        // Decoded and indexed in one synchronous step: its terms are lent from the decoder's buffer.
        const record = decodeIndexRecord(value, { reuseScratch: true });
        if (record && record.version === version) this.index.upsertCompact(record.meta, record.chunks, record.terms);
        else stale.push({ noteId, record });
      }
    }
    for (const { noteId, record } of stale) await this.reindex(noteId, record);
    for (const key of await this.translations.loadAll([...seen])) seen.add(key);
    for (const id of this.index.noteIds()) if (!seen.has(id)) this.index.removeNote(id);
  }

  private async apply(message: string): Promise<void> {
    try {
      const event = JSON.parse(message) as IndexEvent;
      if (event.op === 'delete') {
        this.index.removeNote(event.noteId);
        this.translations.removeNote(event.noteId);
        return;
      }
      if (event.op === 'upsert-translation') {
        await this.translations.syncTranslation(event.noteId, event.language);
        return;
      }
      const [value, hasTranslations] = await Promise.all([
        this.store.getIndexRecordValue(event.noteId),
        this.store.redis.exists(this.store.keys.translations(event.noteId)),
      ]);
      // Decoded and indexed in one synchronous step: its terms are lent from the decoder's buffer.
      const record = value && hasTranslations === 0 ? decodeIndexRecord(value, { reuseScratch: true }) : null;
      if (record && record.version === indexVersion()) {
        // The common case, without reading the note: its record has all the index needs.
        this.index.upsertCompact(record.meta, record.chunks, record.terms);
        this.translations.removeNote(event.noteId);
        return;
      }
      const [note, stored] = await Promise.all([this.store.getNote(event.noteId), readStoredChunks(this.store, event.noteId)]);
      if (note && stored) {
        this.put(note, stored);
        await this.translations.syncNote(note, stored);
      } else {
        this.index.removeNote(event.noteId);
        this.translations.removeNote(event.noteId);
      }
    } catch (error) {
      this.logger.warn({ err: error }, 'could not apply an index event; reloading everything');
      await this.reloadAll().catch((reloadError: unknown) => this.logger.error({ err: reloadError }, 'index reload failed'));
    }
  }

  /** A note stored by another version (or in the older JSON form): its terms are computed again. */
  private async reindex(noteId: string, record: IndexRecord | null): Promise<void> {
    if (record) {
      this.index.upsertNote(record.meta, record.chunks.all());
      return;
    }
    const [note, stored] = await Promise.all([this.store.getNote(noteId), readStoredChunks(this.store, noteId)]);
    if (note && stored) this.put(note, stored);
  }

  private put(note: Note, stored: StoredChunks): void {
    const meta: IndexedNoteMeta = { noteId: note.id, title: note.title, source: note.source };
    // Terms computed by another parser/tokenizer version are recomputed rather than trusted.
    const terms = stored.indexVersion === indexVersion() ? stored.terms : undefined;
    this.index.upsertNote(meta, stored.chunks, terms);
  }
}
