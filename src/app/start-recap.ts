import { existsSync } from 'node:fs';
import type { Worker } from 'bullmq';
import type { FSWatcher } from 'chokidar';
import { startWorkers } from '../jobs/start-workers.js';
import type { ChatAdapter, ChatContext } from '../chat/chat-adapter.js';
import type { Config } from '../config.js';
import { ask } from '../recap/ask.js';
import { configuredChatAdapters } from './chat-adapters.js';
import { observedAsk } from './observed-ask.js';
import { collectNoteFiles } from '../ingest/collect-files.js';
import { watchNotesFolder } from '../ingest/notes-watcher.js';
import { ingestFiles } from '../ingest/run-ingest.js';
import type { Logger } from '../logger.js';
import { openChatRuntime, type Runtime } from '../runtime.js';
import { openAppRuntime } from './app-runtime.js';
import { isConfigured } from './platforms.js';
import { IndexSync } from '../search/index-sync.js';
import { SearchIndex } from '../search/search-index.js';
import { createRedisClient } from '../store/redis-connection.js';
import { RecapMetrics } from '../web/metrics.js';
import { serveWeb, type RunningWeb } from '../web/serve-web.js';

export interface RunningRecap {
  runtime: Runtime;
  index: SearchIndex;
  /** What the chat adapters (and the terminal prompt) answer with. */
  context: ChatContext;
  adapters: ChatAdapter[];
  /** The web page, or null with RECAP_WEB=false. */
  web: RunningWeb | null;
  stop(): Promise<void>;
}

/**
 * `recap start`: Redis (its own when none answers), in-process workers, the index kept in sync,
 * the notes folder ingested and watched. Chat adapters join here when configured.
 */
export async function startRecap(config: Config, logger: Logger): Promise<RunningRecap> {
  const runtime = await openAppRuntime(config, logger);
  // Chat and the web page get connections that fail at once while Redis is down: replies never wait on it.
  const chatRuntime = await openChatRuntime(runtime);
  const index = new SearchIndex();
  const metrics = new RecapMetrics({ queues: [chatRuntime.queue, chatRuntime.summarizeQueue, chatRuntime.translateQueue, chatRuntime.postRecapQueue], index, usage: chatRuntime.usage });
  metrics.watchRedis(runtime.redis, 'main');
  metrics.watchRedis(chatRuntime.redis, 'chat');
  // This process answers chat: large notes are prepared off its event loop.
  const workers: Worker[] = startWorkers(runtime, { servesChat: true });
  metrics.watchWorkers(workers);
  await Promise.all(workers.map((worker) => worker.waitUntilReady()));
  logger.info({ workers: workers.length, concurrency: config.workerConcurrency }, 'workers running in this process');

  const subscriber = createRedisClient(runtime.redisUrl);
  subscriber.on('error', (error) => logger.warn({ err: error }, 'index subscriber connection error'));
  const loaded = await new IndexSync(index, runtime.store, logger).start(subscriber);
  logger.info(loaded, 'search index loaded from Redis');

  let watcher: FSWatcher | null = null;
  if (existsSync(config.notesDir)) {
    const { files, skipped } = await collectNoteFiles([config.notesDir]);
    for (const entry of skipped) logger.warn({ path: entry.path, reason: entry.reason }, 'skipped in the notes folder');
    logger.info({ dir: config.notesDir, files: files.length }, 'ingesting the notes folder');
    const outcomes = await ingestFiles(runtime, files, (outcome) => {
      if (outcome.status === 'failed') logger.warn({ file: outcome.file, reason: outcome.reason }, 'note not ingested');
      else logger.info({ file: outcome.file, noteId: outcome.noteId, status: outcome.status }, 'note ready');
    });
    const failed = outcomes.filter((outcome) => outcome.status === 'failed').length;
    logger.info({ notes: index.noteCount, failed }, 'notes folder ingested');
    if (config.watchNotes) {
      watcher = watchNotesFolder(runtime, config.notesDir, logger);
      logger.info({ dir: config.notesDir }, 'watching the notes folder: files dropped there are ingested');
    }
  } else {
    logger.warn({ dir: config.notesDir }, 'notes folder not found; set NOTES_DIR or ingest with `recap ingest`');
  }

  const answer = (question: string, options?: { top?: number }) => ask({ index, llm: chatRuntime.llm, noteLanguages: config.recapLanguages }, question, options);
  const context: ChatContext = {
    config,
    logger,
    runtime: chatRuntime,
    index,
    ask: observedAsk(answer, { metrics, questions: chatRuntime.questions, surface: 'chat', logger }),
  };
  const adapters = await configuredChatAdapters(context);
  for (const adapter of adapters) {
    await adapter.start();
    logger.info({ platform: adapter.platform }, 'chat adapter started');
  }

  const web = config.web.enabled ? await serveWeb(config.web, { runtime: chatRuntime, index, ask: observedAsk(answer, { metrics, questions: chatRuntime.questions, surface: 'web', logger }), indexLoaded: () => true, metrics, logger }) : null;
  if (web) logger.info({ url: web.url, public: config.web.publicPages }, 'web page served');

  await reportSchedules(runtime, logger);

  return {
    runtime,
    index,
    context,
    adapters,
    web,
    stop: async () => {
      await web?.close();
      for (const adapter of adapters) await adapter.stop().catch((error: unknown) => logger.warn({ err: error, platform: adapter.platform }, 'adapter stop failed'));
      await watcher?.close();
      await Promise.all(workers.map((worker) => worker.close()));
      subscriber.disconnect();
      await chatRuntime.close();
      await runtime.close();
    },
  };
}

/** Says which schedules this process's worker posts, and which it cannot (platform not configured). */
async function reportSchedules(runtime: Runtime, logger: Logger): Promise<void> {
  const schedules = await runtime.schedules.all();
  if (schedules.length === 0) return;
  logger.info({ schedules: schedules.length }, 'scheduled recap posts are on (`recap schedule list` shows them)');
  for (const schedule of schedules) {
    if (!isConfigured(runtime.config, schedule.platform)) logger.warn({ schedule: schedule.id, platform: schedule.platform }, `schedule ${schedule.id} posts to ${schedule.platform}, which is not configured here; its windows will fail`);
  }
}
