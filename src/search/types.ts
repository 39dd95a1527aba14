import type { Chunk } from '../notes/types.js';

/** What search needs of a note besides its chunks, to rank and to cite. */
export interface IndexedNoteMeta {
  noteId: string;
  title: string;
  source: string;
}

/** Term frequencies of a chunk, computed once at ingest and stored with it (fast start-up). */
export interface ChunkTerms {
  /** term -> weighted frequency */
  tf: Record<string, number>;
  /** weighted length used by BM25 */
  length: number;
}

export interface SearchHit {
  chunk: Chunk;
  note: IndexedNoteMeta;
  score: number;
}
