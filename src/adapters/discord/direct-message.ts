import { parseCommandText, type ChatCommand } from '../../chat/chat-command.js';
import { inputTooLong } from '../../chat/chat-input.js';
import { asksForConversationRecap } from '../../chat/conversation-target.js';
import type { ChatFrontEnd } from '../../chat/run-chat-command.js';
import { infoReply, type Reply } from '../../domain/reply.js';

/**
 * The first words that make a direct message a command, typed as after `/recap` ("list",
 * "summary cloud native #8", "define Brown Field"); anything else is a question.
 */
const COMMAND_WORDS = new Set(['ask', 'summary', 'recap', 'translate', 'list', 'notes', 'define', 'ingest', 'upload', 'delete', 'schedule', 'thread', 'channel', 'purge', 'help']);

const DM_HELP =
  'Ask me about the meetup notes here, in Japanese or English: just write the question (`what is Brown Field?`).\n' +
  'Or type a command: `list`, `summary [note] [language]`, `translate <note> <language>`, `define <term>`, `help`.\n' +
  'In a server channel: mention `@Recap` with a question, `@Recap まとめて` for a recap of the conversation, and `/recap` for everything else. ' +
  'Adding and deleting notes, schedules and conversation recaps work there, where recap can check your roles.';

/** What a DM is told when it asks for something that needs a server (roles to check, channels to read). */
export const NEEDS_A_SERVER = {
  ingest: 'Notes are added in a server channel, where recap can check your roles: attach the .md or .txt files to a message that says `@Recap ingest`, or use `/recap ingest` there.',
  delete: 'Notes are deleted in a server channel, where recap can check your roles: use `/recap delete` there.',
  schedule: 'Scheduled recaps are managed in a server channel, where recap can check your roles: use `/recap schedule` there.',
  conversations: 'Conversation recaps and saved threads work in a server channel: `@Recap まとめて` in a thread or a channel, or `/recap thread` and `/recap channel` there.',
} as const;

/** A direct message as a command: /recap's subcommands typed without it, "help", else a question; a Reply when what it asks for needs a server (NEEDS_A_SERVER). */
export function directMessageCommand(text: string): ChatCommand | Reply {
  const plain = text.replace(/^\/recap\s+/i, '').trim();
  if (inputTooLong(plain) !== null) return { name: 'ask', question: plain };
  if (plain === '' || /^(help|ヘルプ|使い方)[?？!.]?$/i.test(plain)) return { name: 'help' };
  if (asksForConversationRecap(plain)) return infoReply(NEEDS_A_SERVER.conversations);
  const first = /^\S+/.exec(plain.normalize('NFKC'))?.[0].toLowerCase() ?? '';
  if (!COMMAND_WORDS.has(first)) return { name: 'ask', question: plain };
  const command = parseCommandText(plain.normalize('NFKC'), {
    typed: (word) => word,
    commandNoun: 'a command',
    schedule: () => ({ problem: NEEDS_A_SERVER.schedule }),
  });
  if (command.name === 'conversation' || command.name === 'save-thread' || command.name === 'purge') return infoReply(NEEDS_A_SERVER.conversations);
  if (command.name === 'ingest' && command.url === undefined) return infoReply(NEEDS_A_SERVER.ingest);
  return command;
}

/** Discord's part in running a command sent in a DM: there is no server, so no roles to check and no admin actions. */
export function directMessageFrontEnd(): ChatFrontEnd {
  return {
    help: (problem) => infoReply(problem ?? DM_HELP),
    ingestHelp: () => infoReply(NEEDS_A_SERVER.ingest),
    refusal: async (action) => infoReply(NEEDS_A_SERVER[action]),
  };
}
