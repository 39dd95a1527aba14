import type { Chunk } from '../notes/types.js';
import { answeringHits } from '../search/answer-lines.js';
import { hasJapanese } from '../search/normalize.js';
import { type AnswerKind, FACT_KINDS, answerKindMatch, namedWords } from '../search/question-kind.js';
import type { QueryResult, SearchIndex } from '../search/search-index.js';
import type { IndexedNoteMeta, SearchHit } from '../search/types.js';
import {
  type AnswerLanguage,
  answerBlock,
  emptyQuestionMessage,
  noNotesMessage,
  noSearchableWordsMessage,
  notCoveredMessage,
} from './answer-text.js';

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
// A bare number half counts for "how many"; a date, a name or a number with its unit counts fully.
const MIN_KIND_EVIDENCE = 0.5;
// Tuned on the dev split of tests/quality/eval-set.json with the regression set beside it (see
// scripts/eval-quality.ts). The best hit must mention half of the question, IDF-weighted …
export const MIN_GROUNDED_MATCHED = 0.5;
// … or a third of it when the rest are words the notes never use (a paraphrase: "hassle",
// "slap") rather than a topic they lack …
export const MIN_PARTLY_MATCHED = 0.3;
// … and few of them: when a fifth of the question's words are unknown, its topic may be too.
const MAX_UNKNOWN_SHARE = 0.2;
// … and a partial match must still score a little (an ordinary word found in passing does not).
const MIN_PARTLY_RELEVANCE = 0.12;
// … and reach a twentieth of the question's best possible BM25 score (a floor against mentions in titles only).
export const MIN_GROUNDED_RELEVANCE = 0.05;
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
  const result = index.query(asked, { top });
  if (result.analyzed.slots.length === 0) return declined(noSearchableWordsMessage(language));
  const { kind, hits } = answeringHits(result, asked);
  const best = hits[0];
  const names = namedWords(asked);
  const unknown = unknownShare(result);
  // A partial match is expected across languages (a word the glossaries lack), not within one.
  const lacks = (hit: SearchHit): boolean =>
    unknown > MAX_UNKNOWN_SHARE || hit.relevance < MIN_PARTLY_RELEVANCE || hasJapanese([hit.chunk.text, ...hit.chunk.section].join(' ')) === (language === 'ja');
  const answers = (hit: SearchHit): boolean => isGrounded(hit, lacks) && answersKind(hit, kind) && mentionsNames(hit, names);
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

/**
 * Whether the line states the kind of fact asked for: "who" needs a name, "when" a date, "how
 * many" a number. A note can mention everything a question names and still not say who spoke.
 */
export function answersKind(hit: SearchHit, kind: AnswerKind): boolean {
  return !FACT_KINDS.has(kind) || answerKindMatch(kind, hit.chunk.text) >= MIN_KIND_EVIDENCE;
}

/** Whether the hit's note mentions every thing the question names (a property of one project is no answer about another). */
export function mentionsNames(hit: SearchHit, names: readonly string[]): boolean {
  return names.every((name) => !hit.absentFromNote.includes(name));
}

/**
 * Whether a hit really answers: it mentions most of what the question asks about, or a good part
 * of it when the question is not about something the notes lack (`unexplained` false).
 */
export function isGrounded(hit: SearchHit, unexplained: (hit: SearchHit) => boolean = () => true): boolean {
  if (hit.relevance < MIN_GROUNDED_RELEVANCE) return false;
  return hit.matched >= MIN_GROUNDED_MATCHED || (hit.matched >= MIN_PARTLY_MATCHED && !unexplained(hit));
}

/** Share of a question's words that are content words no note mentions in any form. */
export function unknownShare(result: QueryResult): number {
  const slots = result.analyzed.slots;
  if (slots.length === 0) return 0;
  // A lone kanji (出, 使) is a verb stem more often than a topic.
  return slots.filter((slot) => slot.importance >= 1 && [...slot.label].length >= 2 && result.unknown.includes(slot.label)).length / slots.length;
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
