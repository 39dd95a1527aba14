import { estimateTokens } from '../llm/estimate-tokens.js';
import type { LlmClient } from '../llm/llm-client.js';
import { messagesTokens } from '../llm/messages-tokens.js';
import { buildConversationMessages, type PromptMessage } from '../llm/prompts/conversation-prompt.js';
import type { ConversationMessage } from '../domain/conversation.js';

/** A conversation recap the model wrote: its bullets, and the messages each [n] refers to (n-1). */
export interface ModelConversationRecap {
  bullets: Array<{ text: string; sources: ConversationMessage[] }>;
  /** How many of the latest messages the model read (all of them when they fit its context). */
  read: number;
  model: string;
}

// The system prompt, the delimiters and a margin for the estimate's error.
const PROMPT_OVERHEAD_TOKENS = 400;
const MAX_MESSAGE_CHARS = 1_000;

/**
 * Asks the model for a recap of the latest messages that fit its context, each bullet citing
 * message numbers. Bullets that cite no message it was given are dropped (nothing ungrounded
 * reaches chat); null when no bullet is left, so the caller falls back to the extractive recap.
 */
export async function summarizeConversationWithLlm(
  llm: LlmClient,
  messages: readonly ConversationMessage[],
  options: { language: string; contextTokens: number; formatTime(at: number): string },
): Promise<ModelConversationRecap | null> {
  const budget = options.contextTokens - llm.config.maxOutputTokens - PROMPT_OVERHEAD_TOKENS;
  const picked: ConversationMessage[] = [];
  let used = 0;
  // The latest messages first: a recap of "what I missed" is about the end of the conversation.
  for (let index = messages.length - 1; index >= 0; index -= 1) {
    const message = messages[index];
    if (message === undefined || message.text.trim() === '') continue;
    const cost = estimateTokens(message.text.slice(0, MAX_MESSAGE_CHARS)) + 12;
    if (used + cost > budget && picked.length > 0) break;
    picked.unshift(message);
    used += cost;
  }
  if (picked.length === 0) return null;
  const prompt: PromptMessage[] = picked.map((message, index) => ({
    number: index + 1,
    author: message.userName,
    time: options.formatTime(message.at),
    text: message.text.slice(0, MAX_MESSAGE_CHARS),
  }));
  const chat = buildConversationMessages(prompt, options.language);
  if (messagesTokens(chat) > options.contextTokens) return null;
  const completion = await llm.complete(chat);
  const bullets = completion.text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => /^[-*・•]\s+/.test(line))
    .flatMap((line) => {
      const numbers = [...line.matchAll(/\[(\d{1,5})\]/g)].map((match) => Number(match[1]));
      const sources = [...new Set(numbers)].flatMap((number) => (picked[number - 1] ? [picked[number - 1] as ConversationMessage] : []));
      if (sources.length === 0) return [];
      const text = line.replace(/^[-*・•]\s+/, '').replace(/\s*(\[\d{1,5}\])+\s*/g, ' ').trim();
      return text === '' ? [] : [{ text, sources }];
    });
  return bullets.length === 0 ? null : { bullets, read: picked.length, model: completion.model };
}
