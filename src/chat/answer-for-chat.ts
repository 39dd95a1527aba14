import type { Logger } from '../logger.js';
import type { AnswerStore } from '../store/answer-store.js';
import type { ChatContext } from './chat-adapter.js';
import { withCitationLinks, type Reply } from '../domain/reply.js';
import { replyFromAnswer } from './answer-reply.js';

export interface ChatQuestion {
  question: string;
  platform: string;
  user: string;
}

/** A reply to a chat question, and the id its share and feedback buttons refer to. */
export interface ChatAnswerReply {
  reply: Reply;
  /** null when the answer could not be stored: it is still shown, without buttons. */
  answerId: string | null;
}

/**
 * Answers a question asked in a chat (model or extractive, through ChatContext.ask) and keeps the
 * answer for its buttons when the front end has them (`answers`). Storing is best effort: an
 * answer is never withheld for want of Redis.
 */
export async function answerForChat(context: ChatContext, answers: AnswerStore | null, asked: ChatQuestion, logger: Logger): Promise<ChatAnswerReply> {
  const answer = await context.ask(asked.question);
  // Linked before it is kept: a shared copy shows the same links.
  const reply = withCitationLinks(replyFromAnswer(answer), context.config.web.publicUrl);
  if (answer.fallbackReason) logger.warn({ reason: answer.fallbackReason }, 'answered without the model');
  if (answers === null) return { reply, answerId: null };
  try {
    const saved = await answers.save({ question: asked.question, reply, platform: asked.platform, user: asked.user });
    return { reply, answerId: saved.id };
  } catch (error) {
    logger.warn({ err: error }, 'answer not stored; sending it without buttons');
    return { reply, answerId: null };
  }
}
