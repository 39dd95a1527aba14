import type { GuildMember } from 'discord.js';
import type { ConversationAccess } from '../../chat/conversation-target.js';
import type { ChatFrontEnd, ChatRequest } from '../../chat/run-chat-command.js';
import { infoReply } from '../../domain/reply.js';
import type { Logger } from '../../logger.js';
import { canManageNotes } from './can-manage-notes.js';
import { discordSettingsReader } from './discord-settings.js';

export const PLATFORM = discordSettingsReader.id;

const HELP =
  'Ask me about the meetup notes, in Japanese or English: `@Recap what is Brown Field?`\n' +
  'Or use `/recap ask`, `/recap summary`, `/recap define` and `/recap list`. ' +
  'Organizers can add notes: attach .md or .txt files to a message that says `@Recap ingest`.\n' +
  'Catch up on a conversation: `@Recap まとめて` (or `@Recap recap`) in a thread recaps the thread, in a channel its last 24 hours; ' +
  '`/recap thread` and `/recap channel since:2h` (or `yesterday`, `2026-12-01`) do the same. ' +
  'Organizers can keep a thread as a note with `/recap thread save:True`, and make recap forget a channel with `/recap purge`.';
const HOW_TO_INGEST =
  'To add a note, attach .md or .txt files to a message that says `@Recap ingest`. Members with the Manage Server permission ' +
  '(or a note-keeper role the server owner set up for recap) may add notes.';

/** What non-admins are told when they try to delete a note or manage schedules. */
export const NOT_ADMIN = {
  ingest: 'Sorry, only members with the Manage Server permission (or a note-keeper role the server owner set up for recap) can add notes from URLs.',
  delete: 'Sorry, only members with the Manage Server permission (or a note-keeper role the server owner set up for recap) can delete notes. Ask one of them to delete it.',
  schedule:
    'Sorry, only members with the Manage Server permission (or a note-keeper role the server owner set up for recap) can add, list or remove scheduled recaps. ' +
    'Ask one of them to set up the schedule.',
  conversations: 'Sorry, only members with the Manage Server permission (or a note-keeper role the server owner set up for recap) can save threads as notes or purge stored messages.',
} as const;

/** Who asked in Discord, and where, as the shared command runner takes it. */
export function discordRequest(user: string, channel: string, logger: Logger): ChatRequest {
  return { platform: PLATFORM, user, channel, logger };
}

/**
 * Discord's part in running a command: its help, who may delete notes, manage schedules, save
 * threads and purge (Manage Server, or a role in DISCORD_ADMIN_ROLE_IDS), and the threads and
 * channels of conversation recaps. Answers carry no buttons here.
 */
export function discordFrontEnd(member: GuildMember | null, adminRoleIds: readonly string[], conversations?: ConversationAccess): ChatFrontEnd {
  return {
    ...(conversations === undefined ? {} : { conversations }),
    help: (problem) => infoReply(problem ?? HELP),
    ingestHelp: () => infoReply(HOW_TO_INGEST),
    refusal: async (action) => (canManageNotes(member, adminRoleIds) ? null : infoReply(NOT_ADMIN[action])),
  };
}
