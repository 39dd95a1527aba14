import type { Logger } from '../logger.js';
import type { ModelAnswer } from '../recap/grounded-answer.js';
import type { QuestionLog } from '../store/question-log.js';
import type { RecapMetrics } from '../web/metrics.js';

type Ask<Args extends unknown[]> = (question: string, ...rest: Args) => Promise<ModelAnswer>;

/**
 * Answering as people see it: timed and counted in the metrics, and each question kept in the
 * question log (the admin page's "asked, and not in the notes"). The log is written after the
 * answer and never delays or fails it.
 */
export function observedAsk<Args extends unknown[]>(ask: Ask<Args>, observers: { metrics: RecapMetrics; questions: QuestionLog; surface: string; logger: Logger }): Ask<Args> {
  const timed = observers.metrics.timedAsk(ask);
  return async (question, ...rest) => {
    const answer = await timed(question, ...rest);
    const first = answer.citations[0];
    observers.questions
      .record({ question, answered: answer.grounded, surface: observers.surface, cited: first ? { noteId: first.noteId, line: first.line } : null, at: new Date().toISOString() })
      .catch((error: unknown) => observers.logger.warn({ err: error }, 'could not keep the question in the question log'));
    return answer;
  };
}
