import type { QuestionLog, QuestionLogEntry } from '../store/question-log.js';

/** The latest questions, and those the notes did not answer (what organizers should write next). */
export interface QuestionsReport {
  latest: QuestionLogEntry[];
  declined: QuestionLogEntry[];
}

export async function questionsReport(log: QuestionLog, shown: number): Promise<QuestionsReport> {
  const latest = await log.latest(shown);
  return { latest, declined: latest.filter((entry) => !entry.answered) };
}
