import { languageCodeSchema } from '../domain/language.js';
import { inputTooLong } from './chat-input.js';
import type { ConversationTarget } from './conversation-target.js';
import type { ScheduleCommand } from './schedule-commands.js';

/**
 * What a person can ask of recap, whatever the front end: Slack's and Discord's /recap, a
 * mention, the terminal prompt. Each front end parses its input into one of these, runChatCommand
 * runs it, and the front end renders the Reply. `help` carries what was wrong with the input
 * that led to it.
 */
export type ChatCommand =
  | { name: 'ask'; question: string }
  /** A note's recap; no note: the newest. No language: the first of RECAP_LANGUAGES. */
  | { name: 'summary'; note: string | null; language?: string }
  /** No language: the first of RECAP_LANGUAGES the note is not written in. */
  | { name: 'translate'; note: string; language?: string }
  | { name: 'list' }
  | { name: 'define'; term: string }
  /** How to add a note here; with a URL, the note fetched from it (admins). */
  | { name: 'ingest'; url?: string }
  | { name: 'delete'; note: string }
  | { name: 'schedule'; command: ScheduleCommand }
  /** A recap of a thread or a channel's conversation; no language: the asker's words', else the first of RECAP_LANGUAGES. */
  | { name: 'conversation'; target: ConversationTarget; language?: 'ja' | 'en' }
  /** A thread saved as a note (admins). */
  | { name: 'save-thread'; target: ConversationTarget }
  /** Forget the stored messages of a channel (admins); null: the one typed in. */
  | { name: 'purge'; channel: string | null }
  | { name: 'help'; problem?: string };

/** Commands that need no Redis, index or model: a front end may answer them at once (Slack: with the ack). */
export function answersAtOnce(command: ChatCommand): boolean {
  return command.name === 'help' || (command.name === 'ingest' && command.url === undefined);
}

/** The free text a command carries (what search and lookups read, and what the input limit applies to). */
export function commandText(command: ChatCommand): string {
  switch (command.name) {
    case 'ask':
      return command.question;
    case 'define':
      return command.term;
    case 'summary':
    case 'translate':
    case 'delete':
      return command.note ?? '';
    case 'ingest':
      return command.url ?? '';
    case 'list':
    case 'schedule':
    case 'conversation':
    case 'save-thread':
    case 'purge':
    case 'help':
      return '';
  }
}

/** How commands are typed where the text comes from (Slack's `/recap ask …`, the terminal's `/ask …`). */
export interface CommandSyntax {
  /** How a person types the command `word` here: "/recap ask" in Slack, "/ask" at the terminal. */
  typed(word: string): string;
  /** What an unknown first word is not: "a /recap subcommand". */
  commandNoun: string;
  /** The arguments of `schedule`, parsed into the core's command, or what was wrong with them. */
  schedule(rest: string): { command: ScheduleCommand } | { problem: string };
}

/**
 * A command typed as text: its first word, then its arguments (`ask <question>`, `summary [note]
 * [language]`, `translate <note> <language>`, `list`, `define <term>`, `ingest [url]`, `delete <note>`,
 * `schedule …`, `help`); anything else is the help, saying what was wrong.
 */
export function parseCommandText(text: string, syntax: CommandSyntax): ChatCommand {
  const tooLong = inputTooLong(text);
  if (tooLong !== null) return { name: 'help', problem: tooLong.text };
  const match = /^(\S+)\s*([\s\S]*)$/.exec(text.trim());
  if (!match) return { name: 'help' };
  const word = (match[1] ?? '').toLowerCase();
  const rest = (match[2] ?? '').trim();
  switch (word) {
    case 'ask':
      return rest === '' ? { name: 'help', problem: `ask needs a question: ${syntax.typed('ask')} what is Brown Field?` } : { name: 'ask', question: rest };
    case 'summary':
    case 'recap': {
      // A last word that is a language code is the language: `summary cloud native #8 en`.
      const { before, language } = trailingLanguage(rest);
      return { name: 'summary', note: before === '' ? null : before, ...(language ? { language } : {}) };
    }
    case 'translate': {
      const { before, language } = trailingLanguage(rest);
      if (before === '' || language === null) return { name: 'help', problem: `translate needs a note and a language code: ${syntax.typed('translate')} <note> en` };
      return { name: 'translate', note: before, language };
    }
    case 'list':
    case 'notes':
      return { name: 'list' };
    case 'define':
      return rest === '' ? { name: 'help', problem: `define needs a term: ${syntax.typed('define')} Brown Field` } : { name: 'define', term: rest };
    case 'ingest':
    case 'upload': {
      // Only a URL is fetched ("ingest these files" is the upload help).
      const url = unwrapLink(rest);
      return /^[a-z][a-z0-9+.-]*:\/\/\S+$/i.test(url) ? { name: 'ingest', url } : { name: 'ingest' };
    }
    case 'delete':
      return rest === '' ? { name: 'help', problem: `delete needs a note: ${syntax.typed('delete')} <note id>` } : { name: 'delete', note: rest };
    case 'schedule': {
      const parsed = syntax.schedule(rest);
      return 'problem' in parsed ? { name: 'help', problem: parsed.problem } : { name: 'schedule', command: parsed.command };
    }
    case 'thread':
      return threadCommand(rest);
    case 'channel':
      return channelCommand(rest, syntax);
    case 'purge':
      return { name: 'purge', channel: rest === '' ? null : rest };
    case 'help':
      return { name: 'help' };
    default:
      return { name: 'help', problem: `"${word.slice(0, 40)}" is not ${syntax.commandNoun}. To ask a question: ${syntax.typed('ask')} ${text.trim().slice(0, 80)}` };
  }
}

/** A URL as typed, or as Slack wraps links in a message: `<https://…>`, `<https://…|label>`. */
function unwrapLink(text: string): string {
  const wrapped = /^<([^|>]+)(?:\|[^>]*)?>$/.exec(text);
  return (wrapped?.[1] ?? text).trim();
}

/** `thread [<message link>]`, `thread save [<message link>]` (also `thread <link> save`). */
function threadCommand(rest: string): ChatCommand {
  const words = rest.split(/\s+/).filter((word) => word !== '');
  const save = words.some((word) => word.toLowerCase() === 'save');
  const link = words.find((word) => word.toLowerCase() !== 'save') ?? null;
  const target: ConversationTarget = { kind: 'thread', link };
  return save ? { name: 'save-thread', target } : { name: 'conversation', target };
}

/** `channel [<channel>] [since <when>]` (also `since:<when>`). */
function channelCommand(rest: string, syntax: CommandSyntax): ChatCommand {
  const match = /^(?<channel>(?!since\b)\S+)?\s*(?:since[:\s]\s*(?<since>.+))?$/i.exec(rest.trim());
  if (!match) return { name: 'help', problem: `channel takes a channel and a time: ${syntax.typed('channel')} #general since yesterday` };
  const channel = match.groups?.['channel'] ?? null;
  const since = match.groups?.['since']?.trim() ?? null;
  return { name: 'conversation', target: { kind: 'channel', channel, since } };
}

/** `rest` without its last word when that word is a language code ("ja", "pt-BR"), and that code. */
function trailingLanguage(rest: string): { before: string; language: string | null } {
  const parts = /^(?:([\s\S]*?)\s+)?(\S+)$/.exec(rest);
  const last = parts?.[2] ?? '';
  if (!languageCodeSchema.safeParse(last).success) return { before: rest, language: null };
  return { before: (parts?.[1] ?? '').trim(), language: last };
}
