import type { Command } from 'commander';
import { configuredPlatforms, PLATFORMS } from '../../app/platforms.js';
import type { Config } from '../../config.js';
import { redactUrl } from '../../logger.js';
import { runChatPrompt } from '../chat-prompt.js';
import { keepRunningOnUnhandledRejections } from '../keep-running.js';
import { loadConfigForTerminalOrExit, reportError } from '../with-runtime.js';
import { writeOut } from '../terminal-output.js';
import { printWebAddress } from '../web-address.js';
import { waitForShutdownSignal } from '../shutdown.js';

export function registerStartCommand(program: Command): void {
  program
    .command('start')
    .description('Run recap: ingest and watch the notes folder, run the workers, start the configured chat adapters')
    .option('--no-prompt', 'do not offer the terminal prompt even when a terminal is attached')
    .action(async (options: { prompt: boolean }) => {
      // With no chat platform, a person at a terminal gets a prompt to ask questions as in a chat;
      // the logs then go to a file, and only warnings and errors are printed (above the prompt).
      const promptAttached = (config: Config): boolean => options.prompt && process.stdin.isTTY && process.stdout.isTTY && configuredPlatforms(config).length === 0;
      const { config, logger, terminal } = loadConfigForTerminalOrExit(promptAttached);
      if (terminal) writeOut(`Starting recap (logs: ${terminal.logFile})…\n`);
      keepRunningOnUnhandledRejections(logger);
      try {
        // Loaded here: the chat SDKs take about a second to load, which other commands need not pay.
        const { startRecap } = await import('../../app/start-recap.js');
        const running = await startRecap(config, logger);
        logger.info({ redis: redactUrl(running.runtime.redisUrl), notes: running.index.noteCount }, 'recap is ready');
        if (running.web) printWebAddress(running.web);
        const noPlatform = running.adapters.length === 0;
        const noPlatformText = `No chat platform configured (set ${PLATFORMS.map((platform) => platform.tokenVariable).join(' or ')}; see README).`;
        if (noPlatform) logger.info(noPlatformText);
        if (noPlatform && terminal) {
          writeOut(`recap is ready: ${running.index.noteCount} note(s) from ${config.notesDir}. ${noPlatformText}\n`);
          await Promise.race([
            runChatPrompt(running.context, { input: process.stdin, output: process.stdout, logView: terminal.view, logFile: terminal.logFile }),
            waitForShutdownSignal(),
          ]);
        } else {
          logger.info('Running; press Ctrl-C to stop.');
          await waitForShutdownSignal();
        }
        logger.info('stopping');
        await running.stop();
        process.exit(0);
      } catch (error) {
        process.exit(reportError(error));
      }
    });
}
