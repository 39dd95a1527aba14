import pino, { type Logger } from 'pino';
import pretty, { prettyFactory } from 'pino-pretty';
import { REDIS_CLUSTER_SCHEME } from './config.js';

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
 * Where the logs of a process with a person at its terminal go: every line to a file, and only
 * warnings and errors to the terminal, through `terminal` (which may print them above a prompt or
 * a progress bar).
 */
export interface TerminalLogSinks {
  /** The log file (JSON lines, the configured level); its folder is made when missing. */
  file: string;
  /** Called with each warning or error, formatted for a person (colours, a trailing newline). */
  terminal(text: string): void;
}

/**
 * The one logger. Logs go to stderr so that `--json` output on stdout stays machine-readable;
 * pretty only when stderr is a terminal, JSON lines otherwise (for log collectors). With `sinks`
 * (a person at a terminal): to a file, and warnings and errors to the terminal.
 */
export function createLogger(level: string, options: { pretty?: boolean; sinks?: TerminalLogSinks } = {}): Logger {
  const usePretty = options.pretty ?? process.stderr.isTTY === true;
  const base = {
    level,
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    base: undefined,
    serializers: { err: serializeError, error: serializeError },
  };
  if (options.sinks && level !== 'silent') {
    const { file, terminal } = options.sinks;
    const format = prettyFactory({ colorize: usePretty, ignore: 'pid,hostname' });
    return pino(
      base,
      pino.multistream([
        { level: level as pino.Level, stream: pino.destination({ dest: file, mkdir: true, sync: true }) },
        { level: 'warn', stream: { write: (line: string) => terminal(format(line)) } },
      ]),
    );
  }
  if (usePretty) {
    return pino(base, pretty({ destination: 2, colorize: true, ignore: 'pid,hostname', sync: true }));
  }
  return pino(base, pino.destination({ fd: 2, sync: true }));
}

/** Removes the password from a redis:// URL before it is shown anywhere. */
export function redactUrl(url: string): string {
  // A Redis Cluster's node list (Config.redis.url) holds no password.
  if (url.startsWith(REDIS_CLUSTER_SCHEME)) return url;
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '[invalid url]';
  }
}

// Network failures whose stack says nothing the code and address do not (Redis down, a model
// server unreachable): logged as one line, not a stack per attempt.
const CONNECTION_ERROR_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN', 'EPIPE']);

interface NetworkError {
  code: string;
  address?: string;
  port?: number;
  message: string;
}

type SerializedError = ReturnType<typeof pino.stdSerializers.err> | Record<string, unknown>;

/**
 * pino's error serializer, except that a connection failure becomes one line with its code and
 * address ({ code: 'ECONNREFUSED', address: '127.0.0.1:6379' }), and an AggregateError (Node
 * trying ::1 and 127.0.0.1 in turn) lists its inner errors as one-line summaries instead of a
 * stack each.
 */
export function serializeError(error: unknown): SerializedError {
  if (!(error instanceof Error)) return error as Record<string, unknown>;
  const inner = error instanceof AggregateError ? (error.errors as unknown[]) : [];
  const network = [error, ...inner].filter(isNetworkError);
  const summaries = inner.map(summarize);
  if (isNetworkError(error) || (inner.length > 0 && network.length === inner.length)) {
    const first = network[0] as NetworkError;
    const addresses = [...new Set(network.map(addressOf).filter((address) => address !== null))];
    return {
      type: error.name,
      code: first.code,
      ...(addresses.length > 0 ? { address: addresses.join(', ') } : {}),
      message: error.message || summaries.join('; '),
    };
  }
  const serialized = pino.stdSerializers.err(error);
  if (inner.length === 0) return serialized;
  const { aggregateErrors: _inner, ...rest } = serialized as typeof serialized & { aggregateErrors?: unknown };
  return { ...rest, errors: summaries };
}

function isNetworkError(error: unknown): error is NetworkError {
  const code = (error as { code?: unknown } | null)?.code;
  return error instanceof Error && typeof code === 'string' && CONNECTION_ERROR_CODES.has(code);
}

function addressOf(error: NetworkError): string | null {
  if (!error.address) return null;
  const host = error.address.includes(':') ? `[${error.address}]` : error.address;
  return error.port === undefined ? host : `${host}:${error.port}`;
}

function summarize(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' && !error.message.includes(code) ? `${error.message} (${code})` : error.message;
}
