import type { Chunk } from '../domain/note.js';
import { interrogativesOf, subjectOf, subjectTerms } from './rerank.js';
import { tokenize } from './tokenize.js';

/**
 * The query-independent re-ranking inputs of a document (its own terms, the term it is about, the
 * kinds of question it asks; see rerank.ts), kept by document id for a while: the same chunks
 * come back as candidates question after question, and tokenizing them each time would cost more
 * than the search itself.
 */

export interface ChunkFeatures {
  ownTerms: Set<string>;
  subject: { terms: Set<string>; confidence: number } | null;
  kinds: Set<string>;
}

const FEATURE_CACHE_ENTRIES = 8192;

export class FeatureCache {
  private readonly cache = new Map<number, ChunkFeatures>();

  /** The features of a live document, computed once and kept for a while. */
  of(doc: number, chunk: Chunk): ChunkFeatures {
    let features = this.cache.get(doc);
    if (!features) {
      const subject = subjectOf(chunk);
      features = {
        ownTerms: new Set(tokenize(chunk.text)),
        subject: subject ? { terms: subjectTerms(subject.text), confidence: subject.confidence } : null,
        kinds: interrogativesOf(chunk.text),
      };
      if (this.cache.size >= FEATURE_CACHE_ENTRIES) this.cache.clear();
      this.cache.set(doc, features);
    }
    return features;
  }

  delete(doc: number): void {
    this.cache.delete(doc);
  }

  clear(): void {
    this.cache.clear();
  }
}
