/**
 * Term → documents table of the in-memory index, built for a large number of small documents
 * (~190k chunks for 2,000 notes) with frequent replacement of whole notes:
 * - terms get numeric ids; each term's postings are one block of a shared pool: document ids in
 *   an Int32Array, quantized term frequencies in a Uint16Array beside it (6 bytes per posting,
 *   no per-term or per-posting objects for the garbage collector to trace);
 * - a full block moves to the end of the pool with twice the room; the pool is compacted once
 *   abandoned blocks take more room than the live ones;
 * - removed documents are tombstones; a term's block is filtered once more than half of it is
 *   dead, so document frequencies stay exact and garbage stays bounded.
 */

/** Weighted term frequencies are stored in 1/64 steps. */
export const TF_STEPS = 64;
/** Slots per document id in an encoded posting: tf values up to TF_SCALE / TF_STEPS (64). */
export const TF_SCALE = 4096;
// Filter a term's postings when this many are dead and they are over half of it.
const MIN_DEAD_TO_COMPACT = 8;
// Room of a term's first block.
const FIRST_BLOCK = 2;
// Room left after each block when the pool is compacted (an eighth, so the next additions do not all move blocks).
const COMPACT_SLACK_SHIFT = 3;
const MIN_POOL = 4096;
const INITIAL_TERMS = 1024;

export class PostingTable {
  private readonly ids = new Map<string, number>();
  private readonly names: string[] = [];
  // Per term id: block start in the pool, postings in the block (dead ones included), block room,
  // live documents (the document frequency) and dead postings not yet filtered out.
  private starts = new Int32Array(INITIAL_TERMS);
  private counts = new Int32Array(INITIAL_TERMS);
  private rooms = new Int32Array(INITIAL_TERMS);
  private frequencies = new Int32Array(INITIAL_TERMS);
  private dead = new Int32Array(INITIAL_TERMS);
  private docs = new Int32Array(MIN_POOL);
  private tfs = new Uint16Array(MIN_POOL);
  /** End of the used part of the pool. */
  private used = 0;
  /** Room in the used part that belongs to no block (moved or emptied blocks). */
  private abandoned = 0;

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
      if (id >= this.starts.length) this.growTerms(id + 1);
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

  /**
   * The pool of document ids: a term's postings are docPool[startOf(id)] … docPool[startOf(id) +
   * countOf(id) - 1], ascending (dead documents included: check liveness when reading), with
   * their quantized frequencies at the same positions of tfPool. Valid until the next change.
   */
  get docPool(): Int32Array {
    return this.docs;
  }

  /** Quantized term frequencies (tf × TF_STEPS) beside docPool. */
  get tfPool(): Uint16Array {
    return this.tfs;
  }

  startOf(id: number): number {
    return this.starts[id] ?? 0;
  }

  countOf(id: number): number {
    return id < this.names.length ? (this.counts[id] ?? 0) : 0;
  }

  /** Encoded postings of a term id (`doc * TF_SCALE + quantized tf`; may contain dead documents). */
  list(id: number): readonly number[] {
    const start = this.startOf(id);
    const encoded: number[] = [];
    for (let i = start; i < start + this.countOf(id); i++) encoded.push((this.docs[i] as number) * TF_SCALE + (this.tfs[i] as number));
    return encoded;
  }

  add(id: number, doc: number, tf: number): void {
    const quantized = quantizeTf(tf);
    let count = this.counts[id] as number;
    if (count === this.rooms[id]) this.moveBlock(id, Math.max(FIRST_BLOCK, count * 2));
    const position = (this.starts[id] as number) + count;
    this.docs[position] = doc;
    this.tfs[position] = quantized;
    this.counts[id] = ++count;
    this.frequencies[id] = (this.frequencies[id] as number) + 1;
  }

  /** Records that a document containing the term died; filters the list when mostly dead. */
  release(id: number, isLive: (doc: number) => boolean): void {
    this.releaseMany(id, 1, isLive);
  }

  /** Records that `count` documents containing the term died (a note's chunks, all at once). */
  releaseMany(id: number, count: number, isLive: (doc: number) => boolean): void {
    const frequency = (this.frequencies[id] as number) - count;
    this.frequencies[id] = frequency;
    const dead = (this.dead[id] as number) + count;
    if (frequency === 0) {
      // Nothing left: the block is given up (compaction reclaims it).
      this.abandoned += this.rooms[id] as number;
      this.counts[id] = 0;
      this.rooms[id] = 0;
      this.dead[id] = 0;
    } else if (dead >= MIN_DEAD_TO_COMPACT && dead * 2 > (this.counts[id] as number)) {
      this.filterBlock(id, (doc) => (isLive(doc) ? doc : -1));
    } else {
      this.dead[id] = dead;
    }
  }

  /** Rewrites every list with new document ids (after the index renumbered its documents). */
  renumber(newIdOf: (doc: number) => number): void {
    for (let id = 0; id < this.names.length; id++) this.filterBlock(id, newIdOf);
  }

  /** Gives the pool back the room of moved blocks and all but a little spare room of each block. */
  compact(): void {
    this.reserve([]);
  }

  /**
   * Makes room for `extra[id]` more postings of each term in one go (one new pool, no block
   * moved twice): for adding many notes at once.
   */
  reserve(extra: ArrayLike<number>): void {
    const terms = this.names.length;
    let size = 0;
    for (let id = 0; id < terms; id++) size += roomAfterCompaction((this.counts[id] as number) + (extra[id] ?? 0));
    const docs = new Int32Array(Math.max(MIN_POOL, size));
    const tfs = new Uint16Array(docs.length);
    let position = 0;
    for (let id = 0; id < terms; id++) {
      const start = this.starts[id] as number;
      const count = this.counts[id] as number;
      docs.set(this.docs.subarray(start, start + count), position);
      tfs.set(this.tfs.subarray(start, start + count), position);
      this.starts[id] = position;
      const room = roomAfterCompaction(count + (extra[id] ?? 0));
      this.rooms[id] = room;
      position += room;
    }
    this.docs = docs;
    this.tfs = tfs;
    this.used = position;
    this.abandoned = 0;
  }

  /** Terms (with ids) that still occur in live documents. */
  *liveTerms(): Generator<string> {
    for (let id = 0; id < this.names.length; id++) if ((this.frequencies[id] ?? 0) > 0) yield this.names[id] ?? '';
  }

  clear(): void {
    this.ids.clear();
    this.names.length = 0;
    this.starts = new Int32Array(INITIAL_TERMS);
    this.counts = new Int32Array(INITIAL_TERMS);
    this.rooms = new Int32Array(INITIAL_TERMS);
    this.frequencies = new Int32Array(INITIAL_TERMS);
    this.dead = new Int32Array(INITIAL_TERMS);
    this.docs = new Int32Array(MIN_POOL);
    this.tfs = new Uint16Array(MIN_POOL);
    this.used = 0;
    this.abandoned = 0;
  }

  /** Keeps the postings whose new document id (`map(doc)`) is not negative, in order. */
  private filterBlock(id: number, map: (doc: number) => number): void {
    const start = this.starts[id] as number;
    const end = start + (this.counts[id] as number);
    let kept = start;
    for (let i = start; i < end; i++) {
      const doc = map(this.docs[i] as number);
      if (doc < 0) continue;
      this.docs[kept] = doc;
      this.tfs[kept] = this.tfs[i] as number;
      kept++;
    }
    this.counts[id] = kept - start;
    this.dead[id] = 0;
  }

  /** Moves a term's block to the end of the pool with `room` slots (growing or compacting the pool first when needed). */
  private moveBlock(id: number, room: number): void {
    if (this.used + room > this.docs.length) {
      const live = this.used - this.abandoned;
      if (this.abandoned > live) this.compact();
      if (this.used + room > this.docs.length) this.growPool(Math.max(this.used + room, this.docs.length * 2));
    }
    const start = this.starts[id] as number;
    const count = this.counts[id] as number;
    this.docs.copyWithin(this.used, start, start + count);
    this.tfs.copyWithin(this.used, start, start + count);
    this.abandoned += this.rooms[id] as number;
    this.starts[id] = this.used;
    this.rooms[id] = room;
    this.used += room;
  }

  private growPool(size: number): void {
    const docs = new Int32Array(size);
    docs.set(this.docs.subarray(0, this.used));
    const tfs = new Uint16Array(size);
    tfs.set(this.tfs.subarray(0, this.used));
    this.docs = docs;
    this.tfs = tfs;
  }

  private growTerms(needed: number): void {
    const size = Math.max(needed, this.starts.length * 2);
    const grow = (array: Int32Array): Int32Array<ArrayBuffer> => {
      const grown = new Int32Array(size);
      grown.set(array);
      return grown;
    };
    this.starts = grow(this.starts);
    this.counts = grow(this.counts);
    this.rooms = grow(this.rooms);
    this.frequencies = grow(this.frequencies);
    this.dead = grow(this.dead);
  }
}

function roomAfterCompaction(count: number): number {
  return count === 0 ? 0 : count + (count >> COMPACT_SLACK_SHIFT);
}

/** A weighted term frequency in TF_STEPS steps, as postings keep it (1 … TF_SCALE - 1). */
export function quantizeTf(tf: number): number {
  return Math.min(TF_SCALE - 1, Math.max(1, Math.round(tf * TF_STEPS)));
}

/** Decodes the document id of a posting. */
export function postingDoc(posting: number): number {
  return Math.floor(posting / TF_SCALE);
}

/** Decodes the weighted term frequency of a posting. */
export function postingTf(posting: number): number {
  return (posting % TF_SCALE) / TF_STEPS;
}
