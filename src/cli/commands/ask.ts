import { InvalidArgumentError, type Command } from 'commander';
import { renderAnswerText } from '../../chat/render-text.js';
import { ask } from '../../recap/ask.js';
import { loadIndex } from '../../search/load-index.js';
import { withRuntime } from '../with-runtime.js';
import { writeOut } from '../terminal-output.js';

export function parseTop(value: string): number {
  const top = Number(value);
  if (!Number.isInteger(top) || top < 1 || top > 50) throw new InvalidArgumentError('--top takes a whole number from 1 to 50.');
  return top;
}

export function registerAskCommand(program: Command): void {
  program
    .command('ask')
    .description('Answer a question from the ingested notes, with citations (the model writes the answer when one is configured; offline it is extractive)')
    .argument('<question...>', 'the question, in Japanese or English')
    .option('--json', 'print one JSON object: {question, answer, grounded, citations[]}')
    .option('--top <n>', 'how many citations to return', parseTop, 5)
    .addHelpText('after', '\nExamples:\n  recap ask "what is Brown Field?"\n  recap ask サービスメッシュってコンテナ化しないと導入できないの?\n  recap ask --json --top 3 "Envoy"')
    .action(async (words: string[], options: { json?: boolean; top: number }) => {
      await withRuntime(async (runtime) => {
        const index = await loadIndex(runtime.store, runtime.logger);
        const answer = await ask({ index, llm: runtime.llm, noteLanguages: runtime.config.recapLanguages }, words.join(' '), { top: options.top });
        writeOut(options.json ? `${JSON.stringify(answer)}\n` : `${renderAnswerText(answer, runtime.config.web.publicUrl)}\n`);
      });
    });
}
