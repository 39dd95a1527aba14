import { ApplicationCommandOptionType, DiscordAPIError, REST, Routes, type RESTGetCurrentApplicationResult, type RESTPutAPIApplicationCommandsResult } from 'discord.js';
import type { DiscordSettings } from './discord-settings.js';
import { RecapError } from '../../errors.js';
import { recapSlashCommand } from './recap-slash-command.js';

/** What `recap discord register` did: where, and which commands Discord now has. */
export interface RegisteredCommands {
  applicationId: string;
  /** Per guild (instant; for trying out) or global (every server the bot is in). */
  scope: { guildId: string } | 'global';
  commands: Array<{ id: string; name: string; subcommands: Array<{ name: string; description: string }> }>;
}

/**
 * Registers /recap with Discord (a bulk overwrite of the application's commands in that scope,
 * so running it again is harmless). The application id is asked of Discord when not configured.
 */
export async function registerRecapCommands(settings: DiscordSettings, options: { guildId?: string } = {}): Promise<RegisteredCommands> {
  const rest = new REST({ api: settings.apiUrl }).setToken(settings.token);
  try {
    const applicationId = settings.applicationId ?? ((await rest.get(Routes.currentApplication())) as RESTGetCurrentApplicationResult).id;
    const route = options.guildId ? Routes.applicationGuildCommands(applicationId, options.guildId) : Routes.applicationCommands(applicationId);
    const registered = (await rest.put(route, { body: [recapSlashCommand()] })) as RESTPutAPIApplicationCommandsResult;
    return {
      applicationId,
      scope: options.guildId ? { guildId: options.guildId } : 'global',
      commands: registered.map((command) => ({
        id: command.id,
        name: command.name,
        // A subcommand group (/recap schedule …) lists as its subcommands ("schedule add").
        subcommands: (command.options ?? []).flatMap((option) =>
          option.type === ApplicationCommandOptionType.SubcommandGroup
            ? (option.options ?? []).map((sub) => ({ name: `${option.name} ${sub.name}`, description: sub.description }))
            : [{ name: option.name, description: option.description }],
        ),
      })),
    };
  } catch (error) {
    throw registerError(error, options.guildId);
  }
}

/** Discord's refusals, with what to do about them. */
function registerError(error: unknown, guildId: string | undefined): RecapError {
  if (!(error instanceof DiscordAPIError)) {
    return new RecapError('job_failed', `Could not reach Discord: ${error instanceof Error ? error.message : String(error)} (check DISCORD_API_URL and the network).`, { cause: error });
  }
  const where = guildId ? `guild ${guildId}` : 'the application';
  switch (error.status) {
    case 401:
      return new RecapError('config_invalid', 'Invalid configuration:\n  DISCORD_TOKEN: Discord refused the token (401); copy it again (Developer Portal → Bot → Reset Token).', { cause: error });
    case 403:
      return new RecapError('config_invalid', `Discord refused to register commands in ${where} (403): invite the bot with the applications.commands scope (see the invite URL in the README).`, { cause: error });
    case 404:
      return new RecapError('config_invalid', `Discord does not know ${guildId ? `guild ${guildId}` : 'DISCORD_APPLICATION_ID'} (404): check the id.`, { cause: error });
    default:
      return new RecapError('job_failed', `Discord refused the commands (${error.status}): ${error.message}`, { cause: error });
  }
}
