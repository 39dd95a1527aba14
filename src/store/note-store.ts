import type { RedisClient } from './redis-connection.js';
import type { Note } from '../domain/note.js';
import { storeKeys, type StoreKeys } from './keys.js';

/** Uploaded bytes wait at most a day for their ingest job; after that nobody is waiting for them. */
const BLOB_TTL_SECONDS = 24 * 60 * 60;
/** Notes fetched per MGET when loading everything: big enough to be fast, small enough to stream. */
const LOAD_BATCH_SIZE = 200;

/** What changed, as published on the index events channel. */
export type IndexEvent =
  | { op: 'upsert' | 'delete'; noteId: string }
  /** A translation of the note was stored: index it beside the note. */
  | { op: 'upsert-translation'; noteId: string; language: string };

/** Short listing of a note, as `recap list` shows it. */
export interface NoteListing {
  id: string;
  title: string;
  event: string | null;
  date: string | null;
  language: string;
  source: string;
  sections: number;
  speakers: string[];
}

/** What a list of notes shows of one. */
export function noteListing(note: Note): NoteListing {
  return { id: note.id, title: note.title, event: note.event, date: note.date, language: note.language, source: note.source, sections: note.sections.length, speakers: note.speakers };
}

/** Notes, chunks and upload blobs in Redis. Writes of one note are atomic (MULTI). */
export class NoteStore {
  readonly keys: StoreKeys;

  constructor(
    readonly redis: RedisClient,
    /** RECAP_KEY_PREFIX, for the other stores of the same notes. */
    readonly prefix: string,
  ) {
    this.keys = storeKeys(prefix);
  }

  async getNote(id: string): Promise<Note | null> {
    const json = await this.redis.get(this.keys.note(id));
    return json === null ? null : (JSON.parse(json) as Note);
  }

  /** A note's stored index record (search/stored-chunks.ts reads it), or null when missing. */
  async getIndexRecordValue(id: string): Promise<Buffer | null> {
    return this.redis.getBuffer(this.keys.chunks(id));
  }

  /** The first `bytes` of a note's stored index record (empty when missing): enough for its header. */
  async getIndexRecordStart(id: string, bytes: number): Promise<Buffer> {
    return this.redis.getrangeBuffer(this.keys.chunks(id), 0, bytes - 1);
  }

  async noteIds(): Promise<string[]> {
    return (await this.redis.smembers(this.keys.noteIds)).sort();
  }

  async countNotes(): Promise<number> {
    return this.redis.scard(this.keys.noteIds);
  }

  /** Changes whenever a note is saved or deleted (listNotes then lists something else). */
  async listingsVersion(): Promise<string> {
    return (await this.redis.get(this.keys.noteListingsVersion)) ?? '0';
  }

  /** Every note's listing, newest first. */
  async listNotes(): Promise<NoteListing[]> {
    const [ids, stored] = await Promise.all([this.noteIds(), this.redis.hgetall(this.keys.noteListings)]);
    const listings: NoteListing[] = [];
    const missing: string[] = [];
    for (const id of ids) {
      const json = stored[id];
      if (json === undefined) missing.push(id);
      else listings.push(JSON.parse(json) as NoteListing);
    }
    // Notes stored before listings were: made from the note once and kept. HSETNX: a save that
    // came meanwhile wrote the newer listing, which stays.
    for (let start = 0; start < missing.length; start += LOAD_BATCH_SIZE) {
      const notes = (await this.redis.mget(missing.slice(start, start + LOAD_BATCH_SIZE).map((id) => this.keys.note(id)))).filter((value): value is string => value !== null);
      const made = notes.map((json) => noteListing(JSON.parse(json) as Note));
      const pipeline = this.redis.pipeline();
      for (const listing of made) pipeline.hsetnx(this.keys.noteListings, listing.id, JSON.stringify(listing));
      await pipeline.exec();
      listings.push(...made);
    }
    return listings.sort((a, b) => (b.date ?? '').localeCompare(a.date ?? '') || a.id.localeCompare(b.id));
  }

  /**
   * Every stored index record (search/index-record.ts), in batches of LOAD_BATCH_SIZE notes, not
   * decoded: the start-up index load decodes one at a time and reads no note JSON. A value in
   * the older JSON form is given as it is (decodeIndexRecord tells them apart).
   */
  async *indexRecords(): AsyncGenerator<Array<{ noteId: string; value: Buffer }>> {
    const ids = await this.noteIds();
    for (let start = 0; start < ids.length; start += LOAD_BATCH_SIZE) {
      const batchIds = ids.slice(start, start + LOAD_BATCH_SIZE);
      const pipeline = this.redis.pipeline();
      for (const id of batchIds) pipeline.getBuffer(this.keys.chunks(id));
      const replies = (await pipeline.exec()) ?? [];
      const batch: Array<{ noteId: string; value: Buffer }> = [];
      batchIds.forEach((noteId, index) => {
        const value = replies[index]?.[1];
        // A note deleted between SMEMBERS and GET is simply skipped.
        if (Buffer.isBuffer(value)) batch.push({ noteId, value });
      });
      yield batch;
    }
  }

  async idForSource(sourceKey: string): Promise<string | null> {
    return this.redis.hget(this.keys.idBySource, sourceKey);
  }

  /**
   * Gives a new source an id: the proposed slug, or slug-2, slug-3... when another source has it.
   * HSETNX makes the claim safe when two workers ingest same-named files at once.
   */
  async claimId(proposed: string, sourceKey: string): Promise<string> {
    for (let attempt = 1; ; attempt += 1) {
      const candidate = attempt === 1 ? proposed : `${proposed}-${attempt}`;
      if ((await this.redis.hsetnx(this.keys.sourceById, candidate, sourceKey)) === 1) {
        await this.redis.hset(this.keys.idBySource, sourceKey, candidate);
        return candidate;
      }
      if ((await this.redis.hget(this.keys.sourceById, candidate)) === sourceKey) return candidate;
    }
  }

  /** Writes a note and its chunks in one transaction, then tells every process to re-index it. */
  async saveNote(note: Note, record: Uint8Array, sourceKey: string): Promise<void> {
    await this.saveNoteJson(note.id, JSON.stringify(note), record, sourceKey, noteListing(note));
  }

  /** saveNote with the note already serialized (by a worker thread, say). */
  async saveNoteJson(noteId: string, noteJson: string, record: Uint8Array, sourceKey: string, listing: NoteListing): Promise<void> {
    const event: IndexEvent = { op: 'upsert', noteId };
    // The event goes out in the same round trip, after the writes: whoever reads on it sees them.
    await this.redis
      .multi()
      .set(this.keys.note(noteId), noteJson)
      .set(this.keys.chunks(noteId), Buffer.from(record.buffer, record.byteOffset, record.byteLength))
      .hset(this.keys.noteListings, noteId, JSON.stringify({ ...listing, id: noteId }))
      .incr(this.keys.noteListingsVersion)
      .sadd(this.keys.noteIds, noteId)
      // NX: the first arrival stays (an edited note is not "new" for digests).
      .zadd(this.keys.noteArrivals, 'NX', Date.now(), noteId)
      .hset(this.keys.idBySource, sourceKey, noteId)
      .hset(this.keys.sourceById, noteId, sourceKey)
      .publish(this.keys.indexEvents, JSON.stringify(event))
      .exec();
  }

  /** Removes a note everywhere (note, chunks, recaps, translations, id claims). Returns false when there was none. */
  async deleteNote(id: string): Promise<boolean> {
    const sourceKey = await this.redis.hget(this.keys.sourceById, id);
    const transaction = this.redis
      .multi()
      .del(this.keys.note(id))
      .del(this.keys.chunks(id))
      .del(this.keys.summaries(id))
      .del(this.keys.translations(id))
      .srem(this.keys.noteIds, id)
      .hdel(this.keys.noteListings, id)
      .incr(this.keys.noteListingsVersion)
      .zrem(this.keys.noteArrivals, id)
      .hdel(this.keys.sourceById, id);
    if (sourceKey !== null) transaction.hdel(this.keys.idBySource, sourceKey).hdel(this.keys.ingestedBlobBySource, sourceKey);
    const replies = (await transaction.exec()) ?? [];
    const existed = replies[0]?.[1] === 1;
    await this.publish({ op: 'delete', noteId: id });
    return existed;
  }

  /** Ids of notes first stored after `afterMs` and up to `untilMs`, oldest first. */
  async notesArrivedBetween(afterMs: number, untilMs: number): Promise<string[]> {
    return this.redis.zrangebyscore(this.keys.noteArrivals, `(${afterMs}`, untilMs);
  }

  async publish(event: IndexEvent): Promise<void> {
    await this.redis.publish(this.keys.indexEvents, JSON.stringify(event));
  }

  /** Keeps bytes for an ingest job under the job's id; the job carries the id instead of the bytes. */
  async putBlob(blobId: string, bytes: Uint8Array): Promise<void> {
    await this.redis.set(this.keys.blob(blobId), Buffer.from(bytes), 'EX', BLOB_TTL_SECONDS);
  }

  async getBlob(blobId: string): Promise<Buffer | null> {
    return this.redis.getBuffer(this.keys.blob(blobId));
  }

  /**
   * Consumes an ingested blob: says which bytes the source's note now holds, then frees them.
   * A job redone after its worker died past this point finds its blob gone and this mark, and
   * knows its note is stored (see ingestedBlobOf).
   */
  async consumeIngestedBlob(sourceKey: string, blobId: string): Promise<void> {
    await this.redis.hset(this.keys.ingestedBlobBySource, sourceKey, blobId);
    await this.deleteBlob(blobId);
  }

  /** The blob last stored for a source (consumeIngestedBlob), or null. */
  async ingestedBlobOf(sourceKey: string): Promise<string | null> {
    return this.redis.hget(this.keys.ingestedBlobBySource, sourceKey);
  }

  async deleteBlob(blobId: string): Promise<void> {
    await this.redis.del(this.keys.blob(blobId));
  }
}
