import type { Chunk } from '../domain/note.js';

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
  /** Ranking score (BM25 with re-ranking boosts); compares hits of one question only. */
  score: number;
  /**
   * BM25 score over the question's best possible score (0..1, about 0.45 when every question
   * word occurs once): comparable across questions and languages.
   */
  relevance: number;
  /** Share of the question's weight found in the chunk's own text, not its children (0..1). */
  coverage: number;
  /** Share of the question's weight the chunk mentions at all: own text, sub-bullets, heading, title (0..1). */
  matched: number;
  /** Question words (normalized, as QuerySlot labels) the chunk does not mention anywhere. */
  absent: string[];
  /** Question words that no chunk of the hit's note mentions. */
  absentFromNote: string[];
}
