import { inSameSection, isHeadingChunk } from '../notes/chunk.js';
import { interrogativesOf } from './rerank.js';
import { isQueryFiller } from './stopwords.js';
import { analyzeText } from './tokenize.js';
import { type AnswerKind, FACT_KINDS, answerKindMatch, answerKindOf } from './question-kind.js';
import type { NearbyChunk, QueryResult } from './search-index.js';
import type { SearchHit } from './types.js';

/**
 * From the place a question matches to the line that answers it. Search finds the heading or the
 * bullet that repeats the question's words ("なぜサービスメッシュなのか", "## Talk by @x", "Use case");
 * the answer is often a sub-bullet, a sibling a few lines down, the talk's heading (its speaker)
 * or the note's first lines (its date and venue). Each hit lends its score to those lines, and a
 * line that looks like the kind of answer asked for (a name, a date, a place, a number, a reason)
 * or mentions more of the question takes the hit's place.
 */

// How far below a hit its answer may sit (a sibling two bullets down, a paragraph's list).
const LINES_BELOW = 12;
// Reasons and numbers can come first ("2億5千万レコード" above the platform it measures).
const LINES_ABOVE = 4;
const LOOKS_ABOVE: ReadonlySet<AnswerKind> = new Set(['why', 'howmany', 'cost']);
// The first lines of a section hold its talk's speaker and time slot …
const LINES_UNDER_HEADING = 4;
// … and the first lines of a note its date, venue and title.
const HEAD_LINES = 12;
// A line near a hit scores the hit's score times this (closer = more likely its answer) …
const PROXIMITY = {
  child: 0.75,
  descendant: 0.6,
  /** … a child under a hit that asks the question itself ("Why X?", "X って何？") or a heading is its answer. */
  answerUnderQuestion: 0.95,
  sibling: 0.6,
  /** a line just above, for reasons given before what they explain */
  siblingAbove: 0.45,
  /** per sibling further down */
  siblingDecay: 0.85,
  heading: 0.6,
  /** the first lines under that heading: a talk's speaker or time slot ("## Firecracker…" / "うづらさん") */
  underHeading: 0.55,
  head: 0.5,
} as const;
// … and these multipliers: looking like the asked kind of answer, mentioning the question.
const KIND_WEIGHT = 1.5;
const MENTION_WEIGHT = 1;
// For facts (who, when, how many …) the look of the line matters most; the question's words less.
const FACT_FLOOR = 0.2;
const FACT_MENTION_WEIGHT = 0.5;
const TITLE_FACTOR = 0.35;
// A line whose words are (nearly) all the question's echoes it: for "why" and "what is" its
// sub-bullets and the lines after it are the answer, and a venue is never the event's name the
// question repeats ("Where was Fukuoka.go #13 held?" / "Fukuoka.go#13"). Such a line keeps this share of its score.
const ECHO_SHARE = 0.8;
const ECHO_FACTORS: ReadonlyMap<AnswerKind, number> = new Map<AnswerKind, number>([
  ['why', 0.7],
  ['whatis', 0.7],
  ['where', 0.3],
]);
// Kinds whose answer is a fact in the title, near the talk's heading or in the note's head.
const HEADED_KINDS: ReadonlySet<AnswerKind> = new Set(['who', 'when', 'where']);

/**
 * The hits with each one's answering line in its place (one line per hit, best first), the rest of
 * the hits after them. Grounding figures (relevance, matched) stay the hit's: the line answers
 * for the place that matched.
 */
export function answeringHits(result: QueryResult, question: string): { kind: AnswerKind; hits: SearchHit[] } {
  const kind = answerKindOf(question, result.analyzed.definitional);
  const questionTerms = new Set(result.analyzed.slots.flatMap((slot) => slot.representations.flatMap((representation) => representation.terms)));
  const echoes = (text: string): boolean => wordEcho(text, questionTerms) >= ECHO_SHARE;
  const ranked = result.hits.map((hit) => bestLine(result, hit, kind, echoes)).sort((a, b) => b.score - a.score);
  // Each hit's answering line, best first, then the hits themselves (a line cited once).
  const picks: SearchHit[] = [];
  const taken = new Set<string>();
  for (const hit of [...ranked, ...result.hits]) {
    const key = `${hit.chunk.noteId}:${hit.chunk.line}`;
    if (taken.has(key)) continue;
    taken.add(key);
    picks.push(hit);
  }
  return { kind, hits: picks.slice(0, Math.max(result.hits.length, 1)) };
}

/** Share of a line's words (not their bigrams: "サービスメッシュについての誤解" is two words) that the question has. */
function wordEcho(text: string, questionTerms: ReadonlySet<string>): number {
  // Words a question would drop as chat filler ("meetup", "talk") cannot show an echo either way.
  const words = analyzeText(text).words.filter((word) => !word.stop && !isQueryFiller(word.text) && word.terms.length > 0);
  if (words.length === 0) return 0;
  return words.filter((word) => word.terms.some((term) => questionTerms.has(term))).length / words.length;
}

/** The best line a hit leads to: itself, a line under it, its heading or the note's head. */
function bestLine(result: QueryResult, hit: SearchHit, kind: AnswerKind, echoes: (text: string) => boolean): SearchHit {
  const line = hit.chunk.line;
  const nearby = result.around(hit, LOOKS_ABOVE.has(kind) ? line - LINES_ABOVE : line, line + LINES_BELOW);
  const self = nearby.find((entry) => entry.chunk.line === line);
  // The title line names the event that questions about any of its talks name; it answers
  // "when", "where" (a dated title) and "who" (a byline) but rarely anything else.
  const titleFactor = isTitleLine(hit) && !HEADED_KINDS.has(kind) ? TITLE_FACTOR : 1;
  // A line that only repeats the question ("telepresence", "Turn off garbage collection") is
  // where the answer starts: the lines under it say why or how.
  const echoFactor = ECHO_FACTORS.get(kind) ?? 1;
  const echo = echoFactor < 1 && echoes(hit.chunk.text);
  let best = { hit, score: hit.score * titleFactor * (echo ? echoFactor : 1) * lineFactor(kind, self?.mentions() ?? hit.coverage, hit.chunk.text) };
  const consider = (entry: NearbyChunk, proximity: number): void => {
    // The best this line could score, before reading its terms: skip it when that cannot win.
    if (hit.score * proximity * lineFactor(kind, 1, entry.chunk.text) <= best.score) return;
    const score = hit.score * proximity * lineFactor(kind, entry.mentions(), entry.chunk.text);
    if (score > best.score) best = { hit: { ...hit, chunk: entry.chunk, score }, score };
  };
  const childDepth = new Map(hit.chunk.children.map((child) => [child.line, child.depth]));
  const asks = isHeadingChunk(hit.chunk) || asksQuestion(hit.chunk.text) || echo;
  let siblings = 0;
  // A reason or a number can come first: "外部パッケージの探索が遅い" / "dragon-importsを作った".
  for (const entry of nearby) {
    const candidate = entry.chunk;
    if (candidate.line < line && inSameSection(candidate, hit.chunk) && !isHeadingChunk(candidate) && !candidate.children.some((child) => child.line === line)) {
      consider(entry, PROXIMITY.siblingAbove);
    }
  }
  for (const entry of nearby) {
    const candidate = entry.chunk;
    if (candidate.line <= line) continue;
    if (!inSameSection(candidate, hit.chunk)) break;
    const depth = childDepth.get(candidate.line);
    if (depth !== undefined) consider(entry, asks ? PROXIMITY.answerUnderQuestion : depth === 1 ? PROXIMITY.child : PROXIMITY.descendant);
    else consider(entry, PROXIMITY.sibling * PROXIMITY.siblingDecay ** siblings++);
  }
  if (HEADED_KINDS.has(kind)) {
    const heading = result.headingOf(hit);
    if (heading) {
      consider(heading, PROXIMITY.heading);
      const from = heading.chunk.line + 1;
      for (const entry of result.around(hit, from, from + LINES_UNDER_HEADING)) if (entry.chunk.line !== line) consider(entry, PROXIMITY.underHeading);
    }
    // The note's first lines: its date, venue, and the speakers under the title.
    for (const entry of result.around(hit, 1, HEAD_LINES)) if (entry.chunk.line !== line) consider(entry, PROXIMITY.head);
  }
  return best.hit;
}

function lineFactor(kind: AnswerKind, mentions: number, text: string): number {
  const match = answerKindMatch(kind, text);
  // A line without a name cannot say who spoke, however many of the question's words it repeats.
  if (FACT_KINDS.has(kind)) return (FACT_FLOOR + match) * (1 + FACT_MENTION_WEIGHT * mentions);
  return (1 + KIND_WEIGHT * match) * (1 + MENTION_WEIGHT * mentions);
}

/** A bullet that restates a talk's question ("なぜサービスメッシュなのか", "Why Envoy?", "What is X?"). */
function asksQuestion(text: string): boolean {
  return /[?？]\s*$/.test(text) || interrogativesOf(text).size > 0;
}

function isTitleLine(hit: SearchHit): boolean {
  return hit.chunk.section.length === 0 && hit.chunk.text === hit.note.title;
}
