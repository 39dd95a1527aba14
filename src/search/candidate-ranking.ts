import { isHeadingChunk } from '../notes/chunk.js';
import type { FeatureCache } from './chunk-features.js';
import { searchableTitle } from './chunk-terms.js';
import type { DocumentTable, NoteEntry } from './document-table.js';
import type { PostingTable } from './postings.js';
import type { AnalyzedQuery } from './query-analysis.js';
import { absentFromNote, matchedShare, mentionedWeight } from './question-coverage.js';
import { interrogativesOf, precisionOf, sharesInterrogative } from './rerank.js';
import type { WeightedSlot } from './slot-weights.js';
import { tokenize } from './tokenize.js';
import { topDocs } from './top-k.js';

/**
 * The second stage of a search: which of the documents BM25 scored are re-ranked (the best,
 * after lowering notes that never mention a thing the question names), and their final scores
 * from the chunk's own text, the term it defines, the kind of question it asks and the note's
 * title.
 */

/** The parts of the index that ranking reads. */
export interface IndexParts {
  readonly documents: DocumentTable;
  readonly postings: PostingTable;
  readonly features: FeatureCache;
}

/** A re-ranked document: its final score and what grounding needs to know of it. */
export interface ScoredDoc {
  doc: number;
  base: number;
  score: number;
  relevance: number;
  coverage: number;
  matched: number;
  absent: string[];
}

/** Re-ranking's candidates, and the factor of each note whose names were checked. */
export interface Candidates {
  candidates: Array<{ doc: number; base: number }>;
  noteFactors: Map<NoteEntry, number>;
}

// Candidates re-ranked after BM25: enough to reach the defining bullet behind noisier matches.
const RERANK_CANDIDATES = 40;
// Re-ranking multipliers: own-text matches beat matches found only in children or headings;
// a bullet about exactly the asked term beats one that mentions it; a bullet asking the same
// kind of question (why/how/what) about the same thing is where the talk answered it.
const OWN_TEXT_BOOST = 0.6;
const SUBJECT_BOOST = 0.3;
const SUBJECT_BOOST_FOR_DEFINITIONAL_QUESTION = 1;
const INTERROGATIVE_BOOST = 0.3;
const OTHER_QUESTION_FACTOR = 0.5;
// A heading collects its section's bullets as children and so matches broadly; its answer lists
// only the top-level bullets. A bullet that matches as well is the better answer.
const HEADING_FACTOR = 0.8;
// "at CNDF2019", "per the JKD report notes": a question naming the event picks that note's lines.
const TITLE_BOOST = 1;
// Per thing the question names (Merpay, Envoy) that the hit's note never mentions.
const NAME_ABSENT_FACTOR = 0.5;
// … checked over this many of the best documents (a named thing's note is rarely further down).
const NAMED_POOL = 200;

/**
 * The documents to re-rank: the best by BM25 (`scores`), after lowering those whose note never
 * mentions a thing the question names ("how do they split services in the Merpay keynote" belongs
 * to the note that names Merpay, not to a bullet elsewhere that says "services"). Only a wider
 * pool of the best is checked, note by note: the check costs a lookup per note, not per document.
 * Returns each checked note's factor.
 */
export function selectCandidates(
  slots: WeightedSlot[],
  touched: number[],
  scores: Float64Array,
  names: readonly string[],
  { documents, postings }: IndexParts,
): Candidates {
  const noteFactors = new Map<NoteEntry, number>();
  const named = slots.filter((slot) => names.includes(slot.label));
  if (named.length === 0) return { candidates: topDocs(touched, scores, RERANK_CANDIDATES), noteFactors };
  const pool = topDocs(touched, scores, NAMED_POOL);
  const factorOf = (entry: NoteEntry): number => {
    let factor = noteFactors.get(entry);
    if (factor === undefined) {
      factor = NAME_ABSENT_FACTOR ** absentFromNote(named, postings, entry).length;
      noteFactors.set(entry, factor);
    }
    return factor;
  };
  const candidates = pool
    .map((candidate) => ({ ...candidate, boosted: candidate.base * factorOf(documents.owner(candidate.doc) as NoteEntry) }))
    .sort((a, b) => b.boosted - a.boosted || a.doc - b.doc)
    .slice(0, RERANK_CANDIDATES)
    .map(({ doc, base }) => ({ doc, base }));
  return { candidates, noteFactors };
}

/** The candidates with their final scores, best first. */
export function rerankCandidates(
  query: string,
  analyzed: AnalyzedQuery,
  slots: WeightedSlot[],
  maxScore: number,
  { candidates, noteFactors }: Candidates,
  { documents, postings, features: featureCache }: IndexParts,
): ScoredDoc[] {
  const subjectBoost = analyzed.definitional ? SUBJECT_BOOST_FOR_DEFINITIONAL_QUESTION : SUBJECT_BOOST;
  const questionTerms = new Set(analyzed.slots.flatMap((slot) => slot.representations.flatMap((representation) => representation.terms)));
  const questionKinds = interrogativesOf(query);
  const titleShares = new Map<NoteEntry, number>();
  const titleShareOf = (entry: NoteEntry): number => {
    let share = titleShares.get(entry);
    if (share === undefined) {
      share = mentionedWeight(slots, postings, titleTerms(entry)) / maxScore;
      titleShares.set(entry, share);
    }
    return share;
  };
  const ranked = candidates.map(({ doc, base }) => {
    const noteFactor = noteFactors.get(documents.owner(doc) as NoteEntry) ?? 1;
    const { matched, absent } = matchedShare(slots, postings, doc, maxScore);
    const chunk = documents.chunkAt(doc);
    const features = featureCache.of(doc, chunk);
    const coverage = mentionedWeight(slots, postings, features.ownTerms) / maxScore;
    const subject = features.subject;
    // "Why containers?" is about containers, but does not answer "what is a container".
    const otherQuestion = features.kinds.size > 0 && !sharesInterrogative(questionKinds, features.kinds) ? OTHER_QUESTION_FACTOR : 1;
    const subjectMatch = subject
      ? (mentionedWeight(slots, postings, subject.terms) / maxScore) * precisionOf(subject.terms, questionTerms) * subject.confidence * otherQuestion
      : 0;
    const echoes = questionKinds.size > 0 && sharesInterrogative(questionKinds, features.kinds) ? 1 : 0;
    const score =
      base *
      noteFactor *
      (1 + OWN_TEXT_BOOST * coverage) *
      (1 + subjectBoost * subjectMatch) *
      (1 + INTERROGATIVE_BOOST * echoes * coverage) *
      (1 + TITLE_BOOST * titleShareOf(documents.owner(doc) as NoteEntry)) *
      (isHeadingChunk(chunk) ? HEADING_FACTOR : 1);
    return { doc, base, score, relevance: base / maxScore, coverage, matched, absent };
  });
  return ranked.sort((a, b) => b.score - a.score || a.doc - b.doc);
}

/** The terms of a note's title (kept with the note: asked for every candidate of every question). */
function titleTerms(entry: NoteEntry): Set<string> {
  entry.titleTerms ??= new Set(tokenize(searchableTitle(entry.meta.title, entry.meta.source)));
  return entry.titleTerms;
}
