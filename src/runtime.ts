import type { ConnectionOptions, Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Config } from './config.js';
import type { Logger } from './logger.js';
import { LlmClient } from './llm/llm-client.js';
import { createIngestQueue } from './queue/ingest-queue.js';
import { createPostRecapQueue } from './queue/post-recap-queue.js';
import { createSummarizeQueue } from './queue/summarize-queue.js';
import { createTranslateQueue } from './queue/translate-queue.js';
import { storeKeys } from './store/keys.js';
import type { LocalRedis } from './store/local-redis.js';
import { NoteStore } from './store/note-store.js';
import { bullmqConnection, createRedis } from './store/redis-connection.js';
import { PostLedger } from './store/post-ledger.js';
import { resolveRedis } from './store/resolve-redis.js';
import { ScheduleStore } from './store/schedule-store.js';
import { SummaryStore } from './store/summary-store.js';
import { TranslationStore } from './store/translation-store.js';
import { UsageStore } from './store/usage-store.js';

/** The connections and stores one recap process shares between its parts. */
export interface Runtime {
  config: Config;
  logger: Logger;
  redisUrl: string;
  redis: Redis;
  store: NoteStore;
  /** The ingest queue. */
  queue: Queue;
  summarizeQueue: Queue;
  translateQueue: Queue;
  /** Scheduled recap posts (and edits of posted recaps). */
  postRecapQueue: Queue;
  schedules: ScheduleStore;
  /** Every post made by a schedule: exactly-once bookkeeping and edits. */
  posts: PostLedger;
  /** Recaps per note and language. */
  summaries: SummaryStore;
  /** Translations per note and language. */
  translations: TranslationStore;
  /** Connection options for BullMQ Workers and QueueEvents. */
  bullConnection: ConnectionOptions;
  bullPrefix: string;
  localRedis: LocalRedis | null;
  /** LLM token usage by day and model. */
  usage: UsageStore;
  /** The model, or null in offline mode (extractive answers and recaps, no translation). */
  llm: LlmClient | null;
  close(): Promise<void>;
}

export async function openRuntime(config: Config, logger: Logger, options: { redisUrl?: string } = {}): Promise<Runtime> {
  const resolved = options.redisUrl ? { url: options.redisUrl, local: null } : await resolveRedis(config, logger);
  const redis = createRedis(resolved.url);
  redis.on('error', (error) => logger.warn({ err: error }, 'redis connection error'));
  const keys = storeKeys(config.keyPrefix);
  const bullConnection = bullmqConnection(resolved.url);
  const queue = createIngestQueue(bullConnection, keys.bullPrefix);
  const summarizeQueue = createSummarizeQueue(bullConnection, keys.bullPrefix);
  const translateQueue = createTranslateQueue(bullConnection, keys.bullPrefix);
  const postRecapQueue = createPostRecapQueue(bullConnection, keys.bullPrefix);
  const store = new NoteStore(redis, config.keyPrefix);
  const usage = new UsageStore(redis, config.keyPrefix);
  const llm = config.llm.provider === 'openai' ? new LlmClient(config.llm, usage) : null;
  return {
    config,
    logger,
    redisUrl: resolved.url,
    redis,
    store,
    queue,
    summarizeQueue,
    translateQueue,
    postRecapQueue,
    schedules: new ScheduleStore(redis, config.keyPrefix),
    posts: new PostLedger(redis, config.keyPrefix),
    summaries: new SummaryStore(redis, config.keyPrefix),
    translations: new TranslationStore(redis, config.keyPrefix),
    bullConnection,
    bullPrefix: keys.bullPrefix,
    localRedis: resolved.local,
    usage,
    llm,
    close: async () => {
      await queue.close();
      await summarizeQueue.close();
      await translateQueue.close();
      await postRecapQueue.close();
      redis.disconnect();
      await resolved.local?.stop();
    },
  };
}
