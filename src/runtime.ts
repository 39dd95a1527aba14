import type { ConnectionOptions, Queue, Worker } from 'bullmq';
import type { RedisClient } from './store/redis-connection.js';
import type { Config } from './config.js';
import type { Posters } from './domain/channel-poster.js';
import type { PlatformFacts } from './domain/platform.js';
import type { Logger } from './logger.js';
import { LlmClient } from './llm/llm-client.js';
import { createIngestQueue } from './queue/ingest-queue.js';
import { createPostRecapQueue } from './queue/post-recap-queue.js';
import { createSummarizeQueue } from './queue/summarize-queue.js';
import { createTranslateQueue } from './queue/translate-queue.js';
import { ConversationStore } from './store/conversation-store.js';
import { storeKeys } from './store/keys.js';
import type { LocalRedis } from './store/local-redis.js';
import { NoteStore } from './store/note-store.js';
import { bullmqConnection, createRedisClient, failFastQueueConnection, releaseConnection } from './store/redis-connection.js';
import { PostLedger } from './store/post-ledger.js';
import { QuestionLog } from './store/question-log.js';
import { resolveRedis } from './store/resolve-redis.js';
import { ScheduleStore } from './store/schedule-store.js';
import { SummaryStore } from './store/summary-store.js';
import { TranslationStore } from './store/translation-store.js';
import { UsageStore } from './store/usage-store.js';

/** The queues a command can work itself when no worker process is running. */
export type LocalQueue = 'ingest' | 'summarize' | 'translate' | 'post-recap';

export interface LocalWorkerOptions {
  /** How often the worker looks for jobs a dead worker left (someone is waiting on them). */
  stalledIntervalMs?: number;
}

/**
 * What the composition layer (app/) plugs in, so that use cases can start a queue's worker and
 * reach the chat platforms without importing workers/ or the adapters.
 */
export interface RuntimeParts {
  startLocalWorker(runtime: Runtime, queue: LocalQueue, options?: LocalWorkerOptions): Worker;
  createPosters(config: Config, logger: Logger): Promise<Posters>;
  /** What use cases may know of each chat platform of this build (schedule checks, what to set). */
  platforms: readonly PlatformFacts[];
}

/** The connections and stores one recap process shares between its parts. */
export interface Runtime {
  config: Config;
  logger: Logger;
  redisUrl: string;
  redis: RedisClient;
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
  /** The latest questions asked in chat and on the web page, answered or not. */
  questions: QuestionLog;
  /** Chat messages captured from the channels the bot is in, for conversation recaps. */
  conversations: ConversationStore;
  /** The model, or null in offline mode (extractive answers and recaps, no translation). */
  llm: LlmClient | null;
  /** Starts a worker for one queue in this process (a CLI command working its own jobs). */
  startLocalWorker(queue: LocalQueue, options?: LocalWorkerOptions): Worker;
  /** A poster per configured chat platform, made on first use (their SDKs load slowly). */
  posters(): Promise<Posters>;
  /** What app/ plugged in (a chat runtime made from this one plugs in the same). */
  parts: RuntimeParts;
  close(): Promise<void>;
}

export async function openRuntime(config: Config, logger: Logger, parts: RuntimeParts, options: { redisUrl?: string } = {}): Promise<Runtime> {
  const resolved = options.redisUrl ? { url: options.redisUrl, local: null } : await resolveRedis(config, logger);
  const redis = createRedisClient(resolved.url);
  redis.on('error', (error) => logger.warn({ err: error }, 'redis connection error'));
  // One set of options for queues and workers (on a cluster one shared client, see bullmqConnection).
  const bullConnection = bullmqConnection(resolved.url);
  const runtime = runtimeOn(config, logger, parts, { url: resolved.url, redis, queueConnection: bullConnection, bullConnection, owned: [bullConnection], local: resolved.local });
  const close = runtime.close;
  runtime.close = async () => {
    await close();
    await resolved.local?.stop();
  };
  return runtime;
}

/**
 * The runtime a chat adapter uses: the same stores and queues on connections that fail at once
 * while Redis is down (no offline queue, no retries), so a reply says "storage is unavailable"
 * instead of waiting half a minute for ioredis to give up. Workers keep the patient connections
 * of `runtime`. Closing it closes only its own connections.
 */
export async function openChatRuntime(runtime: Runtime): Promise<Runtime> {
  const redis = createRedisClient(runtime.redisUrl, { failFast: true });
  redis.on('error', (error) => runtime.logger.debug({ err: error }, 'chat redis connection error'));
  await redis.connect();
  const queueConnection = failFastQueueConnection(runtime.redisUrl);
  const chat = runtimeOn(runtime.config, runtime.logger, runtime.parts, {
    url: runtime.redisUrl,
    redis,
    queueConnection,
    // Job events are waited on with blocking reads: those keep the patient connection options.
    bullConnection: runtime.bullConnection,
    owned: [queueConnection],
    local: runtime.localRedis,
  });
  await Promise.all([chat.queue, chat.summarizeQueue, chat.translateQueue, chat.postRecapQueue].map((queue) => queue.waitUntilReady()));
  return chat;
}

interface RuntimeConnections {
  url: string;
  redis: RedisClient;
  /** Connection options of the queues this runtime adds jobs to. */
  queueConnection: ConnectionOptions;
  /** Connection options of its Workers and QueueEvents. */
  bullConnection: ConnectionOptions;
  /** Which of those this runtime made and closes (a cluster's clients; options hold nothing open). */
  owned: ConnectionOptions[];
  local: LocalRedis | null;
}

/** Stores and queues on the given connections; close() closes the queues and `redis`. */
function runtimeOn(config: Config, logger: Logger, parts: RuntimeParts, connections: RuntimeConnections): Runtime {
  const { redis, queueConnection } = connections;
  const keys = storeKeys(config.keyPrefix);
  const queue = createIngestQueue(queueConnection, keys.bullPrefix);
  const summarizeQueue = createSummarizeQueue(queueConnection, keys.bullPrefix);
  const translateQueue = createTranslateQueue(queueConnection, keys.bullPrefix);
  const postRecapQueue = createPostRecapQueue(queueConnection, keys.bullPrefix);
  for (const created of [queue, summarizeQueue, translateQueue, postRecapQueue]) {
    // Without a listener BullMQ prints every reconnect failure to stderr; the redis client logs it once.
    created.on('error', (error) => logger.debug({ err: error, queue: created.name }, 'queue connection error'));
  }
  const usage = new UsageStore(redis, config.keyPrefix);
  let posters: Promise<Posters> | null = null;
  const runtime: Runtime = {
    config,
    logger,
    redisUrl: connections.url,
    redis,
    store: new NoteStore(redis, config.keyPrefix),
    queue,
    summarizeQueue,
    translateQueue,
    postRecapQueue,
    schedules: new ScheduleStore(redis, config.keyPrefix),
    posts: new PostLedger(redis, config.keyPrefix),
    summaries: new SummaryStore(redis, config.keyPrefix),
    translations: new TranslationStore(redis, config.keyPrefix),
    bullConnection: connections.bullConnection,
    bullPrefix: keys.bullPrefix,
    localRedis: connections.local,
    usage,
    questions: new QuestionLog(redis, config.keyPrefix),
    conversations: new ConversationStore(redis, config.keyPrefix, config.conversations.retentionDays),
    llm: config.llm.provider === 'openai' ? new LlmClient(config.llm, usage) : null,
    startLocalWorker: (queue, options) => parts.startLocalWorker(runtime, queue, options),
    posters: () => (posters ??= parts.createPosters(config, logger)),
    parts,
    close: async () => {
      await queue.close();
      await summarizeQueue.close();
      await translateQueue.close();
      await postRecapQueue.close();
      for (const connection of connections.owned) releaseConnection(connection);
      redis.disconnect();
    },
  };
  return runtime;
}
