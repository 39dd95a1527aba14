import type { Chunk } from '../domain/note.js';
import type { SearchIndex } from '../search/search-index.js';
import type { SearchHit } from '../search/types.js';
import { definitionOf } from '../notes/definitions.js';

/** A place where the notes define a term: what they say, in which note and talk, on which line. */
export interface TermDefinition {
  term: string;
  definition: string;
  noteId: string;
  title: string;
  source: string;
  /** Heading path of the talk the definition is in. */
  section: string[];
  line: number;
}

// Hits read before giving up: a term is usually defined once per note, mentioned many times.
const SEARCH_DEPTH = 40;
const DEFAULT_MAX = 5;
// A hit whose own text carries most of the asked term is about that term, even in another
// script ("service mesh" finds the bullet "サービスメッシュ" through the loanword table).
const MIN_TERM_COVERAGE = 0.5;

/**
 * Where the notes define a term, exact spellings first. Searches the index (so typos, case and
 * loanword spellings are forgiven), then keeps the hits that define the asked term themselves,
 * or whose parent bullet does ("Brown Field" with the explanation as its first sub-bullet).
 */
export function whereDefined(index: SearchIndex, term: string, options: { max?: number } = {}): TermDefinition[] {
  const wanted = normalize(term);
  if (wanted === '') return [];
  const found: Array<TermDefinition & { exact: boolean; order: number }> = [];
  const seen = new Set<string>();
  index.search(term, { top: SEARCH_DEPTH }).forEach((hit, order) => {
    for (const chunk of [hit.chunk, index.parentOf(hit.chunk)]) {
      if (!chunk || seen.has(chunk.id)) continue;
      const definition = definitionOf(chunk);
      if (!definition || !isAbout(definition.term, wanted, chunk, hit)) continue;
      seen.add(chunk.id);
      found.push({
        ...definition,
        noteId: hit.note.noteId,
        title: hit.note.title,
        source: hit.note.source,
        section: chunk.section,
        exact: normalize(definition.term) === wanted,
        order,
      });
    }
  });
  return found
    .sort((a, b) => Number(b.exact) - Number(a.exact) || a.order - b.order)
    .slice(0, options.max ?? DEFAULT_MAX)
    .map(({ exact: _exact, order: _order, ...definition }) => definition);
}

function isAbout(definedTerm: string, wanted: string, chunk: Chunk, hit: SearchHit): boolean {
  const defined = normalize(definedTerm);
  if (defined === wanted || defined.includes(wanted) || (defined.length >= 3 && wanted.includes(defined))) return true;
  // The chunk is the bare term (its explanation is a sub-bullet) and the search matched it.
  return chunk === hit.chunk && normalize(chunk.text) === defined && hit.coverage >= MIN_TERM_COVERAGE;
}

function normalize(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();
}
