import type { Config } from '../config.js';
import { isRecapError } from '../errors.js';
import { createLogger, type Logger } from '../logger.js';
import type { Runtime } from '../runtime.js';
import { openAppRuntime } from '../app/app-runtime.js';
import { loadAppConfig } from '../app/platforms.js';
import { EXIT, exitCodeFor } from './exit-codes.js';
import { terminalLogger, type TerminalLogView } from './terminal-log.js';
import { writeErr } from './terminal-output.js';

/** Loads config and a logger; a bad configuration ends the process with the variable's name. */
export function loadConfigOrExit(): { config: Config; logger: Logger } {
  try {
    const config = loadAppConfig();
    return { config, logger: createLogger(config.logLevel) };
  } catch (error) {
    return exitWithError(error);
  }
}

/**
 * loadConfigOrExit for a command a person may watch: when `toTerminal(config)` says a person is
 * at the terminal, the logs go to RECAP_DATA_DIR/recap.log and only warnings and errors to the
 * terminal (through `terminal.view`, which the prompt or a progress bar may take over).
 */
export function loadConfigForTerminalOrExit(toTerminal: (config: Config) => boolean): { config: Config; logger: Logger; terminal: { logFile: string; view: TerminalLogView } | null } {
  let config: Config;
  try {
    config = loadAppConfig();
  } catch (error) {
    return exitWithError(error);
  }
  if (!toTerminal(config)) return { config, logger: createLogger(config.logLevel), terminal: null };
  const { logger, logFile, view } = terminalLogger(config);
  return { config, logger, terminal: { logFile, view } };
}

/**
 * Runs a one-shot command with Redis, the store and the queue open, closes them afterwards and
 * turns errors into a message on stderr and a meaningful exit code.
 */
export async function withRuntime(
  body: (runtime: Runtime, terminal: { logFile: string; view: TerminalLogView } | null) => Promise<number | void>,
  options: { terminalLogs?: (config: Config) => boolean } = {},
): Promise<void> {
  const { config, logger, terminal } = options.terminalLogs ? loadConfigForTerminalOrExit(options.terminalLogs) : { ...loadConfigOrExit(), terminal: null };
  let runtime: Runtime | null = null;
  let exitCode: number = EXIT.ok;
  try {
    runtime = await openAppRuntime(config, logger);
    exitCode = (await body(runtime, terminal)) ?? EXIT.ok;
  } catch (error) {
    exitCode = reportError(error);
  } finally {
    await runtime?.close().catch(() => undefined);
  }
  process.exitCode = exitCode;
}

export function reportError(error: unknown): number {
  if (isRecapError(error)) {
    writeErr(`recap: ${error.message}\n`);
    return exitCodeFor(error.code);
  }
  writeErr(`recap: unexpected error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  return EXIT.failure;
}

export function exitWithError(error: unknown): never {
  process.exit(reportError(error));
}
