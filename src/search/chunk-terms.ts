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
