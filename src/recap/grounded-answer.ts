import { isRecapError } from '../errors.js';
import type { LlmClient } from '../llm/llm-client.js';
import { buildAnswerMessages, buildRewriteMessages, rewriteSchema } from '../llm/prompts/answer-prompt.js';
import { parseModelReply } from '../llm/prompts/summary-prompt.js';
import { hasJapanese } from '../search/normalize.js';
import type { SearchIndex } from '../search/search-index.js';
import type { TokenUsage } from '../store/usage-store.js';
import { answerQuestion, hitCitation, type Answer, type AnswerOptions } from './answer.js';
import { retrieve } from './grounding.js';
import { MAX_SOURCES, type ModelSources, modelSources } from './model-sources.js';

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
    let given = groundedSources(index, question);
    if (given.hits.length === 0) {
      given = await searchRewritten(index, llm, question, language, options.noteLanguages, usage);
      if (given.hits.length === 0) return { ...extractive, mode: 'extractive', usage };
    }
    const { sources, hits } = given;
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
      citations: hits.map((hit, position) => hitCitation(hit, position)),
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

/**
 * The sections around the hits that are relevant to a question (none when retrieval is weak). The
 * model reads whether they state what was asked, so hits need not pass the extractive answer's
 * checks of the fact's kind and the question's names.
 */
export function groundedSources(index: SearchIndex, question: string): ModelSources {
  const { result, hits, relevant } = retrieve(index, question, MAX_SOURCES);
  return modelSources(result, hits.filter(relevant));
}

/** Asks the model for the question in the notes' other languages and takes the best-grounded search of those. */
async function searchRewritten(index: SearchIndex, llm: LlmClient, question: string, language: string, noteLanguages: readonly string[], usage: TokenUsage): Promise<ModelSources> {
  const none: ModelSources = { sources: [], hits: [], sent: new Set() };
  const targets = noteLanguages.filter((code) => code !== language);
  if (targets.length === 0) return none;
  const completion = await llm.complete(buildRewriteMessages(question, targets), { json: true, maxOutputTokens: 300 });
  addUsage(usage, completion.usage);
  const parsed = parseModelReply(completion.text, rewriteSchema);
  if (!parsed.ok) return none;
  let best = none;
  for (const rewritten of Object.values(parsed.value)) {
    const found = groundedSources(index, rewritten);
    if ((found.hits[0]?.relevance ?? 0) > (best.hits[0]?.relevance ?? 0)) best = found;
  }
  return best;
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
