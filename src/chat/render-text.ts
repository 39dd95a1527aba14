import type { Answer } from '../recap/answer.js';
import type { ModelAnswer } from '../recap/grounded-answer.js';

/** Renders an answer for a terminal: the answer, then numbered sources (title › section · file:line). */
export function renderAnswerText(answer: Answer | ModelAnswer): string {
  const lines = [answer.answer.trim()];
  if (answer.citations.length > 0) {
    lines.push('', answer.grounded ? 'Sources:' : 'Nearest sections:');
    for (const citation of answer.citations) {
      const where = [citation.title, ...citation.section].filter(Boolean).join(' › ');
      lines.push(`  [${citation.rank}] ${where} · ${citation.source}:${citation.line}`);
    }
  }
  if ('mode' in answer && answer.mode === 'llm' && answer.model) lines.push('', `(written by ${answer.model} from the sources above)`);
  return lines.join('\n');
}
