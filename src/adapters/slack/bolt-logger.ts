import { format } from 'node:util';
import { LogLevel, type Logger as BoltLogger } from '@slack/bolt';
import type { Logger } from '../../logger.js';

/**
 * Slack secrets that can appear inside bolt's and the Web API client's own log lines (bolt logs
 * whole request bodies at debug level): tokens, the legacy verification token field and
 * response_url links (anyone holding one can post to the channel for 30 minutes).
 */
const SECRET_PATTERNS: Array<[RegExp, string]> = [
  [/xox[a-z]-[A-Za-z0-9-]+/g, 'xox?-[redacted]'],
  [/xapp-[A-Za-z0-9-]+/g, 'xapp-[redacted]'],
  [/("token"\s*:\s*")[^"]*"/g, '$1[redacted]"'],
  [/https:\/\/hooks\.slack\.com\/[^\s"']+/g, 'https://hooks.slack.com/[redacted]'],
  [/(Bearer\s+)\S+/gi, '$1[redacted]'],
];

export function redactSlackSecrets(text: string): string {
  return SECRET_PATTERNS.reduce((out, [pattern, replacement]) => out.replace(pattern, replacement), text);
}

/** bolt's logger interface on top of our pino logger, with Slack secrets removed from every line. */
export function boltLogger(logger: Logger): BoltLogger {
  const line = (parts: unknown[]): string => redactSlackSecrets(format(...parts));
  // bolt calls debug() for every request (with the whole body): format only what will be written.
  const at = (level: 'debug' | 'info' | 'warn' | 'error') => (...parts: unknown[]) => {
    if (logger.isLevelEnabled(level)) logger[level](line(parts));
  };
  return {
    debug: at('debug'),
    info: at('info'),
    warn: at('warn'),
    error: at('error'),
    // The level is LOG_LEVEL's; bolt may not change it.
    setLevel: () => undefined,
    getLevel: () => toBoltLevel(logger.level),
    setName: () => undefined,
  };
}

function toBoltLevel(level: string): LogLevel {
  if (level === 'debug' || level === 'trace') return LogLevel.DEBUG;
  if (level === 'info') return LogLevel.INFO;
  if (level === 'warn') return LogLevel.WARN;
  return LogLevel.ERROR;
}
