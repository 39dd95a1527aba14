/**
 * Term → documents table of the in-memory index, built for a large number of small documents
 * (~120k chunks for 2,000 notes) with frequent replacement of whole notes:
 * - terms get numeric ids; each term's postings are one plain number array of
 *   `doc * TF_SCALE + quantized tf` (one 8-byte slot per posting, no per-posting objects);
 * - removed documents are tombstones; a term's array is filtered once more than half of it is
 *   dead, so document frequencies stay exact and garbage stays bounded.
 */

/** Weighted term frequencies are stored in 1/64 steps. */
export const TF_STEPS = 64;
/** Slots per document id in an encoded posting: tf values up to TF_SCALE / TF_STEPS (64). */
export const TF_SCALE = 4096;
// Filter a term's postings when this many are dead and they are over half of it.
const MIN_DEAD_TO_COMPACT = 8;

export class PostingTable {
  private readonly ids = new Map<string, number>();
  private readonly names: string[] = [];
  private readonly lists: number[][] = [];
  private readonly frequencies: number[] = [];
  private readonly dead: number[] = [];

  /** Number of distinct terms ever seen (ids are not reused). */
  get termCount(): number {
    return this.names.length;
  }

  /** The id of a term, creating it; `onNew` runs for terms seen for the first time. */
  idOf(term: string, onNew?: (term: string) => void): number {
    let id = this.ids.get(term);
    if (id === undefined) {
      id = this.names.length;
      this.ids.set(term, id);
      this.names.push(term);
      this.lists.push([]);
      this.frequencies.push(0);
      this.dead.push(0);
      onNew?.(term);
    }
    return id;
  }

  /** The id of a known term, or undefined. */
  find(term: string): number | undefined {
    return this.ids.get(term);
  }

  /** Live documents containing the term. */
  documentFrequency(term: string): number {
    const id = this.ids.get(term);
    return id === undefined ? 0 : (this.frequencies[id] ?? 0);
  }

  nameOf(id: number): string {
    return this.names[id] ?? '';
  }

  frequencyOf(id: number): number {
    return this.frequencies[id] ?? 0;
  }

  /** Encoded postings of a term id (may contain dead documents: check liveness when reading). */
  list(id: number): readonly number[] {
    return this.lists[id] ?? [];
  }

  add(id: number, doc: number, tf: number): void {
    const quantized = Math.min(TF_SCALE - 1, Math.max(1, Math.round(tf * TF_STEPS)));
    this.lists[id]?.push(doc * TF_SCALE + quantized);
    this.frequencies[id] = (this.frequencies[id] ?? 0) + 1;
  }

  /** Records that a document containing the term died; filters the list when mostly dead. */
  release(id: number, isLive: (doc: number) => boolean): void {
    this.releaseMany(id, 1, isLive);
  }

  /** Records that `count` documents containing the term died (a note's chunks, all at once). */
  releaseMany(id: number, count: number, isLive: (doc: number) => boolean): void {
    const frequency = (this.frequencies[id] ?? 0) - count;
    this.frequencies[id] = frequency;
    const dead = (this.dead[id] ?? 0) + count;
    const list = this.lists[id] ?? [];
    if (frequency === 0) {
      this.lists[id] = [];
      this.dead[id] = 0;
    } else if (dead >= MIN_DEAD_TO_COMPACT && dead * 2 > list.length) {
      this.lists[id] = list.filter((posting) => isLive(Math.floor(posting / TF_SCALE)));
      this.dead[id] = 0;
    } else {
      this.dead[id] = dead;
    }
  }

  /** Rewrites every list with new document ids (after the index renumbered its documents). */
  renumber(newIdOf: (doc: number) => number): void {
    for (let id = 0; id < this.lists.length; id++) {
      const list = this.lists[id] ?? [];
      const next: number[] = [];
      for (const posting of list) {
        const doc = newIdOf(Math.floor(posting / TF_SCALE));
        if (doc >= 0) next.push(doc * TF_SCALE + (posting % TF_SCALE));
      }
      this.lists[id] = next;
      this.dead[id] = 0;
    }
  }

  /** Terms (with ids) that still occur in live documents. */
  *liveTerms(): Generator<string> {
    for (let id = 0; id < this.names.length; id++) if ((this.frequencies[id] ?? 0) > 0) yield this.names[id] ?? '';
  }

  clear(): void {
    this.ids.clear();
    this.names.length = 0;
    this.lists.length = 0;
    this.frequencies.length = 0;
    this.dead.length = 0;
  }
}

/** Decodes the document id of a posting. */
export function postingDoc(posting: number): number {
  return Math.floor(posting / TF_SCALE);
}

/** Decodes the weighted term frequency of a posting. */
export function postingTf(posting: number): number {
  return (posting % TF_SCALE) / TF_STEPS;
}
