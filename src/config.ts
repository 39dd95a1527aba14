import { CronExpressionParser } from 'cron-parser';
import { z } from 'zod';
import { RecapError } from './errors.js';

/** Default cap on one note's size: a meetup outline is a few KB; 1 MiB leaves room, blocks dumps. */
const DEFAULT_MAX_NOTE_BYTES = 1024 * 1024;
const DEFAULT_REDIS_URL = 'redis://127.0.0.1:6379';
/** How Config.redis.url names a Redis Cluster: `redis+cluster://host:port,host:port`. */
export const REDIS_CLUSTER_SCHEME = 'redis+cluster://';
/** Where recap's own redis-server listens when asked for one (RECAP_LOCAL_REDIS) without REDIS_PORT: beside 6379, not on it. */
export const DEFAULT_LOCAL_REDIS_PORT = 6380;
/** The web page's port: beside Slack's 3000, clear of common dev servers. */
const DEFAULT_WEB_PORT = 3030;

const booleanFromEnv = z
  .enum(['true', 'false', '1', '0', 'yes', 'no', 'on', 'off'])
  .transform((value) => ['true', '1', 'yes', 'on'].includes(value));

const envSchema = z.object({
  REDIS_URL: z.string().url().optional(),
  RECAP_LOCAL_REDIS: booleanFromEnv.default(false),
  REDIS_PORT: z.coerce.number().int().min(1).max(65_535).optional(),
  // Redis Cluster: some of its nodes, "host:port,host:port" (recap learns the rest from them).
  REDIS_CLUSTER_NODES: z
    .string()
    .transform((value) => value.split(',').map((node) => node.trim()).filter((node) => node !== ''))
    .pipe(
      z
        .array(z.string().regex(/^[A-Za-z0-9.-]+:([1-9][0-9]{0,4})$/, 'comma-separated host:port pairs such as 10.0.0.1:7000,10.0.0.2:7000').refine((node) => Number(node.split(':')[1]) <= 65_535, 'a port is at most 65535'))
        .min(1, 'at least one host:port'),
    )
    .optional(),
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
  RECAP_WEB: booleanFromEnv.default(true),
  // 0 = any free port (tests).
  WEB_PORT: z.coerce.number().int().min(0).max(65_535).default(DEFAULT_WEB_PORT),
  WEB_HOST: z.string().min(1).default('127.0.0.1'),
  WEB_PUBLIC: booleanFromEnv.default(false),
  // Unset: `recap worker` serves no probes (several workers on one machine would share a port).
  WORKER_PORT: z.coerce.number().int().min(0).max(65_535).optional(),
  RECAP_ADMIN_TOKEN: z.string().min(16, 'at least 16 characters (e.g. the output of `openssl rand -hex 24`)').regex(/^\S+$/, 'no spaces').optional(),
  RECAP_PUBLIC_URL: z.string().url().regex(/^https?:\/\//, 'an http(s) URL such as https://recap.example.org').optional(),
  LLM_PROVIDER: z.enum(['openai', 'offline']).optional(),
  OPENAI_API_KEY: z.string().optional(),
  OPENAI_BASE_URL: z.string().url().optional(),
  OPENAI_MODEL: z.string().min(1).default('gpt-4o-mini'),
  LLM_TIMEOUT_MS: z.coerce.number().int().min(1_000).max(600_000).default(60_000),
  LLM_MAX_OUTPUT_TOKENS: z.coerce.number().int().min(64).max(32_000).default(1_024),
  LLM_MAX_RETRIES: z.coerce.number().int().min(0).max(10).default(2),
  LLM_MAX_RPM: z.coerce.number().int().min(1).max(100_000).default(60),
  LLM_DAILY_TOKEN_BUDGET: z.coerce.number().int().min(0).default(0),
  LLM_CONTEXT_TOKENS: z.coerce.number().int().min(1_000).max(2_000_000).default(16_000),
  RECAP_LANGUAGES: z
    .string()
    .regex(/^[a-z]{2}(-[A-Za-z]{2})?(,[a-z]{2}(-[A-Za-z]{2})?)*$/, 'comma-separated language codes such as "ja,en"')
    .default('ja,en'),
  // Checked against the runtime's time zone data below (IANA names such as Asia/Tokyo).
  RECAP_TIMEZONE: z.string().min(1).optional(),
  RECAP_CHAT_CAPTURE: booleanFromEnv.default(true),
  RECAP_CHAT_RETENTION_DAYS: z.coerce.number().int().min(1).max(3_650).default(30),
  // Slack's reaction names and Discord's emoji, comma-separated.
  RECAP_OFF_RECORD_REACTIONS: z.string().default('no_entry_sign,🚫'),
  // Notes from URLs (see "Sources" in the README).
  RECAP_ALLOW_PRIVATE_URLS: z.string().optional(),
  RECAP_SOURCE_TIMEOUT_MS: z.coerce.number().int().min(100).max(300_000).default(15_000),
  RECAP_SOURCE_REFRESH: z.string().default('6h'),
  RECAP_SOURCE_HOSTS: z.string().optional(),
});

/** The sites recap knows how to fetch notes from, each overridable (RECAP_SOURCE_HOSTS) for tests and self-hosted copies. */
export const SOURCE_SITES = ['hackmd', 'scrapbox', 'github', 'github-raw', 'github-api', 'gist'] as const;
export type SourceSite = (typeof SOURCE_SITES)[number];

/** Notes fetched from URLs. */
export interface SourcesConfig {
  /** RECAP_ALLOW_PRIVATE_URLS entries: hosts, IPs or CIDRs (optionally with a port) that may be fetched though not public. */
  allowPrivate: string[];
  /** For one whole fetch (RECAP_SOURCE_TIMEOUT_MS). */
  timeoutMs: number;
  /** How often URL sources are fetched again (RECAP_SOURCE_REFRESH). */
  refresh: { kind: 'off' } | { kind: 'every'; ms: number; text: string } | { kind: 'cron'; pattern: string };
  /** Each known site's origin ("https://hackmd.io"), as overridden by RECAP_SOURCE_HOSTS. */
  hosts: Record<SourceSite, string>;
}

const DEFAULT_SOURCE_HOSTS: Record<SourceSite, string> = {
  hackmd: 'https://hackmd.io',
  scrapbox: 'https://scrapbox.io',
  github: 'https://github.com',
  'github-raw': 'https://raw.githubusercontent.com',
  'github-api': 'https://api.github.com',
  gist: 'https://gist.github.com',
};

const INTERVAL_UNITS: Record<string, number> = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** RECAP_SOURCE_REFRESH: "off", an interval ("30m", "6h", "1d"; at least a minute) or a cron pattern. */
export function parseSourceRefresh(value: string, timezone: string): SourcesConfig['refresh'] {
  const text = value.trim().toLowerCase();
  if (['off', 'false', 'no', '0', 'never'].includes(text)) return { kind: 'off' };
  const interval = /^(\d+)\s*([smhd])$/.exec(text);
  if (interval) {
    const ms = Number(interval[1]) * (INTERVAL_UNITS[interval[2] ?? 'h'] ?? 0);
    if (ms < 60_000) throw new RecapError('config_invalid', `Invalid configuration:\n  RECAP_SOURCE_REFRESH: "${value}" is shorter than a minute`);
    return { kind: 'every', ms, text };
  }
  try {
    CronExpressionParser.parse(value.trim(), { tz: timezone, strict: false }).next();
    return { kind: 'cron', pattern: value.trim() };
  } catch {
    throw new RecapError('config_invalid', `Invalid configuration:\n  RECAP_SOURCE_REFRESH: "${value}" is neither "off", an interval such as 6h nor a cron pattern such as "0 */6 * * *"`);
  }
}

/** RECAP_SOURCE_HOSTS: "hackmd=http://127.0.0.1:4001,github-api=http://…" over the real sites' origins. */
function sourceHosts(value: string | undefined): Record<SourceSite, string> {
  const hosts = { ...DEFAULT_SOURCE_HOSTS };
  for (const entry of idList(value)) {
    const [site = '', origin = ''] = entry.split(/=(.*)/s).map((part) => part.trim());
    let parsed: URL | null = null;
    try {
      parsed = new URL(origin);
    } catch {
      parsed = null;
    }
    if (!(SOURCE_SITES as readonly string[]).includes(site) || parsed === null || !/^https?:$/.test(parsed.protocol)) {
      throw new RecapError('config_invalid', `Invalid configuration:\n  RECAP_SOURCE_HOSTS: "${entry}" is not <site>=<http(s) origin> with a site among ${SOURCE_SITES.join(', ')}`);
    }
    hosts[site as SourceSite] = parsed.origin;
  }
  return hosts;
}

function redisConfig(values: z.infer<typeof envSchema>): Config['redis'] {
  const wantsLocal = values.RECAP_LOCAL_REDIS || values.REDIS_PORT !== undefined;
  if (values.REDIS_CLUSTER_NODES !== undefined) {
    if (values.REDIS_URL !== undefined || wantsLocal) {
      throw new RecapError(
        'config_invalid',
        'Invalid configuration:\n  REDIS_CLUSTER_NODES is set together with REDIS_URL, RECAP_LOCAL_REDIS or REDIS_PORT: a Redis Cluster, one Redis you run, or recap\'s own, not several.',
      );
    }
    return { url: `${REDIS_CLUSTER_SCHEME}${values.REDIS_CLUSTER_NODES.join(',')}`, explicit: true, localPort: null, cluster: true };
  }
  if (values.REDIS_URL !== undefined && wantsLocal) {
    throw new RecapError(
      'config_invalid',
      'Invalid configuration:\n  REDIS_URL is set together with RECAP_LOCAL_REDIS or REDIS_PORT: use REDIS_URL for a Redis you run, or RECAP_LOCAL_REDIS/REDIS_PORT for recap\'s own, not both.',
    );
  }
  if (!wantsLocal) return { url: values.REDIS_URL ?? DEFAULT_REDIS_URL, explicit: values.REDIS_URL !== undefined, localPort: null, cluster: false };
  const localPort = values.REDIS_PORT ?? DEFAULT_LOCAL_REDIS_PORT;
  return { url: `redis://127.0.0.1:${localPort}`, explicit: false, localPort, cluster: false };
}

/** recap's whole configuration, parsed once at start. */
export interface Config {
  redis: {
    /**
     * A redis:// or rediss:// URL; for a Redis Cluster (REDIS_CLUSTER_NODES) the nodes recap
     * first connects to, as `redis+cluster://host:port,host:port` (store/redis-connection.ts).
     */
    url: string;
    /** False when REDIS_URL was not set: recap may then start a local redis-server itself. */
    explicit: boolean;
    /**
     * RECAP_LOCAL_REDIS or REDIS_PORT: recap's own redis-server on this 127.0.0.1 port, started
     * when it is not running yet, even when another Redis answers on 6379. Null otherwise.
     */
    localPort: number | null;
    /** REDIS_CLUSTER_NODES: a Redis Cluster; keyPrefix is then a hash tag (see keyPrefix). */
    cluster: boolean;
  };
  /**
   * What every key starts with (RECAP_KEY_PREFIX). On a Redis Cluster it is wrapped in a hash
   * tag, `{recap}`, so all the keys of one install live in one slot: transactions, scripts and
   * BullMQ's queues touch several keys at once, which a cluster allows only within a slot.
   */
  keyPrefix: string;
  notesDir: string;
  dataDir: string;
  watchNotes: boolean;
  maxNoteBytes: number;
  workerConcurrency: number;
  logLevel: z.infer<typeof envSchema>['LOG_LEVEL'];
  llm: LlmConfig;
  /** Languages recaps are written in (and notes translated into), e.g. ['ja', 'en']. */
  recapLanguages: string[];
  /** Default time zone of schedules (IANA name); the machine's own when RECAP_TIMEZONE is unset. */
  timezone: string;
  /** The web page, health and metrics. */
  web: WebConfig;
  /** The chat messages recap keeps for conversation recaps. */
  conversations: ConversationConfig;
  /** Notes fetched from URLs, and their re-sync. */
  sources: SourcesConfig;
  /**
   * The settings of each chat platform configured here, by platform id (absent: not configured).
   * Each adapter reads and types its own (PlatformSettingsReader); app/platforms.ts lists them.
   */
  platforms: Readonly<Record<string, unknown>>;
}

/** The web app served by `recap start` and `recap web`. */
export interface WebConfig {
  /** RECAP_WEB=false: no web server. */
  enabled: boolean;
  host: string;
  port: number;
  /** Read pages open without a login (WEB_PUBLIC). */
  publicPages: boolean;
  /** Never logged. Null: `recap start` makes a token for the run and prints a login link. */
  adminToken: string | null;
  /** Where people reach the pages, without a trailing slash; citations in chat link there. */
  publicUrl: string | null;
  /** `recap worker`'s /healthz, /readyz and /metrics port (WORKER_PORT); null = none. */
  workerPort: number | null;
}

/** Capturing the messages of the channels the bot is in, for conversation recaps. */
export interface ConversationConfig {
  /** RECAP_CHAT_CAPTURE=false: nothing is stored; recaps read the platform's history only. */
  capture: boolean;
  /** How long captured messages are kept (RECAP_CHAT_RETENTION_DAYS). */
  retentionDays: number;
  /** A message carrying one of these reactions is never kept (Slack names such as no_entry_sign, Discord emoji). */
  offRecordReactions: string[];
}

/** The model behind summaries, translations and answers; provider 'offline' means none. */
export interface LlmConfig {
  provider: 'openai' | 'offline';
  /** Never logged, never put in job data. */
  apiKey: string | null;
  baseUrl: string | null;
  model: string;
  timeoutMs: number;
  maxOutputTokens: number;
  maxRetries: number;
  maxRequestsPerMinute: number;
  /** 0 = no budget. */
  dailyTokenBudget: number;
  /** How many tokens of input the model takes; long notes are split to fit. */
  contextTokens: number;
}

/**
 * How a chat platform reads its settings from the environment (each adapter has one; the
 * registry in app/platforms.ts hands them to loadConfig). Its variables are checked with the rest,
 * so every bad value is named in one message.
 */
export interface PlatformSettingsReader<Settings = unknown, Values = unknown> {
  /** The platform's id ("slack"): its settings are `Config.platforms[id]`. */
  readonly id: string;
  /** Its variables, all optional (unset: the platform is not used here). */
  readonly envSchema: z.ZodType<Values>;
  /**
   * Its settings from the checked values, or null when it is not configured; a RecapError
   * ('config_invalid') naming the variable to set when it is half configured.
   */
  settingsFrom(values: Values): Settings | null;
}

/**
 * Reads configuration from an environment (process.env by default). Pure apart from that read,
 * so tests pass their own env. A bad value fails with the variable's name and what it expects.
 * `platforms` read their own variables (app/platforms.ts gives every platform of this build).
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, platforms: readonly PlatformSettingsReader[] = []): Config {
  // Empty strings mean "unset" (a blank line in .env), not an invalid value.
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ''));
  const parsed = envSchema.safeParse(cleaned);
  const platformValues = platforms.map((platform) => ({ platform, parsed: platform.envSchema.safeParse(cleaned) }));
  const problems = [parsed, ...platformValues.map((entry) => entry.parsed)].flatMap((result) =>
    result.success ? [] : result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`),
  );
  if (!parsed.success || problems.length > 0) throw new RecapError('config_invalid', `Invalid configuration:\n  ${problems.join('\n  ')}`);
  const values = parsed.data;
  if (values.LLM_PROVIDER === 'openai' && !values.OPENAI_API_KEY && !values.OPENAI_BASE_URL) {
    throw new RecapError(
      'config_invalid',
      'Invalid configuration:\n  LLM_PROVIDER: "openai" needs OPENAI_API_KEY (OpenAI) or OPENAI_BASE_URL (a compatible server such as Ollama)',
    );
  }
  if (values.REDIS_URL !== undefined && !/^rediss?:\/\//.test(values.REDIS_URL)) {
    throw new RecapError('config_invalid', 'Invalid configuration:\n  REDIS_URL: must start with redis:// or rediss://');
  }
  if (values.RECAP_TIMEZONE !== undefined && !isTimeZone(values.RECAP_TIMEZONE)) {
    throw new RecapError('config_invalid', `Invalid configuration:\n  RECAP_TIMEZONE: "${values.RECAP_TIMEZONE}" is not a time zone; use an IANA name such as Asia/Tokyo or UTC`);
  }
  const timezone = values.RECAP_TIMEZONE ?? Intl.DateTimeFormat().resolvedOptions().timeZone;
  const sources: SourcesConfig = {
    allowPrivate: idList(values.RECAP_ALLOW_PRIVATE_URLS),
    timeoutMs: values.RECAP_SOURCE_TIMEOUT_MS,
    refresh: parseSourceRefresh(values.RECAP_SOURCE_REFRESH, timezone),
    hosts: sourceHosts(values.RECAP_SOURCE_HOSTS),
  };
  const platformSettings: Record<string, unknown> = {};
  for (const { platform, parsed: read } of platformValues) {
    const settings = read.success ? platform.settingsFrom(read.data) : null;
    if (settings !== null) platformSettings[platform.id] = settings;
  }
  const redis = redisConfig(values);
  return {
    redis,
    keyPrefix: redis.cluster ? `{${values.RECAP_KEY_PREFIX}}` : values.RECAP_KEY_PREFIX,
    notesDir: values.NOTES_DIR,
    dataDir: values.RECAP_DATA_DIR,
    watchNotes: values.RECAP_WATCH,
    maxNoteBytes: values.MAX_NOTE_BYTES,
    workerConcurrency: values.WORKER_CONCURRENCY,
    logLevel: values.LOG_LEVEL,
    llm: {
      // A key or a base URL means "use a model"; LLM_PROVIDER overrides either way.
      provider: values.LLM_PROVIDER ?? (values.OPENAI_API_KEY || values.OPENAI_BASE_URL ? 'openai' : 'offline'),
      apiKey: values.OPENAI_API_KEY ?? null,
      baseUrl: values.OPENAI_BASE_URL ?? null,
      model: values.OPENAI_MODEL,
      timeoutMs: values.LLM_TIMEOUT_MS,
      maxOutputTokens: values.LLM_MAX_OUTPUT_TOKENS,
      maxRetries: values.LLM_MAX_RETRIES,
      maxRequestsPerMinute: values.LLM_MAX_RPM,
      dailyTokenBudget: values.LLM_DAILY_TOKEN_BUDGET,
      contextTokens: values.LLM_CONTEXT_TOKENS,
    },
    recapLanguages: [...new Set(values.RECAP_LANGUAGES.split(','))],
    timezone,
    web: {
      enabled: values.RECAP_WEB,
      host: values.WEB_HOST,
      port: values.WEB_PORT,
      publicPages: values.WEB_PUBLIC,
      adminToken: values.RECAP_ADMIN_TOKEN ?? null,
      publicUrl: values.RECAP_PUBLIC_URL?.replace(/\/+$/, '') ?? null,
      workerPort: values.WORKER_PORT ?? null,
    },
    conversations: {
      capture: values.RECAP_CHAT_CAPTURE,
      retentionDays: values.RECAP_CHAT_RETENTION_DAYS,
      offRecordReactions: idList(values.RECAP_OFF_RECORD_REACTIONS).map((name) => name.replace(/^:|:$/g, '')),
    },
    sources,
    platforms: platformSettings,
  };
}

/** A platform's settings in a loaded configuration, as its reader typed them; null when it is not configured. */
export function settingsOf<Settings>(reader: { readonly id: string; settingsFrom(values: never): Settings | null }, config: Pick<Config, 'platforms'>): Settings | null {
  return (config.platforms[reader.id] as Settings | undefined) ?? null;
}

/** Comma-separated ids ("U012, W034") as a list, blanks dropped. */
export function idList(value: string | undefined): string[] {
  return (value ?? '').split(',').map((id) => id.trim()).filter((id) => id !== '');
}

/** True for a time zone this runtime knows (IANA names such as Asia/Tokyo, and UTC). */
export function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}
