import type { PostingTable } from './postings.js';
import type { QuerySlot } from './query-analysis.js';

/**
 * What each word of a question is worth in this index: BM25's IDF of its terms (so the best
 * possible score of a question is the sum of its slot weights, and scores compare across
 * questions), which terms are too common to be worth reading, and a cap on phrase bonuses.
 * Scoring, grounding and re-ranking all read these numbers.
 */

/** Per-slot numbers derived from the index statistics. */
export interface WeightedSlot {
  /** The question word (QuerySlot.label). */
  label: string;
  /** QuerySlot.phrase: adjacency of other words. */
  phrase: boolean;
  /** Whether any note has any of its terms. */
  known: boolean;
  weight: number;
  representations: Array<{
    weight: number;
    /** A translation (サービス for "service"): a full mention for grounding, if ranked a little lower. */
    translation: boolean;
    /** `skip`: too common to be worth reading its postings (a rarer term of the representation stands for it). */
    terms: Array<{ id: number | undefined; idf: number; skip: boolean }>;
    idfSum: number;
  }>;
}

// Terms in more than this share of chunks are not read when a rarer term stands for them …
const COMMON_TERM_SHARE = 0.03;
// … and only in indexes big enough for that to matter.
const MIN_COMMON_TERM_DOCS = 500;
// Phrase slots weigh this share of a word (query-analysis.ts PHRASE_IMPORTANCE).
const PHRASE_SHARE = 0.4;

/** IDF-based weights of a slot and its representations, over `liveDocs` documents. */
export function weighSlot(slot: QuerySlot, postings: PostingTable, liveDocs: number): WeightedSlot {
  const docs = Math.max(1, liveDocs);
  const idf = (frequency: number): number => Math.log(1 + (docs - frequency + 0.5) / (frequency + 0.5));
  const common = Math.max(MIN_COMMON_TERM_DOCS, docs * COMMON_TERM_SHARE);
  let strongest = 0;
  const representations = slot.representations.map((representation) => {
    const terms = representation.terms.map((term) => {
      const id = postings.find(term);
      const frequency = id === undefined ? 0 : postings.frequencyOf(id);
      // An unknown term weighs like a term seen once: it is rare, not infinitely important.
      const termIdf = idf(Math.max(1, frequency));
      if (representation.kind === 'native') strongest = Math.max(strongest, termIdf);
      return { id: frequency > 0 ? id : undefined, idf: termIdf, frequency, skip: false };
    });
    // Bigrams like サー or ービ are in a tenth of all chunks and add little; when a rarer term
    // of the same word is there to find its chunks, their long posting lists are not read.
    if (terms.some((term) => term.id !== undefined && term.frequency <= common)) {
      for (const term of terms) term.skip = term.frequency > common;
    } else if (representation.kind === 'translation') {
      // A glossary translation of an everyday word ("use" → 利用, "new" → 新規) in thousands of
      // chunks says little and costs a long read: only rarer translations are read.
      for (const term of terms) term.skip = term.frequency > common;
    }
    const idfSum = terms.reduce((sum, term) => sum + term.idf, 0);
    return { weight: representation.weight, translation: representation.kind === 'translation', terms, idfSum };
  });
  const known = representations.some((representation) => representation.terms.some((term) => term.id !== undefined));
  return { label: slot.label, phrase: slot.phrase === true, known, weight: slot.importance * strongest, representations };
}

/**
 * A phrase (adjacent words: "service mesh day" as サービスメッシュ + メッシュデイ) is a bonus over its
 * words. A part no note has weighs like the rarest term, so left alone the bonus would outweigh
 * every real word of the question: it weighs at most a share of the words' own weight (and of the
 * least of them when no note has any of it, a guess rather than a missing topic).
 */
export function capPhrases(slots: WeightedSlot[]): WeightedSlot[] {
  const knownWeights = slots.filter((slot) => !slot.phrase && slot.known).map((slot) => slot.weight);
  if (knownWeights.length === 0) return slots;
  const cap = (slot: WeightedSlot): number => (slot.known ? Math.max(...knownWeights) : Math.min(...knownWeights)) * PHRASE_SHARE;
  return slots.map((slot) => (slot.phrase ? { ...slot, weight: Math.min(slot.weight, cap(slot)) } : slot));
}
