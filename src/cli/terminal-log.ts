import path from 'node:path';
import type { Config } from '../config.js';
import { createLogger, type Logger } from '../logger.js';

/** The log file of a process with a person at its terminal: RECAP_DATA_DIR/recap.log. */
export function logFilePath(config: Config): string {
  return path.join(config.dataDir, 'recap.log');
}

/**
 * The terminal side of a logger whose lines go to a file: warnings and errors are written to
 * stderr, or, while something owns the terminal (the prompt, a progress bar), handed to it to
 * print above itself.
 */
export class TerminalLogView {
  private printer: ((text: string) => void) | null = null;

  /** Where the logger sends warnings and errors. */
  readonly write = (text: string): void => {
    if (this.printer) this.printer(text);
    else process.stderr.write(text);
  };

  /** Until the returned function is called, warnings and errors go to `print`. */
  divert(print: (text: string) => void): () => void {
    this.printer = print;
    return () => {
      if (this.printer === print) this.printer = null;
    };
  }
}

/** A logger writing every line to the log file and only warnings and errors to the terminal (through the view). */
export function terminalLogger(config: Config): { logger: Logger; logFile: string; view: TerminalLogView } {
  const view = new TerminalLogView();
  const logFile = logFilePath(config);
  return { logger: createLogger(config.logLevel, { sinks: { file: logFile, terminal: view.write } }), logFile, view };
}
