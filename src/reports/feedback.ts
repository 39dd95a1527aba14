import type { Feedback, FeedbackStore } from '../store/feedback-store.js';

/** Every vote on an answer, newest first, and the tally. */
export interface FeedbackReport {
  votes: Feedback[];
  helpful: number;
  notHelpful: number;
}

export async function feedbackReport(store: FeedbackStore): Promise<FeedbackReport> {
  const votes = await store.list();
  const helpful = votes.filter((vote) => vote.value === 'helpful').length;
  return { votes, helpful, notHelpful: votes.length - helpful };
}
