import type { Command } from 'commander';
import { PLATFORMS } from '../../app/platforms.js';
import { redactUrl } from '../../logger.js';
import { runChatPrompt } from '../chat-prompt.js';
import { keepRunningOnUnhandledRejections } from '../keep-running.js';
import { loadConfigOrExit, reportError } from '../with-runtime.js';
import { printWebAddress } from '../web-address.js';
import { waitForShutdownSignal } from '../shutdown.js';

export function registerStartCommand(program: Command): void {
  program
    .command('start')
    .description('Run recap: ingest and watch the notes folder, run the workers, start the configured chat adapters')
    .option('--no-prompt', 'do not offer the terminal prompt even when a terminal is attached')
    .action(async (options: { prompt: boolean }) => {
      const { config, logger } = loadConfigOrExit();
      keepRunningOnUnhandledRejections(logger);
      try {
        // Loaded here: the chat SDKs take about a second to load, which other commands need not pay.
        const { startRecap } = await import('../../app/start-recap.js');
        const running = await startRecap(config, logger);
        logger.info({ redis: redactUrl(running.runtime.redisUrl), notes: running.index.noteCount }, 'recap is ready');
        if (running.web) printWebAddress(running.web);
        const noPlatform = running.adapters.length === 0;
        if (noPlatform) logger.info(`No chat platform configured (set ${PLATFORMS.map((platform) => platform.tokenVariable).join(' or ')}; see README).`);
        // With no chat platform, a person at a terminal gets a prompt to ask questions as in a chat.
        if (noPlatform && options.prompt && process.stdin.isTTY && process.stdout.isTTY) {
          await Promise.race([
            runChatPrompt(running.context),
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
