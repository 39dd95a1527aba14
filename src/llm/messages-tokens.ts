import { estimateTokens } from './estimate-tokens.js';
import type { ChatMessage } from './llm-client.js';

/** Estimated input tokens of a prompt's messages. */
export function messagesTokens(messages: readonly ChatMessage[]): number {
  return estimateTokens(messages.map((message) => message.content).join('\n'));
}
