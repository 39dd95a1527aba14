import type { ChatInputCommandInteraction } from 'discord.js';
import type { ChatCommand } from '../../chat/chat-command.js';
import type { ScheduleCommand } from '../../chat/schedule-commands.js';

/**
 * `/recap schedule add|list|remove|run-now` as the shared command (admins only: the runner asks
 * the front end), posting to the channel option or, by default, where it was typed. Checking the
 * values is the core's job.
 */
export function scheduleCommandOf(interaction: ChatInputCommandInteraction, subcommand: string): ChatCommand {
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
      const channel = options.getChannel('channel')?.id;
      if (channel) command.channel = channel;
      return { name: 'schedule', command };
    }
    case 'list':
      return { name: 'schedule', command: { action: 'list', all: options.getBoolean('all') ?? false } };
    case 'remove':
    case 'run-now':
      return { name: 'schedule', command: { action: subcommand, id: options.getString('id', true).trim() } };
    default:
      // Only when Discord still has an older /recap registered (re-run `recap discord register`).
      return { name: 'help', problem: `"/recap schedule ${subcommand}" is not a schedule command; use add, list, remove or run-now.` };
  }
}
