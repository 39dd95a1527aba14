import { chunkNote, searchableChunks } from '../notes/chunk.js';
import { decodeNoteBytes } from '../notes/decode.js';
import { parseNote } from '../notes/parse.js';
import type { Note } from '../domain/note.js';
import { encodeIndexRecord, type IndexRecordHeader } from '../search/index-record.js';
import { indexVersion } from '../search/index-version.js';
import { noteListing, type NoteListing, type NoteStore } from '../store/note-store.js';
import { readStoredRecordHeader } from '../search/stored-chunks.js';
import type { IngestResult, IngestStatus } from '../domain/ingest-result.js';

export interface IngestInput {
  /** The path as the user gave it (shown in citations). */
  source: string;
  /** What identifies "the same note" across ingests: an absolute path, or "stdin:<name>". */
  sourceKey: string;
  bytes: Uint8Array;
  maxBytes: number;
}

/**
 * Decodes, parses, chunks and stores one note. Idempotent: the same bytes again are "unchanged"
 * and write nothing. Bad input throws a RecapError before anything is written.
 */
export async function ingestNote(store: NoteStore, input: IngestInput): Promise<IngestResult> {
  const decoded = decodeNoteBytes(input.bytes, { maxBytes: input.maxBytes, name: input.source });
  const parsed = parseNote(decoded.text, { source: input.source, encoding: decoded.encoding });
  // A note with nothing to search is refused before anything (an id claim) is written.
  searchableChunks(parsed);
  const version = indexVersion();

  const existingId = await store.idForSource(input.sourceKey);
  const stored = await storedHeader(store, existingId);
  if (existingId !== null && stored && sameNote(stored, parsed, input.source, version)) return result('unchanged', { ...parsed, id: existingId }, input.source, stored.chunkCount);

  const noteId = existingId ?? (await store.claimId(parsed.id, input.sourceKey));
  const note = { ...parsed, id: noteId };
  const chunks = chunkNote(note);
  // Chunks packed and their terms, each distinct line tokenized once (what every index loads).
  await store.saveNote(note, encodeIndexRecord(note, chunks, version), input.sourceKey);
  return result(stored === null ? 'ingested' : 'updated', note, input.source, chunks.length);
}

/**
 * The CPU part of an ingest, without I/O (a worker thread runs it): the note decoded, parsed,
 * chunked and analyzed, as JSON and index record ready to store, under the id its file name
 * proposes (ingestPreparedNote redoes the last steps in the rare case the id differs).
 */
export interface PreparedNote {
  noteId: string;
  noteJson: string;
  /** What note lists show of it (under the proposed id). */
  listing: NoteListing;
  record: Uint8Array;
  title: string;
  contentHash: string;
  language: Note['language'];
  chunkCount: number;
  /** indexVersion() of the code that prepared it. */
  version: string;
}

/** Decodes, parses, chunks and analyzes a note (throws a RecapError on bad input). */
export function prepareNote(input: Pick<IngestInput, 'source' | 'bytes' | 'maxBytes'>): PreparedNote {
  const decoded = decodeNoteBytes(input.bytes, { maxBytes: input.maxBytes, name: input.source });
  const note = parseNote(decoded.text, { source: input.source, encoding: decoded.encoding });
  const version = indexVersion();
  const chunks = searchableChunks(note);
  return {
    noteId: note.id,
    noteJson: JSON.stringify(note),
    listing: noteListing(note),
    record: encodeIndexRecord(note, chunks, version),
    title: note.title,
    contentHash: note.contentHash,
    language: note.language,
    chunkCount: chunks.length,
    version,
  };
}

/** ingestNote for a note prepared elsewhere (prepareNote): the same checks and writes. */
export async function ingestPreparedNote(store: NoteStore, prepared: PreparedNote, input: Pick<IngestInput, 'source' | 'sourceKey'>): Promise<IngestResult> {
  const summary = { ...prepared, id: prepared.noteId };
  const existingId = await store.idForSource(input.sourceKey);
  const stored = await storedHeader(store, existingId);
  if (existingId !== null && stored && sameNote(stored, summary, input.source, prepared.version)) {
    return result('unchanged', { ...summary, id: existingId }, input.source, stored.chunkCount);
  }
  const noteId = existingId ?? (await store.claimId(prepared.noteId, input.sourceKey));
  let { noteJson, record, chunkCount } = prepared;
  if (noteId !== prepared.noteId) {
    // Another id than the file name proposed (taken, or kept from an earlier name): chunk ids change.
    const note = { ...(JSON.parse(noteJson) as Note), id: noteId };
    const chunks = chunkNote(note);
    noteJson = JSON.stringify(note);
    record = encodeIndexRecord(note, chunks, prepared.version);
    chunkCount = chunks.length;
  }
  await store.saveNoteJson(noteId, noteJson, record, input.sourceKey, prepared.listing);
  return result(stored === null ? 'ingested' : 'updated', { ...summary, id: noteId }, input.source, chunkCount);
}

/** The note stored for a source, as an "unchanged" ingest of it (null when none is stored). */
export async function storedIngestResult(store: NoteStore, input: Pick<IngestInput, 'source' | 'sourceKey'>): Promise<IngestResult | null> {
  const id = await store.idForSource(input.sourceKey);
  const header = await storedHeader(store, id);
  const note = id === null || header === null ? null : await store.getNote(id);
  if (note === null || header === null) return null;
  return result('unchanged', note, input.source, header.chunkCount);
}

/**
 * What is stored under `id`, from its index record's header (written with the note, in one
 * transaction). Null also when the id was claimed but the note never stored (a worker killed
 * between the two, Redis out of memory): that note is new, not "updated".
 */
async function storedHeader(store: NoteStore, id: string | null): Promise<IndexRecordHeader | null> {
  return id === null ? null : readStoredRecordHeader(store, id);
}

/** True when the stored note is this text from this source, indexed by this version. */
function sameNote(stored: IndexRecordHeader, note: { contentHash: string }, source: string, version: string): boolean {
  return stored.contentHash === note.contentHash && stored.source === source && stored.version === version;
}

function result(status: IngestStatus, note: Pick<Note, 'id' | 'title' | 'contentHash' | 'language'>, source: string, chunks: number): IngestResult {
  return { status, noteId: note.id, title: note.title, source, chunks, contentHash: note.contentHash, language: note.language };
}
