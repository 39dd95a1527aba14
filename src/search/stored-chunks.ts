import type { Chunk } from '../domain/note.js';
import type { NoteStore } from '../store/note-store.js';
import { decodeIndexRecord, INDEX_RECORD_HEADER_BYTES, readIndexRecordHeader, recordChunkTerms, type IndexRecordHeader } from './index-record.js';
import type { ChunkTerms } from './types.js';

// The store keeps a note's index record as bytes; what the bytes mean is search's business.

/**
 * A note's chunks and their precomputed search terms. Stored as an index record
 * (index-record.ts: packed chunks and terms, binary); older installs stored this JSON, which
 * readStoredChunks still reads.
 */
export interface StoredChunks {
  /** Parser + tokenizer version the terms were computed with; a mismatch means "re-index". */
  indexVersion: string;
  chunks: Chunk[];
  terms: ChunkTerms[];
}

/** A note's stored chunks and terms, or null when the note has none. */
export async function readStoredChunks(store: NoteStore, noteId: string): Promise<StoredChunks | null> {
  const value = await store.getIndexRecordValue(noteId);
  return value === null ? null : storedChunksOf(value);
}

/** The header of a note's index record (title, source, hash, version), reading only the start of it when that is enough. */
export async function readStoredRecordHeader(store: NoteStore, noteId: string): Promise<IndexRecordHeader | null> {
  const header = readIndexRecordHeader(await store.getIndexRecordStart(noteId, INDEX_RECORD_HEADER_BYTES));
  if (header !== undefined) return header;
  const value = await store.getIndexRecordValue(noteId);
  return value === null ? null : (readIndexRecordHeader(value) ?? null);
}

/** StoredChunks of a stored value: an index record or the older JSON. */
function storedChunksOf(value: Buffer): StoredChunks {
  const record = decodeIndexRecord(value);
  return record ? { indexVersion: record.version, ...recordChunkTerms(record) } : (JSON.parse(value.toString('utf8')) as StoredChunks);
}
