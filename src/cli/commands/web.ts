import type { Command } from 'commander';
import { keepRunningOnUnhandledRejections } from '../keep-running.js';
import { waitForShutdownSignal } from '../shutdown.js';
import { printWebAddress } from '../web-address.js';
import { loadConfigOrExit, reportError } from '../with-runtime.js';

export function registerWebCommand(program: Command): void {
  program
    .command('web')
    .description('Serve the web page alone (notes, recaps, ask, schedules, admin, /healthz, /metrics) on WEB_HOST:WEB_PORT')
    .action(async () => {
      const { config, logger } = loadConfigOrExit();
      keepRunningOnUnhandledRejections(logger);
      try {
        const { startWeb } = await import('../../app/start-web.js');
        const running = await startWeb({ ...config, web: { ...config.web, enabled: true } }, logger);
        printWebAddress(running.web);
        await waitForShutdownSignal();
        await running.stop();
        process.exit(0);
      } catch (error) {
        process.exit(reportError(error));
      }
    });
}
