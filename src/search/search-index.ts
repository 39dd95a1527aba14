import type { Chunk } from '../domain/note.js';
import { Bm25Scores } from './bm25.js';
import { rerankCandidates, type IndexParts, type ScoredDoc, selectCandidates } from './candidate-ranking.js';
import { FeatureCache } from './chunk-features.js';
import { analyzeChunk, type NoteTerms, searchableTitle } from './chunk-terms.js';
import type { CompactChunks } from './compact-chunks.js';
import { type BulkLoad, DocumentTable } from './document-table.js';
import { FuzzyVocabulary } from './fuzzy.js';
import { PostingTable } from './postings.js';
import { type AnalyzedQuery, analyzeQuery } from './query-analysis.js';
import { namedWords } from './question-kind.js';
import { type NearestSection, type QueryResult, queryResult } from './query-result.js';
import { capPhrases, type WeightedSlot, weighSlot } from './slot-weights.js';
import { isLatinTerm } from './tokenize.js';
import { isTranslationIndexKey } from './translated-chunks.js';
import type { ChunkTerms, IndexedNoteMeta, SearchHit } from './types.js';

export type { BulkLoad } from './document-table.js';
export type { NearbyChunk, NearestSection, QueryResult } from './query-result.js';

/**
 * In-memory BM25 index over note chunks, replaced note by note. A question is analyzed into
 * slots (one per content word, with katakana↔English and typo alternatives); a chunk's score is
 * the sum over slots of the slot's IDF weight times how well the chunk's best alternative
 * matches, so the best possible score of a question is known and scores compare across
 * questions and languages (`relevance`). The best candidates are re-ranked by whether the
 * chunk's own text (not just its children) matches and whether it defines the asked term.
 *
 * This class ties the parts together: document-table.ts (notes as numbered documents),
 * slot-weights.ts and bm25.ts (scoring), candidate-ranking.ts (re-ranking), question-coverage.ts
 * (grounding) and query-result.ts (what a search returns).
 */

export interface SearchOptions {
  /** Hits to return (default 5). */
  top?: number;
  /** Only search this note. */
  noteId?: string;
}

const DEFAULT_TOP = 5;

export class SearchIndex {
  private readonly postings = new PostingTable();
  private readonly fuzzy = new FuzzyVocabulary();
  private readonly features = new FeatureCache();
  private readonly documents = new DocumentTable(this.postings, {
    onNewTerm: (term) => {
      if (isLatinTerm(term)) this.fuzzy.add(term);
    },
    onDocRemoved: (doc) => this.features.delete(doc),
    onRenumbered: () => {
      this.features.clear();
      this.fuzzy.prune((term) => this.postings.documentFrequency(term) > 0);
    },
  });
  private readonly parts: IndexParts = { documents: this.documents, postings: this.postings, features: this.features };
  private readonly scores = new Bm25Scores();

  /** Weighted terms of a chunk of a note: computed at ingest and stored, so start-up need not tokenize. */
  static analyzeChunk(chunk: Chunk, note: { title: string; source: string }): ChunkTerms {
    return analyzeChunk(chunk, searchableTitle(note.title, note.source));
  }

  /** Number of chunks in the index. */
  get size(): number {
    return this.documents.liveDocs;
  }

  hasNote(noteId: string): boolean {
    return this.documents.has(noteId);
  }

  /** Keys of everything indexed: note ids and their translations' keys (see translated-chunks.ts). */
  noteIds(): string[] {
    return [...this.documents.keys()];
  }

  /** How many notes are indexed (their translations not counted). */
  get noteCount(): number {
    let count = 0;
    for (const key of this.documents.keys()) if (!isTranslationIndexKey(key)) count++;
    return count;
  }

  /** What the index knows of a note (title, source). */
  noteMeta(noteId: string): IndexedNoteMeta | undefined {
    return this.documents.entry(noteId)?.meta;
  }

  /**
   * Adds a note or replaces all of its chunks, in one synchronous step: a search never sees the
   * note half-replaced or missing. Uses `terms` (from ingest) when they match the chunks.
   */
  upsertNote(meta: IndexedNoteMeta, chunks: Chunk[], terms?: ChunkTerms[]): void {
    this.documents.upsertNote(meta, chunks, terms);
  }

  /**
   * upsertNote for a note already packed, with its terms as analyzeNoteChunks gives them (or a
   * stored index record holds them): no Chunk objects, no per-chunk term records.
   */
  upsertCompact(meta: IndexedNoteMeta, chunks: CompactChunks, terms: NoteTerms): void {
    this.documents.upsertCompact(meta, chunks, terms);
  }

  /**
   * Sizes the posting lists for many notes about to be added (start-up: every stored note), so
   * that each list is made once at its size instead of growing note by note: `expect` each note's
   * terms with the number of its chunks that have each, `reserve`, then add the notes as usual.
   * Nothing changes for searches until the notes are added.
   */
  startBulkLoad(): BulkLoad {
    return this.documents.startBulkLoad();
  }

  /** Removes a note's chunks; false when the note was not indexed. */
  removeNote(noteId: string): boolean {
    return this.documents.remove(noteId);
  }

  clear(): void {
    this.postings.clear();
    this.fuzzy.clear();
    this.documents.clear();
    this.features.clear();
  }

  /** Best chunks for a question, best first, near-duplicates (a bullet and its own sub-bullets) folded. */
  search(query: string, options: SearchOptions = {}): SearchHit[] {
    return this.query(query, options).hits;
  }

  /** The sections whose chunks come closest to a question, best first, one entry per section. */
  nearestSections(query: string, count = 3, noteId?: string): NearestSection[] {
    return this.query(query, { top: 1, noteId, sections: count }).sections;
  }

  /**
   * Hits and nearest sections from one ranking (an answer needs both when the notes do not
   * cover the question), plus the question's analysis.
   */
  query(query: string, options: SearchOptions & { sections?: number } = {}): QueryResult {
    const top = Math.max(1, options.top ?? DEFAULT_TOP);
    const sectionCount = Math.max(0, options.sections ?? 0);
    const { ranked, ...reading } = this.rank(query, options.noteId);
    return queryResult(ranked, reading, top, sectionCount, this.parts);
  }

  /**
   * The bullet a chunk is nested under, if any (for answers that need their context). For a
   * translated chunk, the parent in the same translation when it has one, so an answer does not
   * mix languages.
   */
  parentOf(chunk: Chunk): Chunk | null {
    return this.documents.parentOf(chunk);
  }

  /** Query analysis as the index sees it (for tests and explanations). */
  analyze(query: string): AnalyzedQuery {
    return analyzeQuery(query, {
      documentFrequency: (term) => this.postings.documentFrequency(term),
      fuzzyNeighbours: (term) => this.fuzzy.neighbours(term, (candidate) => this.postings.documentFrequency(candidate) > 0),
    });
  }

  /** The best candidates, re-ranked, best first. */
  private rank(query: string, noteId: string | undefined): { analyzed: AnalyzedQuery; ranked: ScoredDoc[]; slots: WeightedSlot[]; maxScore: number } {
    const analyzed = this.analyze(query);
    const liveDocs = this.documents.liveDocs;
    if (liveDocs === 0 || analyzed.slots.length === 0) return { analyzed, ranked: [], slots: [], maxScore: 0 };
    const slots = capPhrases(analyzed.slots.map((slot) => weighSlot(slot, this.postings, liveDocs)));
    const maxScore = slots.reduce((sum, slot) => sum + slot.weight, 0);
    if (maxScore <= 0) return { analyzed, ranked: [], slots, maxScore };
    const only = noteId === undefined ? undefined : this.documents.rangeOf(noteId);
    const touched = this.scores.accumulate(slots, this.postings, this.documents, only);
    const candidates = selectCandidates(slots, touched, this.scores.total, namedWords(query), this.parts);
    this.scores.reset(touched);
    return { analyzed, ranked: rerankCandidates(query, analyzed, slots, maxScore, candidates, this.parts), slots, maxScore };
  }
}
