import type { Chunk } from '../domain/note.js';
import { hasJapanese } from '../search/normalize.js';
import type { SearchIndex } from '../search/search-index.js';
import type { IndexedNoteMeta, SearchHit } from '../search/types.js';
import {
  type AnswerLanguage,
  answerBlock,
  emptyQuestionMessage,
  noNotesMessage,
  noSearchableWordsMessage,
  notCoveredMessage,
} from './answer-text.js';
import { retrieve } from './grounding.js';

/** A place in the notes an answer comes from, best first. */
export interface Citation {
  /** 1 for the best citation. */
  rank: number;
  noteId: string;
  title: string;
  source: string;
  /** Heading path of the cited line. */
  section: string[];
  line: number;
  /** The cited line's text. */
  text: string;
  score: number;
  /** Set when the hit is a machine translation of the cited line: the translated text (`text` stays the original). */
  translation?: { language: string; text: string };
}

/** An extractive answer: the notes' own words, whether they really answer, and where they are. */
export interface Answer {
  question: string;
  answer: string;
  /** False when the notes do not cover the question; `answer` then says so and names the nearest sections. */
  grounded: boolean;
  citations: Citation[];
  /** The asker's language: messages and headings around the notes' words are in it. */
  language?: AnswerLanguage;
}

export interface AnswerOptions {
  /** Citations to return (default 5). */
  top?: number;
}

const DEFAULT_TOP = 5;
// A second answer block when another place in the notes scores nearly as well.
const SECOND_BLOCK_SCORE_RATIO = 0.9;
const MAX_BLOCKS = 2;
const NEAREST_LINES = 3;

/**
 * Answers a question from the index without a language model: the best matching bullet and the
 * bullets that explain it, cited by note, section and line. When the notes do not cover the
 * question the answer says so (in the question's language) and lists the nearest sections.
 * Never returns an empty answer.
 */
export function answerQuestion(index: SearchIndex, question: string, options: AnswerOptions = {}): Answer {
  const asked = question.trim();
  const language: AnswerLanguage = hasJapanese(asked) ? 'ja' : 'en';
  const top = Math.max(1, Math.floor(options.top ?? DEFAULT_TOP));
  const declined = (answer: string, citations: Citation[] = []): Answer => ({ question, answer, grounded: false, citations, language });
  if (asked === '') return declined(emptyQuestionMessage());
  if (index.size === 0) return declined(noNotesMessage(language));
  const { result, hits, answers } = retrieve(index, asked, top);
  if (result.analyzed.slots.length === 0) return declined(noSearchableWordsMessage(language));
  const best = hits[0];
  if (!best || !answers(best)) {
    const nearest = hits.slice(0, NEAREST_LINES);
    return declined(notCoveredMessage(nearest.map((hit) => ({ note: hit.note, chunk: hit.chunk, parent: index.parentOf(hit.chunk) })), language), nearest.map(hitCitation));
  }
  const blocks = hits
    .filter((hit, position) => position === 0 || (answers(hit) && hit.score >= best.score * SECOND_BLOCK_SCORE_RATIO))
    .slice(0, MAX_BLOCKS)
    .map((hit) => answerBlock(hit.chunk, hit.note, index.parentOf(hit.chunk), language));
  return { question, answer: blocks.join('\n\n'), grounded: true, citations: hits.map(hitCitation), language };
}

/** A search hit as the citation at `position` (0-based) of an answer. */
export function hitCitation(hit: SearchHit, position: number): Citation {
  return { rank: position + 1, ...citedChunk(hit.note, hit.chunk), score: hit.score };
}

/**
 * Where a chunk is, as a citation: the original note, section and line, also for a translated
 * chunk (indexed under its own key), whose translated text is added beside the original.
 */
function citedChunk(note: IndexedNoteMeta, chunk: Chunk): Omit<Citation, 'rank' | 'score'> {
  const original = chunk.translation;
  return {
    noteId: chunk.noteId,
    title: note.title,
    source: note.source,
    section: original?.originalSection ?? chunk.section,
    line: chunk.line,
    text: original?.originalText ?? chunk.text,
    ...(original ? { translation: { language: original.language, text: chunk.text } } : {}),
  };
}
