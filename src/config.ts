import { z } from 'zod';
import { RecapError } from './errors.js';

/** Default cap on one note's size: a meetup outline is a few KB; 1 MiB leaves room, blocks dumps. */
const DEFAULT_MAX_NOTE_BYTES = 1024 * 1024;
const DEFAULT_REDIS_URL = 'redis://127.0.0.1:6379';

const booleanFromEnv = z
  .enum(['true', 'false', '1', '0', 'yes', 'no', 'on', 'off'])
  .transform((value) => ['true', '1', 'yes', 'on'].includes(value));

const envSchema = z.object({
  REDIS_URL: z.string().url().optional(),
  RECAP_KEY_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9_.-]{1,40}$/, 'letters, digits, "_", "." or "-" (1-40 characters)')
    .default('recap'),
  NOTES_DIR: z.string().min(1).default('notes'),
  RECAP_DATA_DIR: z.string().min(1).default('.recap'),
  RECAP_WATCH: booleanFromEnv.default(true),
  MAX_NOTE_BYTES: z.coerce.number().int().min(1024).max(50 * 1024 * 1024).default(DEFAULT_MAX_NOTE_BYTES),
  WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(4),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

/** recap's whole configuration, parsed once at start. */
export interface Config {
  redis: {
    url: string;
    /** False when REDIS_URL was not set: recap may then start a local redis-server itself. */
    explicit: boolean;
  };
  keyPrefix: string;
  notesDir: string;
  dataDir: string;
  watchNotes: boolean;
  maxNoteBytes: number;
  workerConcurrency: number;
  logLevel: z.infer<typeof envSchema>['LOG_LEVEL'];
}

/**
 * Reads configuration from an environment (process.env by default). Pure apart from that read,
 * so tests pass their own env. A bad value fails with the variable's name and what it expects.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  // Empty strings mean "unset" (a blank line in .env), not an invalid value.
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ''));
  const parsed = envSchema.safeParse(cleaned);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new RecapError('config_invalid', `Invalid configuration:\n  ${problems.join('\n  ')}`);
  }
  const values = parsed.data;
  if (values.REDIS_URL !== undefined && !/^rediss?:\/\//.test(values.REDIS_URL)) {
    throw new RecapError('config_invalid', 'Invalid configuration:\n  REDIS_URL: must start with redis:// or rediss://');
  }
  return {
    redis: { url: values.REDIS_URL ?? DEFAULT_REDIS_URL, explicit: values.REDIS_URL !== undefined },
    keyPrefix: values.RECAP_KEY_PREFIX,
    notesDir: values.NOTES_DIR,
    dataDir: values.RECAP_DATA_DIR,
    watchNotes: values.RECAP_WATCH,
    maxNoteBytes: values.MAX_NOTE_BYTES,
    workerConcurrency: values.WORKER_CONCURRENCY,
    logLevel: values.LOG_LEVEL,
  };
}
