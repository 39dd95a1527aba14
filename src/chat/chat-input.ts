import { errorReply, type Reply } from '../domain/reply.js';

/**
 * The longest question or command text recap reads from chat (Discord's own message limit).
 * Longer text is refused before any search: a question is a line or two, and a pasted document
 * would only cost the bot's other users their answers while it is searched.
 */
export const MAX_CHAT_INPUT_CHARS = 2_000;

/** A refusal when `text` is longer than MAX_CHAT_INPUT_CHARS, else null. */
export function inputTooLong(text: string): Reply | null {
  if (text.length <= MAX_CHAT_INPUT_CHARS) return null;
  return errorReply(
    `That message is ${text.length.toLocaleString('en')} characters long; recap reads questions and commands of up to ${MAX_CHAT_INPUT_CHARS.toLocaleString('en')}. Ask a shorter question, or add a long text as a note file.`,
  );
}
