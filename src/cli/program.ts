import { Command } from 'commander';
import { registerAdminCommands } from './commands/admin.js';
import { registerAskCommand } from './commands/ask.js';
import { registerDiscordCommands } from './commands/discord.js';
import { registerFeedbackCommand } from './commands/feedback.js';
import { registerIngestCommand } from './commands/ingest.js';
import { registerMcpCommand } from './commands/mcp.js';
import { registerNoteCommands } from './commands/notes.js';
import { registerScheduleCommands } from './commands/schedule.js';
import { registerSourcesCommands } from './commands/sources.js';
import { registerStartCommand } from './commands/start.js';
import { registerTranslateCommand } from './commands/translate.js';
import { registerWebCommand } from './commands/web.js';
import { registerWorkerCommand } from './commands/worker.js';
import { EXIT } from './exit-codes.js';

export function buildProgram(): Command {
  const program = new Command('recap')
    .description('Answers questions from meetup notes (Japanese and English) with citations; Slack and Discord bot')
    .version('0.1.0')
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride((error) => {
      // commander's own exits (help, version) are fine; usage errors exit with our usage code.
      process.exit(error.exitCode === 0 ? 0 : EXIT.usage);
    });
  registerStartCommand(program);
  registerWorkerCommand(program);
  registerWebCommand(program);
  registerIngestCommand(program);
  registerSourcesCommands(program);
  registerAskCommand(program);
  registerNoteCommands(program);
  registerTranslateCommand(program);
  registerAdminCommands(program);
  registerFeedbackCommand(program);
  registerDiscordCommands(program);
  registerScheduleCommands(program);
  registerMcpCommand(program);
  return program;
}
