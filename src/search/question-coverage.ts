import type { PostingTable } from './postings.js';
import type { WeightedSlot } from './slot-weights.js';

/**
 * How much of a question a document, a note or a set of terms mentions at all (term frequencies
 * ignored), weighted like the question's slots: the grounding decision (is the answer in the
 * notes, which words are not) and re-ranking's own-text, subject and title matches.
 */

// For grounding, a word is mentioned when this share of its terms (IDF-weighted) is there: a
// katakana compound whose one part matches (サッカーチーム vs チーム) is not mentioned.
const MIN_MENTIONED_SHARE = 0.4;

/**
 * Share of the question a document mentions at all (any field; tf ignored), for the grounding
 * decision. Postings are sorted by document id, so membership is a binary search.
 */
export function matchedShare(slots: WeightedSlot[], postings: PostingTable, doc: number, maxScore: number): { matched: number; absent: string[] } {
  const absent: string[] = [];
  const present = presentWeight(slots, (id) => containsDoc(postings, id, doc), { grounding: true, onAbsent: (slot) => absent.push(slot.label) });
  return { matched: present / maxScore, absent };
}

/** Weighted share of the question found among `terms` (same slot logic, presence only). */
export function mentionedWeight(slots: WeightedSlot[], postings: PostingTable, terms: Set<string>): number {
  return presentWeight(slots, (id) => terms.has(postings.nameOf(id)));
}

/** Question words that none of a note's chunks (documents firstDoc … firstDoc + count - 1) mention. */
export function absentFromNote(slots: WeightedSlot[], postings: PostingTable, entry: { firstDoc: number; chunks: { count: number } }): string[] {
  const absent: string[] = [];
  const from = entry.firstDoc;
  const to = entry.firstDoc + entry.chunks.count;
  presentWeight(slots, (id) => containsDocIn(postings, id, from, to), { grounding: true, onAbsent: (slot) => absent.push(slot.label) });
  return absent;
}

/** Whether a term's postings contain a document in [from, to). */
function containsDocIn(postings: PostingTable, id: number, from: number, to: number): boolean {
  const pool = postings.docPool;
  let low = postings.startOf(id);
  let high = low + postings.countOf(id);
  while (low < high) {
    const middle = (low + high) >> 1;
    if ((pool[middle] as number) < from) low = middle + 1;
    else high = middle;
  }
  return low < postings.startOf(id) + postings.countOf(id) && (pool[low] as number) < to;
}

/** Whether a term's postings (sorted by document id) contain a document. */
function containsDoc(postings: PostingTable, id: number, doc: number): boolean {
  const pool = postings.docPool;
  let low = postings.startOf(id);
  let high = low + postings.countOf(id) - 1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    const found = pool[middle] as number;
    if (found === doc) return true;
    if (found < doc) low = middle + 1;
    else high = middle - 1;
  }
  return false;
}

/**
 * The weight of the question's slots that are present, by `has` (a term id): each slot counts its
 * best representation, by the IDF share of that representation's terms found. For `grounding`,
 * a translated word counts as mentioned (not at its ranking weight), and a word barely there
 * (under MIN_MENTIONED_SHARE) not at all.
 */
function presentWeight(
  slots: readonly WeightedSlot[],
  has: (termId: number) => boolean,
  options: { grounding?: boolean; onAbsent?: (slot: WeightedSlot) => void } = {},
): number {
  let present = 0;
  for (const slot of slots) {
    let best = 0;
    for (const representation of slot.representations) {
      if (representation.idfSum <= 0) continue;
      let found = 0;
      for (const term of representation.terms) {
        if (term.id !== undefined && has(term.id)) found += term.idf;
      }
      const weight = options.grounding && representation.translation ? 1 : representation.weight;
      const share = found / representation.idfSum;
      if (options.grounding && share < MIN_MENTIONED_SHARE) continue;
      best = Math.max(best, weight * share);
    }
    if (best === 0 && slot.weight > 0) options.onAbsent?.(slot);
    present += slot.weight * best;
  }
  return present;
}
