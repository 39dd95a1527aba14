import { type PostingTable, TF_STEPS } from './postings.js';
import type { WeightedSlot } from './slot-weights.js';

/**
 * BM25 over the posting lists: each question slot adds its weight times how well a document's
 * best representation of it matches, with BM25's saturation and length normalization. The score
 * arrays are kept between searches, one slot per document id, so a search allocates
 * nothing per document.
 */

// BM25 constants (the usual values; chunks are short, so length normalization matters little).
const K1 = 1.2;
const B = 0.75;

/** What BM25 reads of the documents (DocumentTable has it). */
export interface DocumentLengths {
  /** Weighted length of each document id, -1 for dead ones. */
  readonly lengths: Float64Array;
  /** Document ids in use, dead ones included. */
  readonly docCount: number;
  readonly liveDocs: number;
  readonly totalLength: number;
}

export class Bm25Scores {
  // Score accumulators, reused across searches (one slot per document id).
  private totals = new Float64Array(0);
  private slotBest = new Float64Array(0);
  private repScore = new Float64Array(0);

  /** The score of each document `accumulate` touched, until `reset`. */
  get total(): Float64Array {
    return this.totals;
  }

  /**
   * Adds every slot's contribution into `total`; returns the documents touched. `only`: count
   * only the documents [from, to) (one note's).
   */
  accumulate(slots: WeightedSlot[], postings: PostingTable, documents: DocumentLengths, only: { from: number; to: number } | undefined): number[] {
    this.ensureAccumulators(documents.docCount);
    // Locals: this loop runs once per posting of every question term (100k+ at 2,000 notes), and
    // each array it touches at a random document costs a cache miss: keep them few.
    const { totals: total, slotBest, repScore } = this;
    const lengths = documents.lengths;
    const docPool = postings.docPool;
    const tfPool = postings.tfPool;
    const avgLength = documents.totalLength / Math.max(1, documents.liveDocs) || 1;
    const normBase = K1 * (1 - B);
    const normSlope = (K1 * B) / avgLength;
    // Documents of one note are consecutive ids: [onlyFrom, onlyTo) when filtering by note.
    const filtered = only !== undefined;
    const onlyFrom = only?.from ?? 0;
    const onlyTo = only?.to ?? 0;
    const touched: number[] = [];
    const slotTouched: number[] = [];
    const repTouched: number[] = [];
    for (const slot of slots) {
      if (slot.weight <= 0) continue;
      for (const representation of slot.representations) {
        if (representation.idfSum <= 0) continue;
        for (const term of representation.terms) {
          if (term.id === undefined || term.skip) continue;
          const share = (representation.weight * term.idf) / representation.idfSum;
          const start = postings.startOf(term.id);
          const end = start + postings.countOf(term.id);
          for (let i = start; i < end; i++) {
            const doc = docPool[i] as number;
            // Dead documents have length -1 (one array read instead of two).
            const length = lengths[doc] as number;
            if (length < 0 || (filtered && (doc < onlyFrom || doc >= onlyTo))) continue;
            const tf = (tfPool[i] as number) / TF_STEPS;
            const previous = repScore[doc] as number;
            if (previous === 0) repTouched.push(doc);
            repScore[doc] = previous + (share * tf) / (tf + normBase + normSlope * length);
          }
        }
        // A slot counts its best representation only: サービス and service are one concept.
        for (const doc of repTouched) {
          const value = repScore[doc] as number;
          repScore[doc] = 0;
          const best = slotBest[doc] as number;
          if (best === 0) slotTouched.push(doc);
          if (value > best) slotBest[doc] = value;
        }
        repTouched.length = 0;
      }
      for (const doc of slotTouched) {
        if (total[doc] === 0) touched.push(doc);
        total[doc] = (total[doc] as number) + slot.weight * (slotBest[doc] as number);
        slotBest[doc] = 0;
      }
      slotTouched.length = 0;
    }
    return touched;
  }

  /** Zeroes the scores of the documents a search touched, for the next search. */
  reset(touched: readonly number[]): void {
    for (const doc of touched) this.totals[doc] = 0;
  }

  private ensureAccumulators(needed: number): void {
    if (this.totals.length >= needed) return;
    const size = Math.max(needed, Math.ceil(this.totals.length * 1.5), 1024);
    this.totals = new Float64Array(size);
    this.slotBest = new Float64Array(size);
    this.repScore = new Float64Array(size);
  }
}
