/**
 * One-edit typo matching for Latin terms: notes say "Enboy", "Feild", "Trafic", "Isto" and
 * questions have their own typos. A term matches when one insertion, deletion, substitution or
 * swap of adjacent letters (Feild ↔ Field) turns it into the other.
 *
 * Vocabulary terms are kept in buckets by length and first letter, and by length and last letter:
 * one edit leaves either the first or the last letter in place, so a lookup scans only those
 * buckets for lengths n-1, n and n+1 (a few hundred terms at 2,000 notes), at no memory cost
 * beyond the bucket arrays (a SymSpell deletion index would cost ~n entries per term).
 */

/**
 * Shorter words have too many one-edit neighbours (toil/tool/soil, test/text/best) to correct
 * safely; the notes' own short typos ("Isto") are found by exact match when asked for as written.
 */
export const MIN_FUZZY_TERM_CHARS = 5;

/** Whether a and b differ by at most one edit (optimal string alignment distance ≤ 1). */
export function withinOneEdit(a: string, b: string): boolean {
  if (a === b) return true;
  const la = a.length;
  const lb = b.length;
  if (Math.abs(la - lb) > 1) return false;
  let i = 0;
  while (i < la && i < lb && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  if (la === lb) {
    // Substitution: the rest must be equal; swap: ab ↔ ba then equal.
    if (tailsEqual(a, i + 1, b, i + 1)) return true;
    return a[i] === b[i + 1] && a[i + 1] === b[i] && tailsEqual(a, i + 2, b, i + 2);
  }
  // Insertion/deletion: skip one character in the longer string.
  return la > lb ? tailsEqual(a, i + 1, b, i) : tailsEqual(a, i, b, i + 1);
}

/** a[from..] === b[from..] without allocating (this runs for every candidate of a lookup). */
function tailsEqual(a: string, aFrom: number, b: string, bFrom: number): boolean {
  if (a.length - aFrom !== b.length - bFrom) return false;
  for (let i = aFrom, j = bFrom; i < a.length; i++, j++) if (a.charCodeAt(i) !== b.charCodeAt(j)) return false;
  return true;
}

/** The Latin vocabulary of an index, for "which indexed terms are one edit away from this one". */
export class FuzzyVocabulary {
  private readonly byFirst = new Map<string, string[]>();
  private readonly byLast = new Map<string, string[]>();
  private readonly known = new Set<string>();

  /** Adds a term (no-op for short or already known terms). */
  add(term: string): void {
    if (term.length < MIN_FUZZY_TERM_CHARS - 1 || this.known.has(term)) return;
    this.known.add(term);
    push(this.byFirst, firstKey(term.length, term), term);
    push(this.byLast, lastKey(term.length, term), term);
  }

  clear(): void {
    this.byFirst.clear();
    this.byLast.clear();
    this.known.clear();
  }

  /** Keeps only the terms for which `keep` is true (run after many notes were removed). */
  prune(keep: (term: string) => boolean): void {
    for (const buckets of [this.byFirst, this.byLast]) {
      for (const [key, bucket] of buckets) {
        const kept = bucket.filter(keep);
        if (kept.length === 0) buckets.delete(key);
        else buckets.set(key, kept);
      }
    }
    for (const term of this.known) if (!keep(term)) this.known.delete(term);
  }

  get size(): number {
    return this.known.size;
  }

  /**
   * Vocabulary terms one edit away from `term` (never `term` itself), at most `limit`, filtered by
   * `isLive` (terms of removed notes stay in the buckets until pruned).
   */
  neighbours(term: string, isLive: (candidate: string) => boolean, limit = 8): string[] {
    if (term.length < MIN_FUZZY_TERM_CHARS) return [];
    const found = new Set<string>();
    for (let length = term.length - 1; length <= term.length + 1; length++) {
      for (const bucket of [this.byFirst.get(firstKey(length, term)), this.byLast.get(lastKey(length, term))]) {
        for (const candidate of bucket ?? []) {
          if (candidate === term || found.has(candidate) || !withinOneEdit(term, candidate) || !isLive(candidate)) continue;
          found.add(candidate);
          if (found.size >= limit) return [...found];
        }
      }
    }
    return [...found];
  }
}

function firstKey(length: number, term: string): string {
  return `${length}:${term[0] ?? ''}`;
}

function lastKey(length: number, term: string): string {
  return `${length}:${term[term.length - 1] ?? ''}`;
}

function push(buckets: Map<string, string[]>, key: string, term: string): void {
  const bucket = buckets.get(key);
  if (bucket) bucket.push(term);
  else buckets.set(key, [term]);
}
