import { readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Redis } from 'ioredis';
import { createSlackAdapter, type SlackAdapter } from '../../src/adapters/slack/slack-adapter.js';
import { slackSettingsReader } from '../../src/adapters/slack/slack-settings.js';
import { settingsOf } from '../../src/config.js';
import type { ChatContext } from '../../src/chat/chat-adapter.js';
import { ingestNote } from '../../src/ingest/ingest-note.js';
import { ask } from '../../src/recap/ask.js';
import type { Runtime } from '../../src/runtime.js';
import { IndexSync } from '../../src/search/index-sync.js';
import { SearchIndex } from '../../src/search/search-index.js';
import { createRedis } from '../../src/store/redis-connection.js';
import { seedNotePath } from './corpus.js';
import { FakeSlackApi } from './fake-slack-api.js';
import { SlackRequests } from './slack-requests.js';
import { openTestRuntime } from './test-runtime.js';

export const SIGNING_SECRET = 'test-signing-secret-0123456789';
export const APP_TOKEN = 'xapp-1-A0FAKE-test';

/** The real recap Slack adapter (bolt inside) on the test Redis, talking to a FakeSlackApi. */
export interface SlackTestBot {
  api: FakeSlackApi;
  runtime: Runtime;
  index: SearchIndex;
  context: ChatContext;
  adapter: SlackAdapter;
  /** Signed requests to the app's /slack/events (HTTP mode only). */
  requests: SlackRequests;
  close(): Promise<void>;
}

export interface SlackTestBotOptions {
  mode: 'http' | 'socket';
  /** More settings (SLACK_ADMIN_USER_IDS, OPENAI_BASE_URL, MAX_NOTE_BYTES…). */
  env?: Record<string, string>;
  /** Notes stored before the app starts: [markdown, source]. The seed note when omitted. */
  notes?: Array<[string, string]>;
}

/** Starts recap's Slack app the way `recap start` does (index kept in sync through Redis). */
export async function startSlackTestBot(options: SlackTestBotOptions): Promise<SlackTestBot> {
  const api = new FakeSlackApi();
  await api.start();
  const modeEnv: Record<string, string> = options.mode === 'http' ? { SLACK_SIGNING_SECRET: SIGNING_SECRET } : { SLACK_APP_TOKEN: APP_TOKEN };
  const runtime = await openTestRuntime({ SLACK_BOT_TOKEN: api.botToken, SLACK_API_URL: api.apiUrl, PORT: '0', ...modeEnv, ...options.env });
  const notes = options.notes ?? [[readFileSync(seedNotePath, 'utf8'), 'notes/20190604-cloud-native-meetup-tokyo-8.md']];
  for (const [text, source] of notes) {
    await ingestNote(runtime.store, { source, sourceKey: `test:${source}`, bytes: Buffer.from(text), maxBytes: runtime.config.maxNoteBytes });
  }
  const index = new SearchIndex();
  const subscriber: Redis = createRedis(runtime.redisUrl);
  await new IndexSync(index, runtime.store, runtime.logger).start(subscriber);
  const { config, logger } = runtime;
  const context: ChatContext = {
    config,
    logger,
    runtime,
    index,
    ask: (question, askOptions) => ask({ index, llm: runtime.llm, noteLanguages: config.recapLanguages }, question, askOptions),
  };
  // The default Web API client retries for about 30 minutes; a test wants the failure now.
  const adapter = createSlackAdapter(context, settingsOf(slackSettingsReader, config), { retryConfig: { retries: 0 } });
  await adapter.start();
  const requests = new SlackRequests(`http://127.0.0.1:${adapter.httpPort ?? 0}/slack/events`, SIGNING_SECRET, api.teamId);
  return {
    api,
    runtime,
    index,
    context,
    adapter,
    requests,
    close: async () => {
      await adapter.stop();
      // Socket Mode closes its WebSocket asynchronously after stop().
      await sleep(300);
      await api.stop();
      subscriber.disconnect();
      await runtime.close();
    },
  };
}
