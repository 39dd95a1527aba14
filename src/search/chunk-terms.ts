import type { Chunk } from '../domain/note.js';
import { tokenize } from './tokenize.js';
import type { ChunkTerms } from './types.js';

/**
 * Weighted terms of a chunk. The chunk's own text counts most; its heading path, the bullets
 * under it and the note title count less, so "what is Brown Field?" finds the "Brown Field"
 * bullet (its children say what it is) and a bullet is found through the topic it sits under.
 */

export const FIELD_WEIGHTS = {
  text: 1,
  section: 0.4,
  /** Direct children explain their parent ("Brown Field" / "VM上で管理されているサービス"). */
  child: 0.5,
  /** Deeper descendants are further from the point. */
  descendant: 0.25,
  title: 0.2,
} as const;

// A section heading chunk carries its whole section as children: only the start says what the
// section is about, and an unbounded tail would make long sections match every question.
const MAX_CHILDREN_CHARS = 1500;
// Sub-bullets lengthen a chunk less than its own words do: a term bullet explained by five
// sub-bullets should not lose to a bare mention for being explained (BM25F-style field lengths).
export const CHILD_LENGTH_FACTOR = 0.25;
// Stored terms are JSON in Redis: three decimals are plenty for BM25 and keep the JSON small.
const TF_DECIMALS = 1000;
// Children are tokenized once per ancestor; remembering recent texts makes a note's chunks cheap.
const CACHE_ENTRIES = 4096;

const cache = new Map<string, string[]>();

function cachedTokens(text: string): string[] {
  const hit = cache.get(text);
  if (hit) return hit;
  const tokens = tokenize(text);
  if (cache.size >= CACHE_ENTRIES) cache.clear();
  cache.set(text, tokens);
  return tokens;
}

// Names a file has for being a file, not for what it holds.
const GENERIC_FILE_WORDS = new Set(['readme', 'index', 'notes', 'note', 'memo', 'draft', 'md', 'markdown', 'txt']);

/**
 * The text a note's title stands for in search: its title and the words of its file name, which
 * organizers write in Latin letters when the title is not ("2019_0408-fukubernetes-01.md" for
 * "#ふくばねてす node-1"). Numbers (dates, part numbers) and words the title has are left out.
 */
export function searchableTitle(title: string, source: string): string {
  const file = source.split(/[\\/]/).at(-1) ?? '';
  const stem = file.replace(/\.[a-z0-9]{1,8}$/i, '');
  const titleWords = new Set(title.toLowerCase().split(/[^\p{L}\p{N}]+/u));
  const words = stem
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word !== '' && !/^\d+$/.test(word) && !GENERIC_FILE_WORDS.has(word.toLowerCase()) && !titleWords.has(word.toLowerCase()));
  return words.length === 0 ? title : `${title} ${[...new Set(words)].join(' ')}`;
}

/** Terms of one chunk with their weighted frequencies and the weighted length BM25 needs. */
export function analyzeChunk(chunk: Chunk, noteTitle: string): ChunkTerms {
  const tf = new Map<string, number>();
  let length = 0;
  const add = (text: string, weight: number, lengthFactor = 1): void => {
    for (const term of cachedTokens(text)) {
      tf.set(term, (tf.get(term) ?? 0) + weight);
      length += weight * lengthFactor;
    }
  };
  add(chunk.text, FIELD_WEIGHTS.text);
  // A heading chunk's path ends with its own title: counting it twice would favour headings.
  const path = chunk.section[chunk.section.length - 1] === chunk.text ? chunk.section.slice(0, -1) : chunk.section;
  add(path.join(' '), FIELD_WEIGHTS.section);
  add(noteTitle, FIELD_WEIGHTS.title);
  const minDepth = Math.min(...chunk.children.map((child) => child.depth));
  let budget = MAX_CHILDREN_CHARS;
  for (const child of chunk.children) {
    if (budget <= 0) break;
    budget -= child.text.length;
    add(child.text, child.depth === minDepth ? FIELD_WEIGHTS.child : FIELD_WEIGHTS.descendant, CHILD_LENGTH_FACTOR);
  }
  // No prototype: a note may well contain the word "__proto__".
  const record: Record<string, number> = Object.create(null) as Record<string, number>;
  for (const [term, value] of tf) record[term] = Math.round(value * TF_DECIMALS) / TF_DECIMALS;
  return { tf: record, length: Math.round(length * TF_DECIMALS) / TF_DECIMALS };
}

/**
 * Terms of every chunk of a note, in compact form: the note's distinct terms once, and per chunk
 * the indices of its terms with their weighted frequencies (thousandths, as analyzeChunk rounds
 * them). Equal to analyzeChunk on each chunk, term order included (the order a JSON object of the
 * terms would have), but each distinct text (a line, a heading path, the title) is tokenized once
 * per note instead of once per chunk that shows it: deep outlines repeat a line in every ancestor.
 * Plain arrays: short-lived, they stay in the garbage-collected heap.
 */
export interface NoteTerms {
  /** The note's distinct terms. */
  terms: readonly string[];
  /** Per chunk, where its terms start in `termIndex` / `tfThousandths` (length = chunks + 1). */
  starts: ArrayLike<number>;
  /** Index into `terms` of each (chunk, term) pair. */
  termIndex: ArrayLike<number>;
  /** Weighted term frequency × 1000 (analyzeChunk's rounding) of each pair. */
  tfThousandths: ArrayLike<number>;
  /** Weighted BM25 length × 1000 of each chunk. */
  lengthThousandths: ArrayLike<number>;
}

// Scratch of analyzeNoteChunks, by note-local term id: accumulated frequency, and whether the
// current chunk has the term yet (reset after each chunk).
let sums = new Float64Array(1024);
let seen = new Uint8Array(1024);
// Its output, lent with `reuseScratch`: per chunk (starts, lengths) and per (chunk, term) pair.
let outStarts = new Int32Array(256);
let outLengths = new Int32Array(256);
let outTerms = new Int32Array(1 << 14);
let outTfs = new Int32Array(1 << 14);
// Term ids of the current chunk, in first-seen order.
let touched = new Int32Array(256);

/**
 * analyzeChunk for all chunks of a note at once (see NoteTerms). With `reuseScratch`, the number
 * arrays are lent from buffers the next call overwrites (for a caller that uses them at once).
 */
export function analyzeNoteChunks(chunks: readonly Chunk[], noteTitle: string, options: { reuseScratch?: boolean } = {}): NoteTerms {
  const terms: string[] = [];
  const termIds = new Map<string, number>();
  const textTerms = new Map<string, number[]>();
  // Terms a JavaScript object would order first (numbers like "2019"): see orderLikeObjectKeys.
  let indexLike: Uint8Array | null = null;
  const idsOf = (text: string): number[] => {
    let ids = textTerms.get(text);
    if (!ids) {
      ids = [];
      for (const term of cachedTokens(text)) {
        let id = termIds.get(term);
        if (id === undefined) {
          id = terms.length;
          termIds.set(term, id);
          terms.push(term);
          if (isArrayIndex(term)) {
            if (!indexLike || indexLike.length <= id) indexLike = grown(indexLike, id + 64);
            indexLike[id] = 1;
          }
        }
        ids.push(id);
      }
      textTerms.set(text, ids);
    }
    return ids;
  };
  const titleIds = idsOf(noteTitle);
  // Chunks of one section share its path array (chunkNote): joined once per path, not per chunk.
  const pathIds = new Map<readonly string[], number[]>();
  const headingPathIds = new Map<readonly string[], number[]>();
  const pathIdsOf = (chunk: Chunk): number[] => {
    // A heading chunk's path ends with its own title: counting it twice would favour headings.
    const heading = chunk.section[chunk.section.length - 1] === chunk.text;
    const known = (heading ? headingPathIds : pathIds).get(chunk.section);
    if (known) return known;
    const ids = idsOf((heading ? chunk.section.slice(0, -1) : chunk.section).join(' '));
    (heading ? headingPathIds : pathIds).set(chunk.section, ids);
    return ids;
  };
  let touchedCount = 0;
  if (outStarts.length < chunks.length + 1) {
    outStarts = new Int32Array(2 * chunks.length + 1);
    outLengths = new Int32Array(2 * chunks.length + 1);
  }
  let pairs = 0;
  let length = 0;
  const add = (ids: readonly number[], weight: number, lengthFactor = 1): void => {
    if (terms.length > sums.length) growScratch(terms.length);
    for (const id of ids) {
      if (seen[id] === 0) {
        seen[id] = 1;
        if (touchedCount === touched.length) touched = grownInts(touched, touchedCount * 2);
        touched[touchedCount++] = id;
        sums[id] = weight;
      } else {
        sums[id] = (sums[id] as number) + weight;
      }
      length += weight * lengthFactor;
    }
  };
  const emit = (id: number): void => {
    if (pairs === outTerms.length) {
      outTerms = grownInts(outTerms, pairs * 2);
      outTfs = grownInts(outTfs, pairs * 2);
    }
    outTerms[pairs] = id;
    outTfs[pairs] = Math.round((sums[id] as number) * TF_DECIMALS);
    pairs++;
    seen[id] = 0;
  };
  chunks.forEach((chunk, index) => {
    length = 0;
    add(idsOf(chunk.text), FIELD_WEIGHTS.text);
    add(pathIdsOf(chunk), FIELD_WEIGHTS.section);
    add(titleIds, FIELD_WEIGHTS.title);
    let minDepth = Infinity;
    for (const child of chunk.children) minDepth = Math.min(minDepth, child.depth);
    let budget = MAX_CHILDREN_CHARS;
    for (const child of chunk.children) {
      if (budget <= 0) break;
      budget -= child.text.length;
      add(idsOf(child.text), child.depth === minDepth ? FIELD_WEIGHTS.child : FIELD_WEIGHTS.descendant, CHILD_LENGTH_FACTOR);
    }
    outStarts[index] = pairs;
    const chunkTerms = touched.subarray(0, touchedCount);
    if (indexLike) orderLikeObjectKeys(chunkTerms, indexLike, terms, emit);
    else for (const id of chunkTerms) emit(id);
    touchedCount = 0;
    outLengths[index] = Math.round(length * TF_DECIMALS);
  });
  outStarts[chunks.length] = pairs;
  const lent: NoteTerms = {
    terms,
    starts: outStarts.subarray(0, chunks.length + 1),
    termIndex: outTerms.subarray(0, pairs),
    tfThousandths: outTfs.subarray(0, pairs),
    lengthThousandths: outLengths.subarray(0, chunks.length),
  };
  if (options.reuseScratch) return lent;
  return {
    terms,
    starts: Array.from(lent.starts),
    termIndex: Array.from(lent.termIndex),
    tfThousandths: Array.from(lent.tfThousandths),
    lengthThousandths: Array.from(lent.lengthThousandths),
  };
}

function growScratch(needed: number): void {
  const size = Math.max(needed, sums.length * 2);
  const grownSums = new Float64Array(size);
  grownSums.set(sums);
  sums = grownSums;
  seen = grown(seen, size);
}

function grown(array: Uint8Array | null, size: number): Uint8Array<ArrayBuffer> {
  const bigger = new Uint8Array(Math.max(size, (array?.length ?? 0) * 2));
  if (array) bigger.set(array);
  return bigger;
}

function grownInts(array: Int32Array, size: number): Int32Array<ArrayBuffer> {
  const bigger = new Int32Array(size);
  bigger.set(array);
  return bigger;
}

/** The terms of one chunk of a NoteTerms, as analyzeChunk returns them. */
export function chunkTermsOf(noteTerms: NoteTerms, chunk: number): ChunkTerms {
  const record: Record<string, number> = Object.create(null) as Record<string, number>;
  for (let i = noteTerms.starts[chunk] as number; i < (noteTerms.starts[chunk + 1] as number); i++) {
    record[noteTerms.terms[noteTerms.termIndex[i] as number] as string] = (noteTerms.tfThousandths[i] as number) / TF_DECIMALS;
  }
  return { tf: record, length: (noteTerms.lengthThousandths[chunk] as number) / TF_DECIMALS };
}

// Canonical array index: what JavaScript objects order first among their keys.
const ARRAY_INDEX = /^(?:0|[1-9][0-9]{0,9})$/;
const MAX_ARRAY_INDEX = 2 ** 32 - 2;

function isArrayIndex(term: string): boolean {
  const first = term.charCodeAt(0);
  return first >= 48 && first <= 57 && ARRAY_INDEX.test(term) && Number(term) <= MAX_ARRAY_INDEX;
}

/**
 * Calls `emit` with `ids` in the order a JavaScript object with these terms as keys lists them:
 * array-index-like terms (`indexLike[id]`) first, ascending, then the rest in insertion order.
 */
function orderLikeObjectKeys(ids: Int32Array, indexLike: Uint8Array, terms: readonly string[], emit: (id: number) => void): void {
  // Few per chunk (a date, a number in the title): found and ordered without allocating.
  let previous = -1;
  for (;;) {
    let next = -1;
    for (const id of ids) {
      if (indexLike[id] !== 1) continue;
      const value = Number(terms[id]);
      if (value > previous && (next < 0 || value < Number(terms[next]))) next = id;
    }
    if (next < 0) break;
    emit(next);
    previous = Number(terms[next]);
  }
  for (const id of ids) if (indexLike[id] !== 1) emit(id);
}
