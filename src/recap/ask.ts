import type { LlmClient } from '../llm/llm-client.js';
import type { SearchIndex } from '../search/search-index.js';
import { answerQuestion } from './answer.js';
import { answerWithModel, type ModelAnswer } from './grounded-answer.js';

export interface AskDependencies {
  index: SearchIndex;
  /** null = offline: extractive answers. */
  llm: LlmClient | null;
  /** Languages notes are written in (RECAP_LANGUAGES), for rewriting questions. */
  noteLanguages: readonly string[];
}

/** The one entry point for questions, used by the CLI, the terminal prompt and the chat adapters. */
export async function ask(deps: AskDependencies, question: string, options: { top?: number } = {}): Promise<ModelAnswer> {
  if (deps.llm === null) return { ...answerQuestion(deps.index, question, options), mode: 'extractive' };
  return answerWithModel(deps.index, deps.llm, question, { ...options, noteLanguages: deps.noteLanguages });
}
