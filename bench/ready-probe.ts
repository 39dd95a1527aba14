// Measures, in a fresh process, the time from start to "index ready" and the RSS of a process
// holding the whole index. Prints one JSON line.
import { performance } from 'node:perf_hooks';

const started = performance.now();
const { loadConfig } = await import('../src/config.js');
const { createLogger } = await import('../src/logger.js');
const { openAppRuntime } = await import('../src/app/app-runtime.js');
const { IndexSync } = await import('../src/search/index-sync.js');
const { SearchIndex } = await import('../src/search/search-index.js');
const { createRedis } = await import('../src/store/redis-connection.js');

const config = loadConfig();
const runtime = await openAppRuntime(config, createLogger('silent', { pretty: false }));
global.gc?.();
const rssEmptyBytes = process.memoryUsage().rss;
const index = new SearchIndex();
const subscriber = createRedis(runtime.redisUrl);
await new IndexSync(index, runtime.store, runtime.logger).start(subscriber);
const readyMs = performance.now() - started;
global.gc?.();
const rssBytes = process.memoryUsage().rss;
process.stdout.write(`${JSON.stringify({ readyMs, rssBytes, rssEmptyBytes, notes: index.noteIds().length, chunks: index.size })}\n`);
subscriber.disconnect();
await runtime.close();
process.exit(0);
