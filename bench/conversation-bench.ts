// `npm run bench:conversations`: conversation recaps through the real Slack app (bolt, HTTP mode)
// against a local Slack Web API, offline. A 500-message thread arrives as signed message events
// (captured one by one), then "@recap まとめて" in it is timed from the mention to the recap in
// the thread; then the same for a 500-message thread recap never captured (read from
// conversations.replies, paged). Writes bench/results-conversations.json. Numbers are reported,
// never asserted.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { createSlackAdapter } from '../src/adapters/slack/slack-adapter.js';
import { slackSettingsReader } from '../src/adapters/slack/slack-settings.js';
import { openAppRuntime } from '../src/app/app-runtime.js';
import { loadAppConfig } from '../src/app/platforms.js';
import type { ChatContext } from '../src/chat/chat-adapter.js';
import { settingsOf } from '../src/config.js';
import { createLogger } from '../src/logger.js';
import { ask } from '../src/recap/ask.js';
import { SearchIndex } from '../src/search/search-index.js';
import { startLocalRedis } from '../src/store/local-redis.js';
import { FakeSlackApi } from '../tests/helpers/fake-slack-api.js';
import { mentionEvent, SlackRequests } from '../tests/helpers/slack-requests.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SECRET = 'bench-signing-secret-0123456789';
const MESSAGES = 500;
const RUNS = 10;
const CHANNEL = 'C0BENCH';

const percentile = (values: number[], p: number): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
};
const round = (value: number, digits = 1): number => Number(value.toFixed(digits));

/** What a meetup thread says: questions, answers, links, chatter. */
function messageText(n: number): string {
  if (n % 9 === 0) return `Envoyのサイドカーってどう設定してます？ (${n})`;
  if (n % 9 === 1) return `うちはIstioのデフォルトです、リソース制限だけ変えてます (${n})`;
  if (n % 13 === 0) return `資料です https://example.com/slides/${n}`;
  return `サービスメッシュの話 ${n}: トラフィック管理が便利`;
}

async function main(): Promise<void> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'recap-conversation-bench-'));
  const local = process.env.REDIS_URL ? null : await startLocalRedis({ dataDir, persist: false });
  const redisUrl = process.env.REDIS_URL ?? local?.url ?? '';
  const api = new FakeSlackApi();
  await api.start();
  const config = loadAppConfig({ REDIS_URL: redisUrl, RECAP_KEY_PREFIX: `bench-conv-${process.pid}`, LOG_LEVEL: 'silent', SLACK_BOT_TOKEN: api.botToken, SLACK_SIGNING_SECRET: SECRET, SLACK_API_URL: api.apiUrl, PORT: '0', RECAP_WEB: 'false' });
  const logger = createLogger('silent', { pretty: false });
  const runtime = await openAppRuntime(config, logger, { redisUrl });
  const index = new SearchIndex();
  const context: ChatContext = { config, logger, runtime, index, ask: (question, options) => ask({ index, llm: null, noteLanguages: config.recapLanguages }, question, options) };
  const adapter = createSlackAdapter(context, settingsOf(slackSettingsReader, config), { retryConfig: { retries: 0 } });
  await adapter.start();
  const requests = new SlackRequests(`http://127.0.0.1:${adapter.httpPort ?? 0}/slack/events`, SECRET, api.teamId);
  for (let user = 0; user < 40; user += 1) api.users.set(`U${user}`, { id: `U${user}`, name: `member${user}` });

  // The captured thread: every message as Slack sends it to an app in the channel.
  const base = Math.floor(Date.now() / 1000) - 3 * 3_600;
  const parent = `${base}.000000`;
  const captureStarted = performance.now();
  for (let n = 0; n < MESSAGES; n += 1) {
    const ts = n === 0 ? parent : `${base + n}.${String(n).padStart(6, '0')}`;
    await requests.event({ type: 'message', channel: CHANNEL, channel_type: 'channel', team: api.teamId, user: `U${n % 40}`, text: messageText(n), ts, client_msg_id: `bench-${n}`, ...(n === 0 ? {} : { thread_ts: parent, parent_user_id: 'U0' }) });
  }
  while ((await runtime.conversations.threadMessages('slack', CHANNEL, parent)).length < MESSAGES) await sleep(20);
  const captureSeconds = (performance.now() - captureStarted) / 1000;

  // An uncaptured thread of the same size, only in Slack's history.
  const oldBase = base - 86_400;
  const oldParent = `${oldBase}.000000`;
  for (let n = 0; n < MESSAGES; n += 1) {
    api.seedMessage('C0OLD', { ts: n === 0 ? oldParent : `${oldBase + n}.${String(n).padStart(6, '0')}`, user: `U${n % 40}`, text: messageText(n), threadTs: oldParent, ...(n === 0 ? { replyCount: MESSAGES - 1 } : {}) });
  }

  const recapTimes = async (channel: string, thread: string): Promise<number[]> => {
    const times: number[] = [];
    for (let run = 0; run < RUNS + 2; run += 1) {
      const before = api.callsOf('chat.update').length;
      const mention = mentionEvent('まとめて', { user: 'U1', channel, threadTs: thread, ts: `${Math.floor(Date.now() / 1000)}.${String(900_000 + run).padStart(6, '0')}` });
      const started = performance.now();
      await requests.event(mention);
      await api.waitFor(() => api.callsOf('chat.update').slice(before).find((call) => String(call.args.text ?? '').includes(`${MESSAGES}件`) || JSON.stringify(call.args.blocks ?? '').includes(`${MESSAGES}件`)), 60_000, 'the thread recap');
      // The first two warm up (SDK loading, caches).
      if (run >= 2) times.push(performance.now() - started);
    }
    return times;
  };
  const captured = await recapTimes(CHANNEL, parent);
  const fromHistory = await recapTimes('C0OLD', oldParent);

  const results = {
    measuredAt: new Date().toISOString(),
    machine: { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model ?? 'unknown', node: process.version, loadAverage1m: round(os.loadavg()[0] ?? 0, 2) },
    setup: { mode: 'http (bolt HTTPReceiver)', llm: 'offline (extractive recap)', slack: 'local Web API on 127.0.0.1 (tests/helpers/fake-slack-api.ts)', messages: MESSAGES, runs: RUNS },
    capture: { messages: MESSAGES, seconds: round(captureSeconds, 2), messagesPerSecond: round(MESSAGES / captureSeconds) },
    threadRecapCaptured: { p50Ms: round(percentile(captured, 50)), maxMs: round(Math.max(...captured)), target: '<= 3000 ms' },
    threadRecapFromHistory: { pagesPerRecap: Math.ceil(MESSAGES / 200), p50Ms: round(percentile(fromHistory, 50)), maxMs: round(Math.max(...fromHistory)), target: '<= 3000 ms' },
  };
  writeFileSync(path.join(root, 'bench/results-conversations.json'), `${JSON.stringify(results, null, 2)}\n`);
  console.table({
    'capture (messages/s, signed events)': { measured: results.capture.messagesPerSecond, target: '' },
    'mention -> recap of a captured 500-message thread p50 (ms)': { measured: results.threadRecapCaptured.p50Ms, target: '<= 3000' },
    '  max (ms)': { measured: results.threadRecapCaptured.maxMs, target: '' },
    'mention -> recap of a 500-message thread from history p50 (ms)': { measured: results.threadRecapFromHistory.p50Ms, target: '<= 3000' },
    '  max (ms) ': { measured: results.threadRecapFromHistory.maxMs, target: '' },
  });
  console.log('written to bench/results-conversations.json');

  await adapter.stop();
  await api.stop();
  await runtime.close();
  await local?.stop();
  rmSync(dataDir, { recursive: true, force: true });
}

await main();
process.exit(0);
