import type { ModelAnswer } from '../recap/grounded-answer.js';
import { citationsHeading, withCitationLinks, type Reply } from '../domain/reply.js';
import { replyFromAnswer } from './answer-reply.js';

/** Renders a reply for a terminal: the text, then numbered sources (title › section · file:line). */
export function renderReplyText(reply: Reply): string {
  const lines = [reply.text];
  if (reply.citations.length > 0) {
    lines.push('', `${citationsHeading(reply)}:`);
    for (const citation of reply.citations) lines.push(`  [${citation.rank}] ${citation.label} · ${citation.location}${citation.url ? `  ${citation.url}` : ''}`);
  }
  if (reply.footer) lines.push('', `(${reply.footer})`);
  return lines.join('\n');
}

export function renderAnswerText(answer: ModelAnswer, publicUrl: string | null = null): string {
  return renderReplyText(withCitationLinks(replyFromAnswer(answer), publicUrl));
}
