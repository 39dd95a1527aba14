import type { Chunk } from '../notes/types.js';
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

/** analyzeChunk for all chunks of a note at once (see NoteTerms). */
export function analyzeNoteChunks(chunks: readonly Chunk[], noteTitle: string): NoteTerms {
  const terms: string[] = [];
  const termIds = new Map<string, number>();
  const textTerms = new Map<string, number[]>();
  // Terms a JavaScript object would order first (numbers like "2019"), rare: see orderLikeObjectKeys.
  let indexLike: Set<number> | null = null;
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
          if (isArrayIndex(term)) (indexLike ??= new Set()).add(id);
        }
        ids.push(id);
      }
      textTerms.set(text, ids);
    }
    return ids;
  };
  const titleIds = idsOf(noteTitle);
  const touched: number[] = [];
  const starts: number[] = [];
  const lengthThousandths: number[] = [];
  const termIndex: number[] = [];
  const tfThousandths: number[] = [];
  let length = 0;
  const add = (ids: readonly number[], weight: number, lengthFactor = 1): void => {
    if (terms.length > sums.length) growScratch(terms.length);
    for (const id of ids) {
      if (seen[id] === 0) {
        seen[id] = 1;
        touched.push(id);
        sums[id] = weight;
      } else {
        sums[id] = (sums[id] as number) + weight;
      }
      length += weight * lengthFactor;
    }
  };
  for (const chunk of chunks) {
    length = 0;
    add(idsOf(chunk.text), FIELD_WEIGHTS.text);
    const path = chunk.section[chunk.section.length - 1] === chunk.text ? chunk.section.slice(0, -1) : chunk.section;
    add(idsOf(path.join(' ')), FIELD_WEIGHTS.section);
    add(titleIds, FIELD_WEIGHTS.title);
    let minDepth = Infinity;
    for (const child of chunk.children) minDepth = Math.min(minDepth, child.depth);
    let budget = MAX_CHILDREN_CHARS;
    for (const child of chunk.children) {
      if (budget <= 0) break;
      budget -= child.text.length;
      add(idsOf(child.text), child.depth === minDepth ? FIELD_WEIGHTS.child : FIELD_WEIGHTS.descendant, CHILD_LENGTH_FACTOR);
    }
    // The order a JSON object of these terms has (analyzeChunk's record): array-index-like
    // keys first, ascending, then the rest in insertion order.
    starts.push(termIndex.length);
    for (const id of indexLike ? orderLikeObjectKeys(touched, indexLike, terms) : touched) {
      termIndex.push(id);
      tfThousandths.push(Math.round((sums[id] as number) * TF_DECIMALS));
      seen[id] = 0;
    }
    touched.length = 0;
    lengthThousandths.push(Math.round(length * TF_DECIMALS));
  }
  starts.push(termIndex.length);
  return { terms, starts, termIndex, tfThousandths, lengthThousandths };
}

function growScratch(needed: number): void {
  const size = Math.max(needed, sums.length * 2);
  const grownSums = new Float64Array(size);
  grownSums.set(sums);
  sums = grownSums;
  const grownSeen = new Uint8Array(size);
  grownSeen.set(seen);
  seen = grownSeen;
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

/** `ids` in the order a JavaScript object with these terms as keys lists them (`indexLike`: the ids of array-index-like terms). */
function orderLikeObjectKeys(ids: readonly number[], indexLike: ReadonlySet<number>, terms: readonly string[]): readonly number[] {
  const first = ids.filter((id) => indexLike.has(id));
  if (first.length === 0) return ids;
  first.sort((a, b) => Number(terms[a]) - Number(terms[b]));
  return [...first, ...ids.filter((id) => !indexLike.has(id))];
}
