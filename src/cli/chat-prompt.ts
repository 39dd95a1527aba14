import { clearLine, cursorTo } from 'node:readline';
import { createInterface } from 'node:readline/promises';
import type { Readable, Writable } from 'node:stream';
import type { ChatContext } from '../chat/chat-adapter.js';
import { parseCommandText, type ChatCommand, type CommandSyntax } from '../chat/chat-command.js';
import { failureReply } from '../chat/failure-reply.js';
import { renderReplyText } from '../chat/render-text.js';
import { runChatCommand, type ChatFrontEnd, type ChatRequest } from '../chat/run-chat-command.js';
import { noteLookupReply } from '../chat/note-lookup-reply.js';
import { notesListReply } from '../chat/notes-list-reply.js';
import { infoReply, type Reply } from '../domain/reply.js';
import { printableText } from '../printable.js';
import { findNote } from '../recap/find-note.js';
import { renderNoteOutline } from '../recap/note-outline.js';
import type { TerminalLogView } from './terminal-log.js';

/** The prompt's commands, for /help and tab completion. */
const PROMPT_COMMANDS: ReadonlyArray<{ usage: string; says: string }> = [
  { usage: '/list', says: 'the notes, newest first, with their ids' },
  { usage: '/show <note>', says: "a note's outline with line numbers" },
  { usage: '/summary [note] [language]', says: "a note's recap (no note: the newest)" },
  { usage: '/translate <note> [language]', says: 'a note translated (needs a model)' },
  { usage: '/define <term>', says: 'where the notes define a term' },
  { usage: '/ask <question>', says: 'an answer with its sources (plain text asks too)' },
  { usage: '/help', says: 'this list' },
  { usage: '/quit', says: 'stop recap (or Ctrl-D)' },
];

/** Commands whose argument is a note: Tab completes note ids after them. */
const NOTE_COMMANDS = new Set(['/show', '/summary', '/recap', '/translate']);

const PROMPT_HELP = [
  'Ask a question about the notes, as you would in Slack or Discord, e.g.',
  '  what is Brown Field?',
  '  サービスメッシュってコンテナ化しないと導入できないの?',
  'Commands (Tab completes commands and note ids):',
  ...PROMPT_COMMANDS.map(({ usage, says }) => `  ${usage.padEnd(30)}${says}`),
].join('\n');

/** Commands at the prompt are the chat commands with a slash: `/list`, `/summary cloud native en`. */
const PROMPT_SYNTAX: CommandSyntax = {
  typed: (word) => `/${word}`,
  commandNoun: 'a command of this prompt',
  schedule: () => ({ problem: 'Schedules post to chat channels: add one with `recap schedule add` in a shell, or with /recap schedule in Slack or Discord.' }),
};

/** How often, at most, Tab asks the store whether the notes changed. */
const NOTE_IDS_CHECK_MS = 3_000;

/** Where the prompt reads and writes (a terminal; tests give streams), and where its logs go. */
export interface PromptStreams {
  input: Readable;
  output: Writable;
  /** The logger's terminal side: its warnings are printed above the prompt, which is then drawn again. */
  logView?: TerminalLogView;
  /** The log file, named in the greeting. */
  logFile?: string;
}

/**
 * A terminal chat for newcomers when no chat platform is configured: questions in, cited answers
 * out, and the chat commands (`/list`, `/summary`, …) run as the bots run them.
 */
export async function runChatPrompt(context: ChatContext, streams: PromptStreams = { input: process.stdin, output: process.stdout }): Promise<void> {
  const noteIds = noteIdCache(context);
  const prompt = createInterface({ input: streams.input, output: streams.output, completer: (line: string) => complete(line, noteIds) });
  // Everything shown passes printableText: notes are untrusted text, and this is a terminal.
  const show = (text: string): void => {
    streams.output.write(printableText(text));
  };
  // A warning while the prompt waits is printed above it, and the prompt (with what is typed) drawn again.
  let waiting = false;
  const undivert = streams.logView?.divert((text) => {
    if (!waiting) {
      streams.output.write(text);
      return;
    }
    clearLine(streams.output, 0);
    cursorTo(streams.output, 0);
    streams.output.write(text);
    prompt.prompt(true);
  });
  const request: ChatRequest = { platform: 'terminal', user: 'terminal', channel: '', logger: context.logger.child({ platform: 'terminal' }) };
  const frontEnd = promptFrontEnd(context);
  const logs = streams.logFile ? `Logs go to ${streams.logFile}; warnings and errors show here.\n` : '';
  show(`\n${logs}${PROMPT_HELP}\n\n`);
  try {
    for (;;) {
      let line: string;
      try {
        waiting = true;
        line = (await prompt.question('recap> ')).trim();
      } catch {
        return; // Ctrl-D / closed input
      } finally {
        waiting = false;
      }
      if (line === '') continue;
      if (line === '/quit' || line === '/exit') return;
      let reply: Reply;
      try {
        reply = await runPromptLine(context, line, request, frontEnd);
      } catch (error) {
        request.logger.warn({ err: error, line: line.slice(0, 80) }, 'prompt command failed');
        reply = failureReply(error);
      }
      show(`\n${renderReplyText(reply)}\n\n`);
      noteIds.touch();
    }
  } finally {
    undivert?.();
    prompt.close();
  }
}

/** One line typed at the prompt: /show here (the CLI's outline), everything else through the chat runner. */
async function runPromptLine(context: ChatContext, line: string, request: ChatRequest, frontEnd: ChatFrontEnd): Promise<Reply> {
  const show = /^\/show(?:\s+([\s\S]*))?$/i.exec(line);
  if (show) return showNote(context, (show[1] ?? '').trim());
  const command: ChatCommand = line.startsWith('/') ? parseCommandText(line.slice(1), PROMPT_SYNTAX) : { name: 'ask', question: line };
  return (await runChatCommand(context, command, request, frontEnd)).reply;
}

/** `/show <note>`: what `recap show` prints, for the note an id, the start of one or a title means. */
async function showNote(context: ChatContext, query: string): Promise<Reply> {
  if (query === '') return frontEndHelp('show needs a note: /show <note id> (/list shows them)');
  const { store } = context.runtime;
  const listings = await store.listNotes();
  const listing = findNote(listings, query);
  const note = listing === null ? null : await store.getNote(listing.id);
  if (note !== null) return infoReply(renderNoteOutline(note).trimEnd());
  if (listings.length === 0) return notesListReply([]);
  return noteLookupReply(query, { status: 'not-found', candidates: listings.slice(0, 10).map((entry) => ({ noteId: entry.id, title: entry.title, source: entry.source })) });
}

function frontEndHelp(problem?: string): Reply {
  return infoReply([...(problem ? [problem, ''] : []), PROMPT_HELP].join('\n'));
}

/** Tab: command names after a slash, note ids after a command that takes a note. */
async function complete(line: string, noteIds: NoteIdCache): Promise<[string[], string]> {
  const words = /^(\/\S*)(\s+)?(.*)$/.exec(line);
  if (!words) return [[], line];
  const [, command = '', space, rest = ''] = words;
  if (space === undefined) {
    const names = [...new Set(PROMPT_COMMANDS.map(({ usage }) => usage.split(' ')[0] ?? ''))];
    return [names.filter((name) => name.startsWith(command.toLowerCase())), command];
  }
  if (!NOTE_COMMANDS.has(command.toLowerCase()) || /\s/.test(rest)) return [[], line];
  const ids = await noteIds.get().catch(() => []);
  return [ids.filter((id) => id.startsWith(rest)), rest];
}

interface NoteIdCache {
  get(): Promise<string[]>;
  /** After a command: the next Tab looks again whether the notes changed. */
  touch(): void;
}

/** The note ids Tab offers: listed again when the store says the notes changed, looked at every few seconds at most. */
function noteIdCache(context: ChatContext): NoteIdCache {
  const { store } = context.runtime;
  let ids: string[] = [];
  let version: string | null = null;
  let checkedAt = -Infinity;
  return {
    get: async () => {
      if (Date.now() - checkedAt < NOTE_IDS_CHECK_MS) return ids;
      checkedAt = Date.now();
      const current = await store.listingsVersion();
      if (current !== version) {
        ids = (await store.listNotes()).map((note) => note.id);
        version = current;
      }
      return ids;
    },
    touch: () => {
      checkedAt = -Infinity;
    },
  };
}

/** The prompt reads the notes; changing them (delete, schedules) is for the CLI, where it is confirmed. */
function promptFrontEnd(context: ChatContext): ChatFrontEnd {
  return {
    help: frontEndHelp,
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
