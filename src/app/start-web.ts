import type { Config } from '../config.js';
import type { Logger } from '../logger.js';
import { ask } from '../recap/ask.js';
import { openChatRuntime } from '../runtime.js';
import { IndexSync } from '../search/index-sync.js';
import { SearchIndex } from '../search/search-index.js';
import { createRedisClient } from '../store/redis-connection.js';
import { RecapMetrics } from '../web/metrics.js';
import { serveWeb, type RunningWeb } from '../web/serve-web.js';
import { openAppRuntime } from './app-runtime.js';
import { observedAsk } from './observed-ask.js';

/**
 * `recap web`: the web page alone, beside a `recap start` or workers elsewhere. Its index loads
 * from Redis and follows changes like any bot process's; the page is ready once it has loaded.
 */
export async function startWeb(config: Config, logger: Logger): Promise<{ web: RunningWeb; stop(): Promise<void> }> {
  const runtime = await openAppRuntime(config, logger);
  const pages = await openChatRuntime(runtime);
  const index = new SearchIndex();
  let loaded = false;
  const subscriber = createRedisClient(runtime.redisUrl);
  subscriber.on('error', (error) => logger.warn({ err: error }, 'index subscriber connection error'));
  const metrics = new RecapMetrics({ queues: [pages.queue, pages.summarizeQueue, pages.translateQueue, pages.postRecapQueue], index, usage: pages.usage });
  metrics.watchRedis(runtime.redis, 'main');
  metrics.watchRedis(pages.redis, 'chat');
  const web = await serveWeb(config.web, {
    runtime: pages,
    index,
    metrics,
    ask: observedAsk((question: string) => ask({ index, llm: pages.llm, noteLanguages: config.recapLanguages }, question), { metrics, questions: pages.questions, surface: 'web', logger }),
    indexLoaded: () => loaded,
    logger,
  });
  logger.info(await new IndexSync(index, runtime.store, logger).start(subscriber), 'search index loaded from Redis');
  loaded = true;
  return {
    web,
    stop: async () => {
      await web.close();
      subscriber.disconnect();
      await pages.close();
      await runtime.close();
    },
  };
}
