import { InvalidArgumentError, type Command } from 'commander';
import { discordSettingsReader } from '../../adapters/discord/discord-settings.js';
import { settingsOf } from '../../config.js';
import { RecapError } from '../../errors.js';
import { EXIT } from '../exit-codes.js';
import { loadConfigOrExit, reportError } from '../with-runtime.js';
import { writeOut } from '../terminal-output.js';

export function registerDiscordCommands(program: Command): void {
  const discord = program.command('discord').description('Discord bot set-up');
  discord
    .command('register')
    .description('Register the /recap slash command with Discord (global, or in one server with --guild: instant, handy for trying out)')
    .option('--guild <id>', 'register in this server only (its id: Server Settings → Widget, or Developer Mode → Copy Server ID)', parseGuildId)
    .option('--json', 'print what was registered as JSON')
    .addHelpText('after', '\nNeeds DISCORD_TOKEN (and DISCORD_APPLICATION_ID, else it is asked of Discord).\n\nExamples:\n  recap discord register\n  recap discord register --guild 123456789012345678')
    .action(async (options: { guild?: string; json?: boolean }) => {
      const { config } = loadConfigOrExit();
      try {
        const discord = settingsOf(discordSettingsReader, config);
        if (discord === null) throw new RecapError('config_invalid', 'Invalid configuration:\n  DISCORD_TOKEN: is required to register commands; set it to the bot token (Developer Portal → Bot → Reset Token).');
        // Loaded here: discord.js takes half a second to load, which other commands need not pay.
        const { registerRecapCommands } = await import('../../adapters/discord/register-commands.js');
        const result = await registerRecapCommands(discord, options.guild ? { guildId: options.guild } : {});
        if (options.json) {
          writeOut(`${JSON.stringify(result)}\n`);
          return;
        }
        const where = result.scope === 'global' ? 'globally (every server the bot is in)' : `in guild ${result.scope.guildId}`;
        writeOut(`Registered for application ${result.applicationId} ${where}:\n`);
        for (const command of result.commands) {
          for (const sub of command.subcommands) writeOut(`  /${command.name} ${sub.name.padEnd(17)} ${sub.description}\n`);
        }
        process.exitCode = EXIT.ok;
      } catch (error) {
        process.exitCode = reportError(error);
      }
    });
}

function parseGuildId(value: string): string {
  if (!/^\d{17,20}$/.test(value)) throw new InvalidArgumentError('expected a server (guild) id: a 17-20 digit number.');
  return value;
}
