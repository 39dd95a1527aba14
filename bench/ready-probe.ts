// Measures, in a fresh process, the time from start to "index ready" and the RSS of a process
// holding the whole index; with PROBE_QUESTIONS (a JSON file of questions), also how long
// answering them takes in that process. Prints one JSON line.
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';

const started = performance.now();
const { loadConfig } = await import('../src/config.js');
const { createLogger } = await import('../src/logger.js');
const { openAppRuntime } = await import('../src/app/app-runtime.js');
const { IndexSync } = await import('../src/search/index-sync.js');
const { SearchIndex } = await import('../src/search/search-index.js');
const { createRedis } = await import('../src/store/redis-connection.js');
const { answerQuestion } = await import('../src/recap/answer.js');

const config = loadConfig();
const runtime = await openAppRuntime(config, createLogger('silent', { pretty: false }));
global.gc?.();
const rssEmptyBytes = process.memoryUsage().rss;
const index = new SearchIndex();
const subscriber = createRedis(runtime.redisUrl);
const loadStarted = performance.now();
await new IndexSync(index, runtime.store, runtime.logger).start(subscriber);
const readyMs = performance.now() - started;
// Of the ready time, loading the index (the rest is starting Node, the modules and the connections).
const loadMs = performance.now() - loadStarted;
global.gc?.();
const rssBytes = process.memoryUsage().rss;
let askMs: number[] = [];
if (process.env.PROBE_QUESTIONS) {
  const questions = JSON.parse(readFileSync(process.env.PROBE_QUESTIONS, 'utf8')) as string[];
  for (const question of questions.slice(0, 30)) answerQuestion(index, question);
  askMs = questions.map((question) => {
    const asked = performance.now();
    answerQuestion(index, question);
    return performance.now() - asked;
  });
}
process.stdout.write(`${JSON.stringify({ readyMs, loadMs, rssBytes, rssEmptyBytes, notes: index.noteIds().length, chunks: index.size, askMs })}\n`);
subscriber.disconnect();
await runtime.close();
process.exit(0);
