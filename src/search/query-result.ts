import { isHeadingChunk } from '../notes/chunk.js';
import type { Chunk } from '../domain/note.js';
import type { IndexParts, ScoredDoc } from './candidate-ranking.js';
import type { NoteEntry } from './document-table.js';
import type { AnalyzedQuery } from './query-analysis.js';
import { absentFromNote, mentionedWeight } from './question-coverage.js';
import type { WeightedSlot } from './slot-weights.js';
import type { IndexedNoteMeta, SearchHit } from './types.js';

/**
 * What one ranking of a question hands to answers: the hits (a bullet and its own sub-bullets
 * folded into one), the nearest sections, the question words no note knows, and views of a hit's
 * note (the chunks around it, its section heading) that say how much of the question each mentions.
 */

/** One ranking of a question: hits, nearest sections and how the question was read. */
export interface QueryResult {
  analyzed: AnalyzedQuery;
  hits: SearchHit[];
  sections: NearestSection[];
  /**
   * The chunks of a hit's note on lines `from`..`to`, in line order, each with the share of the
   * question its own text mentions (0..1): where answer-lines.ts looks for the answering line.
   */
  around(hit: SearchHit, from: number, to: number): NearbyChunk[];
  /** The heading of the section a hit is in (null for the title, the preamble, or a heading itself). */
  headingOf(hit: SearchHit): NearbyChunk | null;
  /** Question words (QuerySlot labels) that no note mentions in any form. */
  unknown: string[];
}

/** A chunk near a hit, and how much of the question its own text mentions (computed when asked). */
export interface NearbyChunk {
  chunk: Chunk;
  mentions(): number;
}

/** A section close to a question, for "not in the notes; nearest sections are …". */
export interface NearestSection {
  note: IndexedNoteMeta;
  section: string[];
  /** The section's best matching chunk (its line is the one to cite). */
  chunk: Chunk;
  relevance: number;
}

/** How the question was read and weighed, for the views of the result. */
export interface QueryReading {
  analyzed: AnalyzedQuery;
  slots: WeightedSlot[];
  maxScore: number;
}

/** The first `top` hits and `sectionCount` sections of a ranking (best first). */
export function queryResult(ranked: ScoredDoc[], reading: QueryReading, top: number, sectionCount: number, parts: IndexParts): QueryResult {
  const { analyzed, slots, maxScore } = reading;
  const { documents, postings } = parts;
  const hits: SearchHit[] = [];
  const taken: Chunk[] = [];
  const sections: NearestSection[] = [];
  const seenSections = new Set<string>();
  for (const scored of ranked) {
    const owner = documents.owner(scored.doc);
    if (!owner) continue;
    const chunk = owner.chunks.chunk(scored.doc - owner.firstDoc);
    if (hits.length < top && !taken.some((other) => sameThread(other, chunk))) {
      taken.push(chunk);
      const { score, relevance, coverage, matched, absent } = scored;
      hits.push({ chunk, note: owner.meta, score, relevance, coverage, matched, absent, absentFromNote: absentFromNote(slots, postings, owner) });
    }
    const key = `${owner.meta.noteId}\u0000${chunk.section.join('\u0000')}`;
    if (sections.length < sectionCount && !seenSections.has(key)) {
      seenSections.add(key);
      sections.push({ note: owner.meta, section: chunk.section, chunk, relevance: scored.relevance });
    }
    if (hits.length >= top && sections.length >= sectionCount) break;
  }
  const unknown = slots.filter((slot) => !slot.phrase && slot.representations.every((representation) => representation.terms.every((term) => term.id === undefined))).map((slot) => slot.label);
  return {
    analyzed,
    hits,
    sections,
    unknown,
    around: (hit, from, to) => around(hit, from, to, slots, maxScore, parts),
    headingOf: (hit) => headingOf(hit, slots, maxScore, parts),
  };
}

/**
 * Whether a lower-ranked chunk adds nothing to a higher-ranked one of the same note: it is one of
 * the taken bullet's sub-bullets (its answer shows them), or the taken bullet's direct parent (its
 * answer shows that as the header). A section heading lists its bullets but not their
 * sub-bullets, so it folds nothing and is folded by nothing.
 */
function sameThread(taken: Chunk, candidate: Chunk): boolean {
  if (taken.noteId !== candidate.noteId) return false;
  if (taken.line === candidate.line) return true;
  if (isHeadingChunk(taken) || isHeadingChunk(candidate)) return false;
  return (
    taken.children.some((child) => child.line === candidate.line) ||
    candidate.children.some((child) => child.line === taken.line && child.depth === 1)
  );
}

function around(hit: SearchHit, from: number, to: number, slots: WeightedSlot[], maxScore: number, parts: IndexParts): NearbyChunk[] {
  const entry = entryOf(hit, parts);
  if (!entry) return [];
  const nearby: NearbyChunk[] = [];
  for (let index = 0; index < entry.chunks.count; index++) {
    const line = entry.chunks.line(index);
    if (line >= from && line <= to) nearby.push(nearbyChunk(entry, index, slots, maxScore, parts));
  }
  return nearby.sort((a, b) => a.chunk.line - b.chunk.line);
}

function headingOf(hit: SearchHit, slots: WeightedSlot[], maxScore: number, parts: IndexParts): NearbyChunk | null {
  const entry = entryOf(hit, parts);
  const section = hit.chunk.section;
  if (!entry || section.length === 0 || section.at(-1) === hit.chunk.text) return null;
  // Chunks are in document order: a section's heading chunk comes before its items.
  for (let index = 0; index < entry.chunks.count; index++) {
    if (entry.chunks.line(index) >= hit.chunk.line) break;
    const { section: path, text } = entry.chunks.sectionAndText(index);
    if (path.at(-1) === text && path.length === section.length && path.every((part, at) => part === section[at])) {
      return nearbyChunk(entry, index, slots, maxScore, parts);
    }
  }
  return null;
}

function entryOf(hit: SearchHit, { documents }: IndexParts): NoteEntry | undefined {
  return documents.entry(hit.note.noteId) ?? documents.entry(hit.chunk.noteId);
}

function nearbyChunk(entry: NoteEntry, index: number, slots: WeightedSlot[], maxScore: number, { postings, features }: IndexParts): NearbyChunk {
  const doc = entry.firstDoc + index;
  const chunk = entry.chunks.chunk(index);
  let mentions: number | undefined;
  return {
    chunk,
    mentions: () => (mentions ??= maxScore > 0 ? mentionedWeight(slots, postings, features.of(doc, chunk).ownTerms) / maxScore : 0),
  };
}
