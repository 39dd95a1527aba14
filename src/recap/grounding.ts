import { answeringHits } from '../search/answer-lines.js';
import { hasJapanese } from '../search/normalize.js';
import { type AnswerKind, FACT_KINDS, answerKindMatch, namedWords } from '../search/question-kind.js';
import type { QueryResult, SearchIndex } from '../search/search-index.js';
import type { SearchHit } from '../search/types.js';

/**
 * Whether the notes answer a question, decided on the hits that answer-lines.ts chose: the best
 * hit must mention enough of the question, state the kind of fact asked for, and sit in a note
 * that names what the question names. Shared by the extractive answer and the model's sources.
 */

// A bare number half counts for "how many"; a date, a name or a number with its unit counts fully.
const MIN_KIND_EVIDENCE = 0.5;
// Tuned on the dev split of tests/quality/eval-set.json with the regression set beside it (see
// scripts/eval-quality.ts). The best hit must mention half of the question, IDF-weighted …
const MIN_GROUNDED_MATCHED = 0.5;
// … or a third of it when the rest are words the notes never use (a paraphrase: "hassle",
// "slap") rather than a topic they lack …
const MIN_PARTLY_MATCHED = 0.3;
// … and few of them: when a fifth of the question's words are unknown, its topic may be too.
const MAX_UNKNOWN_SHARE = 0.2;
// … and a partial match must still score a little (an ordinary word found in passing does not).
const MIN_PARTLY_RELEVANCE = 0.12;
// … and reach a twentieth of the question's best possible BM25 score (a floor against mentions in titles only).
const MIN_GROUNDED_RELEVANCE = 0.05;

/** A question's hits (each at its answering line) and which of them answer it. */
export interface Retrieval {
  result: QueryResult;
  kind: AnswerKind;
  hits: SearchHit[];
  /** The hit mentions enough of the question to be worth reading (a model can judge the rest). */
  relevant(hit: SearchHit): boolean;
  /** … and states what was asked, in a note that names what the question names (the extractive answer). */
  answers(hit: SearchHit): boolean;
}

export function retrieve(index: SearchIndex, question: string, top: number): Retrieval {
  const result = index.query(question, { top });
  const { kind, hits } = answeringHits(result, question);
  const names = namedWords(question);
  const unknown = unknownShare(result);
  const japanese = hasJapanese(question);
  // A partial match is expected across languages (a word the glossaries lack), not within one.
  const lacks = (hit: SearchHit): boolean =>
    unknown > MAX_UNKNOWN_SHARE || hit.relevance < MIN_PARTLY_RELEVANCE || hasJapanese([hit.chunk.text, ...hit.chunk.section].join(' ')) === japanese;
  const relevant = (hit: SearchHit): boolean => isGrounded(hit, lacks);
  return { result, kind, hits, relevant, answers: (hit) => relevant(hit) && answersKind(hit, kind) && mentionsNames(hit, names) };
}

/**
 * Whether the line states the kind of fact asked for: "who" needs a name, "when" a date, "how
 * many" a number. A note can mention everything a question names and still not say who spoke.
 */
function answersKind(hit: SearchHit, kind: AnswerKind): boolean {
  return !FACT_KINDS.has(kind) || answerKindMatch(kind, hit.chunk.text) >= MIN_KIND_EVIDENCE;
}

/** Whether the hit's note mentions every thing the question names (a property of one project is no answer about another). */
function mentionsNames(hit: SearchHit, names: readonly string[]): boolean {
  return names.every((name) => !hit.absentFromNote.includes(name));
}

/**
 * Whether a hit really answers: it mentions most of what the question asks about, or a good part
 * of it when the question is not about something the notes lack (`unexplained` false).
 */
function isGrounded(hit: SearchHit, unexplained: (hit: SearchHit) => boolean): boolean {
  if (hit.relevance < MIN_GROUNDED_RELEVANCE) return false;
  return hit.matched >= MIN_GROUNDED_MATCHED || (hit.matched >= MIN_PARTLY_MATCHED && !unexplained(hit));
}

/** Share of a question's words that are content words no note mentions in any form. */
function unknownShare(result: QueryResult): number {
  const slots = result.analyzed.slots;
  if (slots.length === 0) return 0;
  // A lone kanji (出, 使) is a verb stem more often than a topic.
  return slots.filter((slot) => slot.importance >= 1 && [...slot.label].length >= 2 && result.unknown.includes(slot.label)).length / slots.length;
}

