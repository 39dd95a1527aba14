import MiniSearch from 'minisearch';
import { chunkNote } from '../../src/notes/chunk.js';
import type { Answer, Citation } from '../../src/recap/answer.js';
import { tokenize } from '../../src/search/tokenize.js';
import type { EvalCorpus } from './eval-set.js';

/**
 * The reference the eval script prints beside our figures: MiniSearch (BM25+) over the same chunks
 * with the same tokenizer, no re-ranking, no query expansion. It answers with its best chunk, so
 * only its hit@1 / hit@3 are compared; it never declines.
 */

interface BaselineDoc {
  id: string;
  text: string;
  context: string;
  source: string;
  noteId: string;
  title: string;
  section: string[];
  line: number;
}

export function buildBaseline(corpus: EvalCorpus): (question: string) => Answer {
  const search = new MiniSearch<BaselineDoc>({
    fields: ['text', 'context'],
    storeFields: ['source', 'noteId', 'title', 'section', 'line', 'text'],
    tokenize: (text) => tokenize(text),
    processTerm: (term) => term,
    searchOptions: { boost: { text: 2 } },
  });
  const docs: BaselineDoc[] = [];
  for (const { note } of corpus.notes.values()) {
    for (const chunk of chunkNote(note)) {
      docs.push({
        id: chunk.id,
        text: chunk.text,
        context: [note.title, ...chunk.section, ...chunk.children.map((child) => child.text)].join('\n'),
        source: note.source,
        noteId: note.id,
        title: note.title,
        section: chunk.section,
        line: chunk.line,
      });
    }
  }
  search.addAll(docs);
  return (question) => {
    const results = search.search(question).slice(0, 5);
    const citations: Citation[] = results.map((result, position) => ({
      rank: position + 1,
      noteId: result['noteId'] as string,
      title: result['title'] as string,
      source: result['source'] as string,
      section: result['section'] as string[],
      line: result['line'] as number,
      text: result['text'] as string,
      score: result.score,
    }));
    return { question, answer: citations.map((citation) => citation.text).join('\n'), grounded: citations.length > 0, citations };
  };
}
