import type { Command } from 'commander';
import { feedbackReport } from '../../reports/feedback.js';
import { FeedbackStore, type Feedback } from '../../store/feedback-store.js';
import { withRuntime } from '../with-runtime.js';
import { writeOut } from '../terminal-output.js';

/** Longest question shown in the table; --json has them whole. */
const QUESTION_COLUMN_CHARS = 60;

export function registerFeedbackCommand(program: Command): void {
  program
    .command('feedback')
    .description('List the helpful / not helpful votes given to answers in chat, newest first')
    .option('--json', 'print a JSON array: {answerId, question, platform, user, value, at}')
    .action(async (options: { json?: boolean }) => {
      await withRuntime(async (runtime) => {
        const { votes, helpful, notHelpful } = await feedbackReport(new FeedbackStore(runtime.redis, runtime.config.keyPrefix));
        if (options.json) {
          writeOut(`${JSON.stringify(votes)}\n`);
          return;
        }
        if (votes.length === 0) {
          writeOut('No feedback yet. Answers in Slack carry "Helpful" / "Not helpful" buttons.\n');
          return;
        }
        for (const vote of votes) writeOut(`${formatVote(vote)}\n`);
        writeOut(`\n${votes.length} vote(s): ${helpful} helpful, ${notHelpful} not helpful\n`);
      });
    });
}

function formatVote(vote: Feedback): string {
  const question = vote.question.replace(/\s+/g, ' ').trim() || '(answer expired)';
  const shown = question.length > QUESTION_COLUMN_CHARS ? `${question.slice(0, QUESTION_COLUMN_CHARS - 1)}…` : question;
  return `${vote.at.slice(0, 16).replace('T', ' ')}  ${vote.value.padEnd(11)}  ${vote.platform}:${vote.user}  ${shown}  [${vote.answerId}]`;
}
