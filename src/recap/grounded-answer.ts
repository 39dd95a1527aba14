import { isRecapError } from '../errors.js';
import type { LlmClient } from '../llm/llm-client.js';
import { buildAnswerMessages, buildRewriteMessages, rewriteSchema, type AnswerSource } from '../llm/prompts/answer-prompt.js';
import { parseModelReply } from '../llm/prompts/summary-prompt.js';
import { hasJapanese } from '../search/normalize.js';
import type { SearchIndex } from '../search/search-index.js';
import type { SearchHit } from '../search/types.js';
import type { TokenUsage } from '../store/usage-store.js';
import { answerQuestion, hitCitation, isGrounded, type Answer, type AnswerOptions } from './answer.js';
import { whereLabel } from './answer-text.js';

/** Sources given to the model: enough to answer from, few enough to keep the prompt small. */
const MAX_SOURCES = 6;
/** Lines of a source beyond the cited one (its sub-bullets). */
const MAX_SOURCE_CHILD_LINES = 8;
const CITATION_MARK = /\[(\d{1,2})\]/g;

/** An answer written by the model, or the extractive one it fell back to, and why. */
export interface ModelAnswer extends Answer {
  mode: 'llm' | 'extractive';
  model?: string;
  usage?: TokenUsage;
  /** Set when a model is configured but the extractive answer was given instead. */
  fallbackReason?: string;
}

export interface ModelAnswerOptions extends AnswerOptions {
  /** Languages the notes are written in; the question is rewritten into those it is not in. */
  noteLanguages: readonly string[];
}

/**
 * Answers with the model, grounded in retrieval: search first (with the question rewritten into
 * the notes' languages by the model when the first search is weak), then a prompt with numbered
 * sources, then a check that the answer cites only sources it was given. When retrieval is weak
 * the model is not asked to answer: "not in the notes" with the nearest sections. When the model
 * fails or cites nothing valid, the extractive answer is given with a note saying so.
 */
export async function answerWithModel(index: SearchIndex, llm: LlmClient, question: string, options: ModelAnswerOptions): Promise<ModelAnswer> {
  const top = options.top ?? 5;
  const usage: TokenUsage = { promptTokens: 0, completionTokens: 0, totalTokens: 0 };
  const extractive = answerQuestion(index, question, { top });
  if (question.trim() === '' || index.size === 0) return { ...extractive, mode: 'extractive' };
  const language = hasJapanese(question) ? 'ja' : 'en';
  try {
    let hits = groundedHits(index, question);
    if (hits.length === 0) {
      hits = await searchRewritten(index, llm, question, language, options.noteLanguages, usage);
      if (hits.length === 0) return { ...extractive, mode: 'extractive', usage };
    }
    const sources = hits.slice(0, MAX_SOURCES).map((hit, position) => toSource(index, hit, position + 1));
    const completion = await llm.complete(buildAnswerMessages(question, language, sources));
    addUsage(usage, completion.usage);
    const cited = citedNumbers(completion.text, sources.length);
    if (cited.length === 0) {
      return fallback(extractive, usage, language === 'ja' ? 'モデルの回答が出典を示さなかったため、ノートの記述をそのまま示します。' : 'The model’s answer cited no source, so here are the notes’ own words.');
    }
    return {
      question,
      answer: stripInvalidCitations(completion.text, sources.length).trim(),
      grounded: true,
      citations: hits.slice(0, MAX_SOURCES).map((hit, position) => hitCitation(hit, position)),
      mode: 'llm',
      model: completion.model,
      usage,
    };
  } catch (error) {
    if (!isRecapError(error)) throw error;
    const reason = language === 'ja' ? `モデルを使えませんでした（${error.message}）。ノートの記述で答えます。` : `The model could not be used (${error.message}); answering from the notes directly.`;
    return fallback(extractive, usage, reason);
  }
}

function groundedHits(index: SearchIndex, question: string): SearchHit[] {
  return index.search(question, { top: MAX_SOURCES }).filter((hit) => isGrounded(hit));
}

/** Asks the model for the question in the notes' other languages and searches with those. */
async function searchRewritten(index: SearchIndex, llm: LlmClient, question: string, language: string, noteLanguages: readonly string[], usage: TokenUsage): Promise<SearchHit[]> {
  const targets = noteLanguages.filter((code) => code !== language);
  if (targets.length === 0) return [];
  const completion = await llm.complete(buildRewriteMessages(question, targets), { json: true, maxOutputTokens: 300 });
  addUsage(usage, completion.usage);
  const parsed = parseModelReply(completion.text, rewriteSchema);
  if (!parsed.ok) return [];
  const merged = new Map<string, SearchHit>();
  for (const rewritten of Object.values(parsed.value)) {
    for (const hit of groundedHits(index, rewritten)) {
      const known = merged.get(hit.chunk.id);
      if (!known || known.relevance < hit.relevance) merged.set(hit.chunk.id, hit);
    }
  }
  return [...merged.values()].sort((a, b) => b.relevance - a.relevance);
}

function toSource(index: SearchIndex, hit: SearchHit, number: number): AnswerSource {
  const parent = index.parentOf(hit.chunk);
  // A parent bullet gives context ("Envoy" for "L4 - L7 Proxy"); a section heading is already in `where`.
  const parentBullet = parent && parent.text !== hit.chunk.section.at(-1) ? parent : null;
  const lines = [
    ...(parentBullet ? [`(under: ${parentBullet.text})`] : []),
    hit.chunk.text,
    ...hit.chunk.children.slice(0, MAX_SOURCE_CHILD_LINES).map((child) => `${'  '.repeat(child.depth)}- ${child.text}`),
  ];
  return { number, where: whereLabel(hit.note, hit.chunk.section, hit.chunk.line), lines };
}

/** The source numbers an answer cites that exist, in order of first use. */
export function citedNumbers(text: string, sourceCount: number): number[] {
  const cited: number[] = [];
  for (const match of text.matchAll(CITATION_MARK)) {
    const number = Number(match[1]);
    if (number >= 1 && number <= sourceCount && !cited.includes(number)) cited.push(number);
  }
  return cited;
}

/** Removes [n] marks that point at no source (a model inventing citations). */
export function stripInvalidCitations(text: string, sourceCount: number): string {
  return text.replace(CITATION_MARK, (mark, digits: string) => (Number(digits) >= 1 && Number(digits) <= sourceCount ? mark : ''));
}

function fallback(extractive: Answer, usage: TokenUsage, reason: string): ModelAnswer {
  return { ...extractive, answer: `${reason}\n\n${extractive.answer}`, mode: 'extractive', usage, fallbackReason: reason };
}

function addUsage(total: TokenUsage, more: TokenUsage): void {
  total.promptTokens += more.promptTokens;
  total.completionTokens += more.completionTokens;
  total.totalTokens += more.totalTokens;
}
