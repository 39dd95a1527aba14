import type { ConversationMessage } from '../domain/conversation.js';

/**
 * What an offline (extractive) recap of a conversation picks, message by message: the questions
 * asked with their first answers, the links shared, the messages with the most replies and
 * reactions. Nothing is rewritten; every pick is a message that the reply cites by its link.
 */
export interface ConversationRecap {
  /** Messages the recap read (bots' and off-the-record ones were never kept). */
  covered: number;
  /** Different people who wrote them. */
  people: number;
  first: ConversationMessage | null;
  last: ConversationMessage | null;
  questions: Array<{ question: ConversationMessage; answers: ConversationMessage[] }>;
  links: Array<{ url: string; message: ConversationMessage }>;
  /** The most replied-to and reacted-to messages, most first. */
  highlights: ConversationMessage[];
  /** When nothing above stands out: the opening messages, so the recap still says what it was about. */
  opening: ConversationMessage[];
}

const MAX_QUESTIONS = 5;
const ANSWERS_PER_QUESTION = 2;
const MAX_LINKS = 6;
const MAX_HIGHLIGHTS = 3;
const OPENING_MESSAGES = 3;
// Outside a thread, a reply to a question comes soon after it or is not one.
const ANSWER_WINDOW_MS = 30 * 60 * 1000;

// A question: it ends with a question mark, or asks in so many words (Japanese endings, English openers).
const QUESTION_END = /[?？]\s*$/;
const JA_QUESTION = /(って何|とは[?？]?$|ですか|ますか|でしょうか|かな[?？。]?$|だっけ|教えて|どうやって|なぜ|なんで|どこ|いつ|誰)/;
const EN_QUESTION = /^(what|how|why|who|when|where|which|does|do|is|are|can|could|should|would|will|anyone|has|have)\b/i;
const URL = /https?:\/\/[^\s<>"'`）」』】]+/g;
// Punctuation that ends a sentence rather than a URL.
const URL_TAIL = /[.,;:!?)\]}。、！？]+$/;

/** Picks what an extractive recap of these messages (oldest first) shows. */
export function extractConversationRecap(messages: readonly ConversationMessage[]): ConversationRecap {
  const questions = messages
    .filter((message) => isQuestion(message.text))
    .map((question) => ({ question, answers: answersTo(question, messages) }))
    // Answered questions first (what a reader missed), then in the order they were asked.
    .sort((a, b) => Number(b.answers.length > 0) - Number(a.answers.length > 0) || a.question.at - b.question.at)
    .slice(0, MAX_QUESTIONS)
    .sort((a, b) => a.question.at - b.question.at);
  const links = sharedLinks(messages);
  const highlights = [...messages]
    .filter((message) => attention(message) > 0)
    .sort((a, b) => attention(b) - attention(a) || a.at - b.at)
    .slice(0, MAX_HIGHLIGHTS);
  const nothingStandsOut = questions.length === 0 && links.length === 0 && highlights.length === 0;
  return {
    covered: messages.length,
    people: new Set(messages.map((message) => message.user)).size,
    first: messages[0] ?? null,
    last: messages.at(-1) ?? null,
    questions,
    links,
    highlights,
    opening: nothingStandsOut ? messages.filter((message) => message.text.trim() !== '').slice(0, OPENING_MESSAGES) : [],
  };
}

export function isQuestion(text: string): boolean {
  // A link with a question mark in it is not a question.
  const words = text.replace(URL, '').trim();
  if (words === '') return false;
  return QUESTION_END.test(words) || JA_QUESTION.test(words) || EN_QUESTION.test(words);
}

/** The first replies by someone else: in the question's thread, or just after it in the same place. */
function answersTo(question: ConversationMessage, messages: readonly ConversationMessage[]): ConversationMessage[] {
  const isParent = question.threadId === null || question.threadId === question.id;
  return messages
    .filter((candidate) => {
      // A follow-up question is not an answer (and is listed as a question of its own).
      if (candidate.at < question.at || candidate.id === question.id || candidate.user === question.user || candidate.text.trim() === '' || isQuestion(candidate.text)) return false;
      if (isParent && candidate.threadId === question.id) return true;
      return candidate.threadId === question.threadId && candidate.at - question.at <= ANSWER_WINDOW_MS;
    })
    .slice(0, ANSWERS_PER_QUESTION);
}

/** Each URL once, with the message that shared it first. */
function sharedLinks(messages: readonly ConversationMessage[]): Array<{ url: string; message: ConversationMessage }> {
  const seen = new Map<string, ConversationMessage>();
  for (const message of messages) {
    for (const match of message.text.matchAll(URL)) {
      const url = match[0].replace(URL_TAIL, '');
      if (!seen.has(url)) seen.set(url, message);
    }
  }
  return [...seen].slice(0, MAX_LINKS).map(([url, message]) => ({ url, message }));
}

/** How much attention a message drew: a reply counts more than a reaction. */
function attention(message: ConversationMessage): number {
  return message.replyCount * 2 + message.reactionCount;
}
