import { createInterface } from 'node:readline/promises';
import type { Readable, Writable } from 'node:stream';
import type { ChatContext } from '../chat/chat-adapter.js';
import { parseCommandText, type ChatCommand, type CommandSyntax } from '../chat/chat-command.js';
import { failureReply } from '../chat/failure-reply.js';
import { renderReplyText } from '../chat/render-text.js';
import { runChatCommand, type ChatFrontEnd, type ChatRequest } from '../chat/run-chat-command.js';
import { infoReply, type Reply } from '../domain/reply.js';
import { printableText } from '../printable.js';

const PROMPT_HELP = [
  'Ask a question about the notes, as you would in Slack or Discord, e.g.',
  '  what is Brown Field?',
  '  サービスメッシュってコンテナ化しないと導入できないの?',
  'Commands: /list, /summary [note] [language], /translate <note> <language>, /define <term>, /help, /quit (or Ctrl-D).',
].join('\n');

/** Commands at the prompt are the chat commands with a slash: `/list`, `/summary cloud native en`. */
const PROMPT_SYNTAX: CommandSyntax = {
  typed: (word) => `/${word}`,
  commandNoun: 'a command of this prompt',
  schedule: () => ({ problem: 'Schedules post to chat channels: add one with `recap schedule add` in a shell, or with /recap schedule in Slack or Discord.' }),
};

/** Where the prompt reads and writes (a terminal; tests give streams). */
export interface PromptStreams {
  input: Readable;
  output: Writable;
}

/**
 * A terminal chat for newcomers when no chat platform is configured: questions in, cited answers
 * out, and the chat commands (`/list`, `/summary`, …) run as the bots run them.
 */
export async function runChatPrompt(context: ChatContext, streams: PromptStreams = { input: process.stdin, output: process.stdout }): Promise<void> {
  const prompt = createInterface({ input: streams.input, output: streams.output });
  // Everything shown passes printableText: notes are untrusted text, and this is a terminal.
  const show = (text: string): void => {
    streams.output.write(printableText(text));
  };
  const request: ChatRequest = { platform: 'terminal', user: 'terminal', channel: '', logger: context.logger.child({ platform: 'terminal' }) };
  const frontEnd = promptFrontEnd(context);
  show(`\n${PROMPT_HELP}\n\n`);
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
      const command: ChatCommand = line.startsWith('/') ? parseCommandText(line.slice(1), PROMPT_SYNTAX) : { name: 'ask', question: line };
      let reply: Reply;
      try {
        ({ reply } = await runChatCommand(context, command, request, frontEnd));
      } catch (error) {
        request.logger.warn({ err: error, command: command.name }, 'prompt command failed');
        reply = failureReply(error);
      }
      show(`\n${renderReplyText(reply)}\n\n`);
    }
  } finally {
    prompt.close();
  }
}

/** The prompt reads the notes; changing them (delete, schedules) is for the CLI, where it is confirmed. */
function promptFrontEnd(context: ChatContext): ChatFrontEnd {
  return {
    help: (problem) => infoReply([...(problem ? [problem, ''] : []), PROMPT_HELP].join('\n')),
    ingestHelp: () => infoReply(`To add a note, put its file in ${context.config.notesDir} (recap start ingests what lands there), or run \`recap ingest <file>\` in a shell.`),
    refusal: async (action) =>
      infoReply(
        action === 'delete'
          ? 'This prompt only reads the notes: delete one with `recap delete <note id>` in a shell.'
          : action === 'ingest'
            ? 'This prompt only reads the notes: add one from a URL with `recap ingest <url>` in a shell.'
            : 'This prompt only reads the notes: manage schedules with `recap schedule` in a shell.',
      ),
  };
}
