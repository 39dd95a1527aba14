import type { ChatInputCommandInteraction } from 'discord.js';
import type { ChatContext } from '../../chat/chat-adapter.js';
import { infoReply, type Reply } from '../../domain/reply.js';
import { runScheduleCommand, type ScheduleCommand } from '../../chat/schedule-commands.js';
import { canManageNotes } from './can-manage-notes.js';

const NOT_ADMIN =
  'Sorry, only members with the Manage Server permission (or a note-keeper role the server owner set up for recap) can add, list or remove scheduled recaps. ' +
  'Ask one of them to set up the schedule.';

/**
 * `/recap schedule add|list|remove|run-now` for admins (the same people who may add notes): runs
 * the platform-neutral schedule command, posting to the channel option or, by default, here.
 */
export async function scheduleInteractionReply(context: ChatContext, adminRoleIds: readonly string[], interaction: ChatInputCommandInteraction, subcommand: string): Promise<Reply> {
  if (!canManageNotes(interaction.inCachedGuild() ? interaction.member : null, adminRoleIds)) return infoReply(NOT_ADMIN);
  const command = scheduleCommandOf(interaction, subcommand);
  // Only when Discord still has an older /recap registered (re-run `recap discord register`).
  if (command === null) return infoReply(`"/recap schedule ${subcommand}" is not a schedule command; use add, list, remove or run-now.`);
  const channel = interaction.options.getChannel('channel')?.id ?? interaction.channelId;
  return runScheduleCommand(context.runtime, { platform: 'discord', channel, actor: `discord:${interaction.user.id}` }, command);
}

/** The options of a schedule subcommand as the core's command; checking values is the core's job. */
function scheduleCommandOf(interaction: ChatInputCommandInteraction, subcommand: string): ScheduleCommand | null {
  const { options } = interaction;
  switch (subcommand) {
    case 'add': {
      const command: Extract<ScheduleCommand, { action: 'add' }> = { action: 'add', kind: options.getString('kind', true), cron: options.getString('cron')?.trim() || null };
      const timezone = options.getString('timezone')?.trim();
      if (timezone) command.timezone = timezone;
      const languages = options.getString('lang')?.trim();
      if (languages) command.languages = languages.split(',').map((code) => code.trim()).filter((code) => code !== '');
      const sayNothingNew = options.getBoolean('nothing_new');
      if (sayNothingNew !== null) command.sayNothingNew = sayNothingNew;
      return command;
    }
    case 'list':
      return { action: 'list', all: options.getBoolean('all') ?? false };
    case 'remove':
    case 'run-now':
      return { action: subcommand, id: options.getString('id', true).trim() };
    default:
      return null;
  }
}
