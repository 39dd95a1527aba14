import type { Command } from 'commander';
import { keepRunningOnUnhandledRejections } from '../keep-running.js';
import { waitForShutdownSignal } from '../shutdown.js';
import { loadConfigOrExit, reportError } from '../with-runtime.js';

export function registerMcpCommand(program: Command): void {
  program
    .command('mcp')
    .description('Serve the Model Context Protocol on stdin/stdout (for Claude Desktop, Cursor and other MCP clients): search, ask, notes and recaps')
    .option('--ingest', 'ingest the notes folder (NOTES_DIR) before serving')
    .addHelpText('after', '\nOnly protocol messages go to stdout; logs go to stderr (LOG_LEVEL). The client ends it by closing stdin.\nThe web server serves the same tools at /mcp (streamable HTTP, Authorization: Bearer RECAP_ADMIN_TOKEN).')
    .action(async (options: { ingest?: boolean }) => {
      const { config, logger } = loadConfigOrExit();
      keepRunningOnUnhandledRejections(logger);
      try {
        const { startMcpStdio } = await import('../../app/start-mcp.js');
        const running = await startMcpStdio(config, logger, { ingest: options.ingest === true });
        const reason = await Promise.race([running.closed.then(() => 'the client closed stdin'), waitForShutdownSignal()]);
        logger.info({ reason }, 'MCP server stopping');
        await running.stop();
        process.exit(0);
      } catch (error) {
        process.exit(reportError(error));
      }
    });
}
