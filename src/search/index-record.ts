import type { Chunk, ChunkTranslation } from '../domain/note.js';
import { analyzeNoteChunks, chunkTermsOf, type NoteTerms, searchableTitle } from './chunk-terms.js';
import { CompactChunks } from './compact-chunks.js';
import type { ChunkTerms, IndexedNoteMeta } from './types.js';

/**
 * What a process needs to index one note, stored in Redis beside the note: its chunks packed
 * (CompactChunks) and their terms (NoteTerms), with the note's title, source and hash. Binary:
 * a small JSON part holds the strings (distinct lines, heading paths, terms, each once), a
 * varint part the numbers. About a tenth of the JSON of chunks + per-chunk term records, read
 * without JSON-parsing a term record per chunk and without the note itself.
 */

/** Bumped when the layout below changes (index-version.ts includes it: notes are re-indexed). */
// 2: a note's title terms include the words of its file name.
// 3: the terms and in how many chunks each occurs come first, so sizing a bulk load reads nothing else.
export const INDEX_RECORD_FORMAT = 3;
// "RCX" + format byte: a stored value not starting with this is an older JSON chunks value.
const MAGIC = [0x52, 0x43, 0x58, INDEX_RECORD_FORMAT] as const;

/** What a record says about its note (enough to tell whether a new ingest changes anything). */
export interface IndexRecordHeader {
  /** indexVersion() when the record was written: another version means re-analyze. */
  version: string;
  noteId: string;
  title: string;
  source: string;
  contentHash: string;
  chunkCount: number;
}

export interface IndexRecord extends IndexRecordHeader {
  meta: IndexedNoteMeta;
  chunks: CompactChunks;
  terms: NoteTerms;
}

/** The strings of the chunks and terms (the second JSON part; the first is the IndexRecordHeader). */
interface BodyJson {
  chunkNoteId: string;
  idPrefix: string;
  texts: string;
  sections: string[][];
  whole?: Array<[number, Chunk]>;
  translations?: Array<[number, ChunkTranslation]>;
}

/** The note fields a record keeps. */
export interface RecordNote {
  id: string;
  title: string;
  source: string;
  contentHash: string;
}

/** Packs a note's chunks and analyzes their terms (each distinct line tokenized once). */
export function encodeIndexRecord(note: RecordNote, chunks: readonly Chunk[], version: string): Buffer {
  // The terms are written out at once: lent from the analyzer's buffers, not copied.
  return encodeParts(note, CompactChunks.fromChunks(chunks), analyzeNoteChunks(chunks, searchableTitle(note.title, note.source), { reuseScratch: true }), version);
}

function encodeParts(note: RecordNote, compact: CompactChunks, terms: NoteTerms, version: string): Buffer {
  const parts = compact.toParts();
  const header: IndexRecordHeader = { version, noteId: note.id, title: note.title, source: note.source, contentHash: note.contentHash, chunkCount: compact.count };
  const body: BodyJson = {
    chunkNoteId: parts.noteId,
    idPrefix: parts.idPrefix,
    texts: parts.texts,
    sections: parts.sections,
  };
  if (parts.whole) body.whole = [...parts.whole];
  if (parts.translations) body.translations = [...parts.translations];
  const headerBytes = Buffer.from(JSON.stringify(header), 'utf8');
  const termBytes = Buffer.from(JSON.stringify(terms.terms), 'utf8');
  const bodyBytes = Buffer.from(JSON.stringify(body), 'utf8');
  const writer = new VarintWriter(headerBytes.length + termBytes.length + bodyBytes.length + 64 + terms.terms.length * 2 + terms.termIndex.length * 4 + parts.childEntry.length * 3 + compact.count * 6);
  for (const byte of MAGIC) writer.byte(byte);
  writer.uint(headerBytes.length);
  writer.bytes(headerBytes);
  // The terms, then in how many chunks each has a weight > 0 (what a bulk load sizes postings by).
  writer.uint(termBytes.length);
  writer.bytes(termBytes);
  const counts = new Int32Array(terms.terms.length);
  for (let i = 0; i < terms.termIndex.length; i++) if ((terms.tfThousandths[i] as number) / 1000 > 0) counts[terms.termIndex[i] as number] = (counts[terms.termIndex[i] as number] as number) + 1;
  for (let term = 0; term < counts.length; term++) writer.uint(counts[term] as number);
  writer.uint(bodyBytes.length);
  writer.bytes(bodyBytes);
  const entries = parts.lines.length;
  writer.uint(entries);
  for (let entry = 0; entry < entries; entry++) {
    writer.int(parts.lines[entry] as number);
    writer.uint((parts.textEnds[entry] as number) - (entry === 0 ? 0 : (parts.textEnds[entry - 1] as number)));
  }
  for (let chunk = 0; chunk < compact.count; chunk++) {
    writer.uint(parts.chunkEntry[chunk] as number);
    writer.uint(parts.chunkSection[chunk] as number);
    const from = parts.childStarts[chunk] as number;
    const to = parts.childStarts[chunk + 1] as number;
    writer.uint(to - from);
    for (let child = from; child < to; child++) {
      writer.uint(parts.childEntry[child] as number);
      writer.int(parts.childDepth[child] as number);
    }
  }
  for (let chunk = 0; chunk < compact.count; chunk++) {
    writer.int(terms.lengthThousandths[chunk] as number);
    const from = terms.starts[chunk] as number;
    const to = terms.starts[chunk + 1] as number;
    writer.uint(to - from);
    for (let i = from; i < to; i++) {
      writer.uint(terms.termIndex[i] as number);
      writer.int(terms.tfThousandths[i] as number);
    }
  }
  return writer.finish();
}

/** Whether a stored value is an index record (rather than an older JSON chunks value). */
export function isIndexRecord(value: Uint8Array): boolean {
  return value.length >= MAGIC.length && MAGIC.every((byte, index) => value[index] === byte);
}

/**
 * The header alone (cheap: no chunks or terms decoded). Reads from the start of the value, so
 * the first bytes are enough (see INDEX_RECORD_HEADER_BYTES): null for anything but a record,
 * undefined when `value` is cut before the header ends.
 */
export function readIndexRecordHeader(value: Uint8Array): IndexRecordHeader | null | undefined {
  if (!isIndexRecord(value)) return null;
  const reader = new VarintReader(value, MAGIC.length);
  const length = reader.uintOrUndefined();
  if (length === undefined || reader.remaining < length) return undefined;
  return parseJson<IndexRecordHeader>(value, reader.position, length);
}

/** Bytes from the start of a record that usually hold its whole header. */
export const INDEX_RECORD_HEADER_BYTES = 1024;

// Decoding scratch, reused from record to record: [0, structure) the chunk structure (copied out
// packed), then the terms (copied out, or lent with `reuseScratch`).
let scratch = new Int32Array(1 << 14);

function ensureScratch(needed: number): void {
  if (needed <= scratch.length) return;
  const grown = new Int32Array(Math.max(needed, scratch.length * 2));
  grown.set(scratch);
  scratch = grown;
}

/**
 * The whole record; null for anything but a record. With `reuseScratch`, the record's `terms`
 * arrays are lent from a buffer the next decode overwrites: use them before decoding again (a
 * bulk load decoding record after record allocates nothing for them).
 */
export function decodeIndexRecord(value: Uint8Array, options: { reuseScratch?: boolean } = {}): IndexRecord | null {
  if (!isIndexRecord(value)) return null;
  const reader = new VarintReader(value, MAGIC.length);
  const header = reader.json<IndexRecordHeader>(value);
  const termNames = reader.json<string[]>(value);
  for (let term = 0; term < termNames.length; term++) reader.uint();
  const body = reader.json<BodyJson>(value);
  const count = header.chunkCount;
  // Every number takes at least one byte: the rest of the value bounds how many there are.
  ensureScratch(reader.remaining + 2 * count + 16);
  const entries = reader.uint();
  // Layout of the kept numbers: textEnds, lines (entries each), chunkEntry, chunkSection
  // (count each), childStarts (count + 1), childEntry, childDepth (one per child).
  const textEndsAt = 0;
  const linesAt = entries;
  const chunkEntryAt = 2 * entries;
  const chunkSectionAt = chunkEntryAt + count;
  const childStartsAt = chunkSectionAt + count;
  const childrenAt = childStartsAt + count + 1;
  let textEnd = 0;
  for (let entry = 0; entry < entries; entry++) {
    scratch[linesAt + entry] = reader.int();
    textEnd += reader.uint();
    scratch[textEndsAt + entry] = textEnd;
  }
  // Children are read as (entry, depth) pairs, then split into the two lists.
  let pairs = childrenAt;
  for (let chunk = 0; chunk < count; chunk++) {
    scratch[chunkEntryAt + chunk] = reader.uint();
    scratch[chunkSectionAt + chunk] = reader.uint();
    scratch[childStartsAt + chunk] = (pairs - childrenAt) / 2;
    const children = reader.uint();
    for (let child = 0; child < children; child++) {
      scratch[pairs++] = reader.uint();
      scratch[pairs++] = reader.int();
    }
  }
  const childCount = (pairs - childrenAt) / 2;
  scratch[childStartsAt + count] = childCount;
  const packed = new Int32Array(childrenAt + 2 * childCount);
  packed.set(scratch.subarray(0, childrenAt));
  for (let child = 0; child < childCount; child++) {
    packed[childrenAt + child] = scratch[childrenAt + 2 * child] as number;
    packed[childrenAt + childCount + child] = scratch[childrenAt + 2 * child + 1] as number;
  }
  const chunks = CompactChunks.fromParts({
    noteId: body.chunkNoteId,
    idPrefix: body.idPrefix,
    texts: body.texts,
    sections: body.sections,
    textEnds: packed.subarray(textEndsAt, textEndsAt + entries),
    lines: packed.subarray(linesAt, linesAt + entries),
    chunkEntry: packed.subarray(chunkEntryAt, chunkEntryAt + count),
    chunkSection: packed.subarray(chunkSectionAt, chunkSectionAt + count),
    childStarts: packed.subarray(childStartsAt, childStartsAt + count + 1),
    childEntry: packed.subarray(childrenAt, childrenAt + childCount),
    childDepth: packed.subarray(childrenAt + childCount, childrenAt + 2 * childCount),
    whole: body.whole ? new Map(body.whole) : null,
    translations: body.translations ? new Map(body.translations) : null,
  });
  // Terms: per chunk its length, then (term, tf) pairs, at most one pair per two bytes left.
  const startsAt = 0;
  const lengthsAt = count + 1;
  const termIndexAt = lengthsAt + count;
  const maxPairs = Math.ceil(reader.remaining / 2);
  const tfAt = termIndexAt + maxPairs;
  ensureScratch(tfAt + maxPairs);
  let termPairs = 0;
  for (let chunk = 0; chunk < count; chunk++) {
    scratch[lengthsAt + chunk] = reader.int();
    scratch[startsAt + chunk] = termPairs;
    const termCount = reader.uint();
    for (let i = 0; i < termCount; i++) {
      scratch[termIndexAt + termPairs] = reader.uint();
      scratch[tfAt + termPairs] = reader.int();
      termPairs++;
    }
  }
  scratch[startsAt + count] = termPairs;
  const lent: NoteTerms = {
    terms: termNames,
    starts: scratch.subarray(startsAt, startsAt + count + 1),
    termIndex: scratch.subarray(termIndexAt, termIndexAt + termPairs),
    tfThousandths: scratch.subarray(tfAt, tfAt + termPairs),
    lengthThousandths: scratch.subarray(lengthsAt, lengthsAt + count),
  };
  const terms: NoteTerms = options.reuseScratch
    ? lent
    : {
        terms: lent.terms,
        starts: Array.from(lent.starts),
        termIndex: Array.from(lent.termIndex),
        tfThousandths: Array.from(lent.tfThousandths),
        lengthThousandths: Array.from(lent.lengthThousandths),
      };
  return {
    version: header.version,
    noteId: header.noteId,
    title: header.title,
    source: header.source,
    contentHash: header.contentHash,
    chunkCount: count,
    meta: { noteId: header.noteId, title: header.title, source: header.source },
    chunks,
    terms,
  };
}

/**
 * A record's terms and in how many of its chunks each occurs (term weight > 0), without the rest:
 * what sizing the posting lists for a bulk load takes (SearchIndex.startBulkLoad). Null for
 * anything but a record.
 */
export function countIndexRecordTerms(value: Uint8Array): { version: string; terms: readonly string[]; counts: Int32Array } | null {
  if (!isIndexRecord(value)) return null;
  const reader = new VarintReader(value, MAGIC.length);
  const header = reader.json<IndexRecordHeader>(value);
  const terms = reader.json<string[]>(value);
  const counts = new Int32Array(terms.length);
  for (let term = 0; term < terms.length; term++) counts[term] = reader.uint();
  return { version: header.version, terms, counts };
}

/** The record's chunks and per-chunk term records, as the JSON chunks value held them. */
export function recordChunkTerms(record: IndexRecord): { chunks: Chunk[]; terms: ChunkTerms[] } {
  const chunks = record.chunks.all();
  return { chunks, terms: chunks.map((_, index) => chunkTermsOf(record.terms, index)) };
}

function parseJson<T>(value: Uint8Array, start: number, length: number): T {
  return JSON.parse(Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('utf8', start, start + length)) as T;
}

/** Unsigned LEB128 varints; signed numbers zigzag-encoded first. */
class VarintWriter {
  private buffer: Buffer;
  private length = 0;

  constructor(capacity: number) {
    this.buffer = Buffer.allocUnsafe(Math.max(64, capacity));
  }

  byte(value: number): void {
    if (this.length === this.buffer.length) this.grow(1);
    this.buffer[this.length++] = value;
  }

  bytes(value: Uint8Array): void {
    if (this.length + value.length > this.buffer.length) this.grow(value.length);
    this.buffer.set(value, this.length);
    this.length += value.length;
  }

  uint(value: number): void {
    if (this.length + 5 > this.buffer.length) this.grow(5);
    let rest = value >>> 0;
    while (rest >= 0x80) {
      this.buffer[this.length++] = (rest & 0x7f) | 0x80;
      rest >>>= 7;
    }
    this.buffer[this.length++] = rest;
  }

  int(value: number): void {
    this.uint(((value << 1) ^ (value >> 31)) >>> 0);
  }

  finish(): Buffer {
    // A copy of exactly the written bytes (the working buffer may be pooled and oversized).
    return Buffer.from(this.buffer.subarray(0, this.length));
  }

  private grow(needed: number): void {
    const grown = Buffer.allocUnsafe(Math.max(this.buffer.length * 2, this.length + needed));
    this.buffer.copy(grown, 0, 0, this.length);
    this.buffer = grown;
  }
}

class VarintReader {
  constructor(
    private readonly data: Uint8Array,
    public position: number,
  ) {}

  get remaining(): number {
    return this.data.length - this.position;
  }

  uint(): number {
    let result = 0;
    let shift = 0;
    for (;;) {
      if (this.position >= this.data.length) throw new Error('index record truncated');
      const byte = this.data[this.position++] as number;
      result |= (byte & 0x7f) << shift;
      if (byte < 0x80) return result >>> 0;
      shift += 7;
      if (shift > 28) throw new Error('index record: varint too long');
    }
  }

  int(): number {
    const value = this.uint();
    return (value >>> 1) ^ -(value & 1);
  }

  uintOrUndefined(): number | undefined {
    try {
      return this.uint();
    } catch {
      return undefined;
    }
  }

  /** A length-prefixed UTF-8 JSON part. */
  json<T>(value: Uint8Array): T {
    const length = this.uint();
    if (length > this.remaining) throw new Error('index record truncated');
    const parsed = parseJson<T>(value, this.position, length);
    this.position += length;
    return parsed;
  }
}
