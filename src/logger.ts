import pino, { type Logger } from 'pino';
import pretty from 'pino-pretty';

export type { Logger };

/** Paths redacted wherever they appear in a log line: tokens must never reach the logs. */
const REDACTED_PATHS = [
  'token',
  '*.token',
  'botToken',
  '*.botToken',
  'apiKey',
  '*.apiKey',
  'password',
  '*.password',
  'headers.authorization',
  '*.headers.authorization',
  'redisUrl',
];

/**
 * The one logger. Logs go to stderr so that `--json` output on stdout stays machine-readable;
 * pretty only when stderr is a terminal, JSON lines otherwise (for log collectors).
 */
export function createLogger(level: string, options: { pretty?: boolean } = {}): Logger {
  const usePretty = options.pretty ?? process.stderr.isTTY === true;
  const base = { level, redact: { paths: REDACTED_PATHS, censor: '[redacted]' }, base: undefined };
  if (usePretty) {
    return pino(base, pretty({ destination: 2, colorize: true, ignore: 'pid,hostname', sync: true }));
  }
  return pino(base, pino.destination({ fd: 2, sync: true }));
}

/** Removes the password from a redis:// URL before it is shown anywhere. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '[invalid url]';
  }
}
