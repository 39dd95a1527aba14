import type { ReplyCitation, Reply } from '../domain/reply.js';
import type { Citation } from '../recap/answer.js';
import type { ModelAnswer } from '../recap/grounded-answer.js';

/** Answers and their citations as the platform-neutral Reply (domain/reply.ts). */
export function citationLabel(citation: Pick<Citation, 'title' | 'section'>): string {
  return [citation.title, ...citation.section].filter((part) => part.trim() !== '').join(' › ');
}

export function toReplyCitation(citation: Citation): ReplyCitation {
  // A translated hit shows the original line and its translation side by side.
  const text = citation.translation ? `${citation.text} (${citation.translation.language}: ${citation.translation.text})` : citation.text;
  return { rank: citation.rank, noteId: citation.noteId, label: citationLabel(citation), location: `${citation.source}:${citation.line}`, line: citation.line, text };
}

/** An answer (model-written or extractive) as a reply. */
export function replyFromAnswer(answer: ModelAnswer): Reply {
  const footer = answer.mode === 'llm' && answer.model ? `Written by ${answer.model} from the cited notes.` : undefined;
  return {
    kind: answer.grounded ? 'answer' : 'not-found',
    text: answer.answer.trim(),
    citations: answer.citations.map(toReplyCitation),
    ...(footer ? { footer } : {}),
    ...(answer.language ? { language: answer.language } : {}),
  };
}
