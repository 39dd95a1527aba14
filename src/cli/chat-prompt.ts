import { createInterface } from 'node:readline/promises';
import { renderAnswerText } from '../chat/render-text.js';
import { ask, type AskDependencies } from '../recap/ask.js';
import { writeOut } from './terminal-output.js';

const PROMPT_HELP = [
  'Ask a question about the notes, as you would in Slack or Discord, e.g.',
  '  what is Brown Field?',
  '  サービスメッシュってコンテナ化しないと導入できないの?',
  'Commands: /help, /quit (or Ctrl-D).',
].join('\n');

/**
 * A terminal chat for newcomers when no chat platform is configured: questions in, cited answers
 * out, the same answers the bots give.
 */
export async function runChatPrompt(deps: AskDependencies): Promise<void> {
  const prompt = createInterface({ input: process.stdin, output: process.stdout });
  writeOut(`\n${PROMPT_HELP}\n\n`);
  try {
    for (;;) {
      let line: string;
      try {
        line = (await prompt.question('recap> ')).trim();
      } catch {
        return; // Ctrl-D / closed input
      }
      if (line === '') continue;
      if (line === '/quit' || line === '/exit') return;
      if (line === '/help') {
        writeOut(`${PROMPT_HELP}\n\n`);
        continue;
      }
      writeOut(`\n${renderAnswerText(await ask(deps, line))}\n\n`);
    }
  } finally {
    prompt.close();
  }
}
