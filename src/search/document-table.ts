import type { Chunk } from '../domain/note.js';
import { analyzeChunk, analyzeNoteChunks, type NoteTerms, searchableTitle } from './chunk-terms.js';
import { CompactChunks } from './compact-chunks.js';
import type { PostingTable } from './postings.js';
import { translationIndexKey } from './translated-chunks.js';
import type { ChunkTerms, IndexedNoteMeta } from './types.js';

/**
 * The notes of the index as numbered documents (one per chunk), kept in step with the posting
 * lists: a note's documents are consecutive ids, a replaced note's ids die (their postings are
 * released with exact document frequencies), and the ids are renumbered once dead ones dominate,
 * so arrays indexed by document id stay proportional to live data. Also the per-document numbers
 * BM25 needs (weighted lengths, their total).
 */

export interface NoteEntry {
  meta: IndexedNoteMeta;
  /** The note's chunks, packed (Chunk objects are made when a search returns them). */
  chunks: CompactChunks;
  /** The note's documents are firstDoc … firstDoc + chunks.count - 1 (renumbering keeps them together). */
  firstDoc: number;
  /** Distinct term ids of the note's documents and in how many of them each occurs (exact document frequencies on removal). */
  termIds: Int32Array;
  termCounts: Int32Array;
  /** Terms of the note's title, made when first needed. */
  titleTerms?: Set<string>;
}

/** Posting lists sized for many notes before they are added (see SearchIndex.startBulkLoad). */
export interface BulkLoad {
  /** Counts a note to come: its terms, and in how many of its chunks each occurs. */
  expect(terms: readonly string[], counts: ArrayLike<number>): void;
  /** Makes the room counted so far (one new pool for all posting lists). */
  reserve(): void;
}

/** What the rest of the index keeps in step with the documents. */
export interface DocumentTableHooks {
  /** A term is new, or gets a posting again after all of its documents were removed. */
  readonly onNewTerm: (term: string) => void;
  /** A document id died (its note was removed or replaced). */
  readonly onDocRemoved: (doc: number) => void;
  /** Documents were renumbered: anything kept by document id is stale. */
  readonly onRenumbered: () => void;
}

// Renumber documents once this many ids are dead and they outnumber live ones.
const MIN_DEAD_DOCS_TO_COMPACT = 4096;
const INITIAL_DOC_CAPACITY = 1024;
// Stored term frequencies and lengths are thousandths (chunk-terms.ts rounds them so).
const TF_DECIMALS = 1000;

export class DocumentTable {
  private readonly notes = new Map<string, NoteEntry>();
  /** The note of each document id, null once removed. */
  private owners: Array<NoteEntry | null> = [];
  /** Scratch for counting a note's term ids while adding it (indexed by term id). */
  private termScratch = new Int32Array(1024);
  /** Weighted length of each document (BM25), -1 once it is removed; indexed by document id. */
  private docLengths = new Float64Array(INITIAL_DOC_CAPACITY).fill(-1);
  private liveCount = 0;
  private lengthTotal = 0;

  constructor(
    private readonly postings: PostingTable,
    private readonly hooks: DocumentTableHooks,
  ) {}

  /** Live documents (chunks). */
  get liveDocs(): number {
    return this.liveCount;
  }

  /** Document ids handed out so far, dead ones included: the size arrays indexed by document id need. */
  get docCount(): number {
    return this.owners.length;
  }

  /** Sum of the live documents' weighted lengths. */
  get totalLength(): number {
    return this.lengthTotal;
  }

  /** Weighted length of each document id, -1 for dead ones (replaced when documents are added or renumbered). */
  get lengths(): Float64Array {
    return this.docLengths;
  }

  has(noteId: string): boolean {
    return this.notes.has(noteId);
  }

  entry(noteId: string): NoteEntry | undefined {
    return this.notes.get(noteId);
  }

  /** Keys of the indexed notes (and of their translations). */
  keys(): IterableIterator<string> {
    return this.notes.keys();
  }

  /** The note of a document id, null when the document is dead. */
  owner(doc: number): NoteEntry | null {
    return this.owners[doc] ?? null;
  }

  /** A note's document ids [from, to); empty when the note is not indexed. */
  rangeOf(noteId: string): { from: number; to: number } {
    const entry = this.notes.get(noteId);
    return { from: entry?.firstDoc ?? 0, to: entry ? entry.firstDoc + entry.chunks.count : 0 };
  }

  /** The chunk of a live document, as a new object. */
  chunkAt(doc: number): Chunk {
    const owner = this.owners[doc] as NoteEntry;
    return owner.chunks.chunk(doc - owner.firstDoc);
  }

  /** See SearchIndex.upsertNote. */
  upsertNote(meta: IndexedNoteMeta, chunks: Chunk[], terms?: ChunkTerms[]): void {
    const compact = CompactChunks.fromChunks(chunks);
    if (!terms || terms.length !== chunks.length) {
      this.upsertCompact(meta, compact, analyzeNoteChunks(chunks, searchableTitle(meta.title, meta.source), { reuseScratch: true }));
      return;
    }
    const analyzed = chunks.map((chunk, index) => terms[index] ?? analyzeChunk(chunk, searchableTitle(meta.title, meta.source)));
    this.replaceNote(meta, compact, (addDoc, addPosting) => {
      for (const chunkTerms of analyzed) {
        const doc = addDoc(chunkTerms.length);
        const frequencies = chunkTerms.tf;
        for (const term in frequencies) {
          const tf = frequencies[term] as number;
          if (tf > 0) addPosting(this.postings.idOf(term, this.hooks.onNewTerm), doc, tf);
        }
      }
    });
  }

  /** See SearchIndex.upsertCompact. */
  upsertCompact(meta: IndexedNoteMeta, chunks: CompactChunks, terms: NoteTerms): void {
    if (terms.starts.length !== chunks.count + 1) throw new Error(`terms of ${terms.starts.length - 1} chunks given for ${chunks.count}`);
    const globalIds: number[] = new Array<number>(terms.terms.length).fill(-1);
    const { starts, termIndex, tfThousandths, lengthThousandths } = terms;
    this.replaceNote(meta, chunks, (addDoc, addPosting) => {
      for (let chunk = 0; chunk < chunks.count; chunk++) {
        const doc = addDoc((lengthThousandths[chunk] as number) / TF_DECIMALS);
        for (let i = starts[chunk] as number; i < (starts[chunk + 1] as number); i++) {
          const tf = (tfThousandths[i] as number) / TF_DECIMALS;
          if (!(tf > 0)) continue;
          const local = termIndex[i] as number;
          let id = globalIds[local] as number;
          if (id < 0) {
            id = this.postings.idOf(terms.terms[local] as string, this.hooks.onNewTerm);
            globalIds[local] = id;
          }
          addPosting(id, doc, tf);
        }
      }
    });
  }

  /** See SearchIndex.startBulkLoad. */
  startBulkLoad(): BulkLoad {
    let extra = new Int32Array(Math.max(1024, this.postings.termCount));
    return {
      expect: (terms, counts) => {
        for (let local = 0; local < terms.length; local++) {
          const count = counts[local] as number;
          if (count <= 0) continue;
          const id = this.postings.idOf(terms[local] as string, this.hooks.onNewTerm);
          if (id >= extra.length) {
            const grown = new Int32Array(Math.max(id + 1, extra.length * 2));
            grown.set(extra);
            extra = grown;
          }
          extra[id] = (extra[id] as number) + count;
        }
      },
      reserve: () => {
        this.postings.reserve(extra);
        extra = new Int32Array(0);
      },
    };
  }

  /** Removes the note's old documents, then adds the new ones through `fill`, counting term ids as they come. */
  private replaceNote(
    meta: IndexedNoteMeta,
    chunks: CompactChunks,
    fill: (addDoc: (length: number) => number, addPosting: (id: number, doc: number, tf: number) => void) => void,
  ): void {
    this.remove(meta.noteId);
    const entry: NoteEntry = { meta, chunks, firstDoc: this.owners.length, termIds: new Int32Array(0), termCounts: new Int32Array(0) };
    const touched: number[] = [];
    fill(
      (length) => {
        const doc = this.owners.length;
        this.ensureDocCapacity(doc + 1);
        this.owners.push(entry);
        this.docLengths[doc] = Math.max(0, length);
        this.liveCount++;
        this.lengthTotal += length;
        return doc;
      },
      (id, doc, tf) => {
        // A term all of whose documents were removed may have been pruned from the typo vocabulary.
        if (this.postings.frequencyOf(id) === 0) this.hooks.onNewTerm(this.postings.nameOf(id));
        this.postings.add(id, doc, tf);
        if (id >= this.termScratch.length) {
          const grown = new Int32Array(Math.max(id + 1, this.termScratch.length * 2));
          grown.set(this.termScratch);
          this.termScratch = grown;
        }
        const seen = this.termScratch[id] as number;
        if (seen === 0) touched.push(id);
        this.termScratch[id] = seen + 1;
      },
    );
    entry.termIds = Int32Array.from(touched);
    entry.termCounts = new Int32Array(touched.length);
    touched.forEach((id, position) => {
      entry.termCounts[position] = this.termScratch[id] as number;
      this.termScratch[id] = 0;
    });
    this.notes.set(meta.noteId, entry);
  }

  /** Removes a note's documents; false when the note was not indexed. */
  remove(noteId: string): boolean {
    const entry = this.notes.get(noteId);
    if (!entry) return false;
    this.notes.delete(noteId);
    const end = entry.firstDoc + entry.chunks.count;
    for (let doc = entry.firstDoc; doc < end; doc++) {
      this.owners[doc] = null;
      this.liveCount--;
      this.lengthTotal -= Math.max(0, this.docLengths[doc] ?? 0);
      this.docLengths[doc] = -1;
      this.hooks.onDocRemoved(doc);
    }
    const isLive = (doc: number): boolean => this.owners[doc] != null;
    entry.termIds.forEach((id, position) => this.postings.releaseMany(id, entry.termCounts[position] as number, isLive));
    this.compactIfSparse();
    return true;
  }

  /** Forgets every note (the posting table is cleared by its owner). */
  clear(): void {
    this.notes.clear();
    this.owners = [];
    this.docLengths = new Float64Array(INITIAL_DOC_CAPACITY).fill(-1);
    this.liveCount = 0;
    this.lengthTotal = 0;
  }

  /** See SearchIndex.parentOf. */
  parentOf(chunk: Chunk): Chunk | null {
    const entry = this.notes.get(chunk.noteId);
    if (!entry) return null;
    const chunks = entry.chunks;
    let parent = -1;
    let parentLine = 0;
    for (let index = 0; index < chunks.count; index++) {
      const line = chunks.line(index);
      if (line >= chunk.line || (parent >= 0 && line <= parentLine)) continue;
      if (chunks.hasChildOnLine(index, chunk.line)) {
        parent = index;
        parentLine = line;
      }
    }
    if (parent < 0) return null;
    const translation = chunk.translation ? this.notes.get(translationIndexKey(chunk.noteId, chunk.translation.language)) : undefined;
    return (translation && chunkOnLine(translation.chunks, parentLine)) ?? chunks.chunk(parent);
  }

  private ensureDocCapacity(needed: number): void {
    if (this.docLengths.length >= needed) return;
    const size = Math.max(needed, this.docLengths.length * 2);
    const lengths = new Float64Array(size).fill(-1);
    lengths.set(this.docLengths);
    this.docLengths = lengths;
  }

  /** Renumbers documents when dead ids dominate, so arrays and postings stay proportional to live data. */
  private compactIfSparse(): void {
    const dead = this.owners.length - this.liveCount;
    if (dead < MIN_DEAD_DOCS_TO_COMPACT || dead <= this.liveCount) return;
    const newIds = new Int32Array(this.owners.length).fill(-1);
    const owners: Array<NoteEntry | null> = [];
    const lengths = new Float64Array(Math.max(INITIAL_DOC_CAPACITY, this.liveCount * 2)).fill(-1);
    this.owners.forEach((owner, doc) => {
      if (!owner) return;
      newIds[doc] = owners.length;
      lengths[owners.length] = this.docLengths[doc] ?? 0;
      owners.push(owner);
    });
    this.postings.renumber((doc) => newIds[doc] ?? -1);
    for (const entry of this.notes.values()) entry.firstDoc = newIds[entry.firstDoc] ?? -1;
    this.owners = owners;
    this.docLengths = lengths;
    this.hooks.onRenumbered();
  }
}

/** The chunk starting on a line, or null (a translation leaves unchanged lines out). */
function chunkOnLine(chunks: CompactChunks, line: number): Chunk | null {
  for (let index = 0; index < chunks.count; index++) if (chunks.line(index) === line) return chunks.chunk(index);
  return null;
}
