import { chunkNote } from '../notes/chunk.js';
import { decodeNoteBytes } from '../notes/decode.js';
import { parseNote } from '../notes/parse.js';
import type { Note } from '../notes/types.js';
import { encodeIndexRecord } from '../search/index-record.js';
import { indexVersion } from '../search/index-version.js';
import type { NoteStore } from '../store/note-store.js';

export type IngestStatus = 'ingested' | 'updated' | 'unchanged';

export interface IngestInput {
  /** The path as the user gave it (shown in citations). */
  source: string;
  /** What identifies "the same note" across ingests: an absolute path, or "stdin:<name>". */
  sourceKey: string;
  bytes: Uint8Array;
  maxBytes: number;
}

export interface IngestResult {
  status: IngestStatus;
  noteId: string;
  title: string;
  source: string;
  chunks: number;
  /** Hash of the stored note text (what recap and translation jobs are keyed by). */
  contentHash: string;
  /** The note's language (a note is not translated into it). */
  language: Note['language'];
}

/**
 * Decodes, parses, chunks and stores one note. Idempotent: the same bytes again are "unchanged"
 * and write nothing. Bad input throws a RecapError before anything is written.
 */
export async function ingestNote(store: NoteStore, input: IngestInput): Promise<IngestResult> {
  const decoded = decodeNoteBytes(input.bytes, { maxBytes: input.maxBytes, name: input.source });
  const parsed = parseNote(decoded.text, { source: input.source, encoding: decoded.encoding });
  const version = indexVersion();

  const existingId = await store.idForSource(input.sourceKey);
  if (existingId !== null) {
    // The index record's header says what is stored (written with the note, in one transaction).
    const stored = await store.getIndexRecordHeader(existingId);
    if (stored !== null && stored.contentHash === parsed.contentHash && stored.source === input.source && stored.version === version) {
      // Same text, source and parser: the stored note is this parse.
      return result('unchanged', { ...parsed, id: existingId }, input.source, stored.chunkCount);
    }
  }

  const noteId = existingId ?? (await store.claimId(parsed.id, input.sourceKey));
  const note = { ...parsed, id: noteId };
  const chunks = chunkNote(note);
  // Chunks packed and their terms, each distinct line tokenized once (what every index loads).
  await store.saveNote(note, encodeIndexRecord(note, chunks, version), input.sourceKey);
  return result(existingId === null ? 'ingested' : 'updated', note, input.source, chunks.length);
}

function result(status: IngestStatus, note: Note, source: string, chunks: number): IngestResult {
  return { status, noteId: note.id, title: note.title, source, chunks, contentHash: note.contentHash, language: note.language };
}
