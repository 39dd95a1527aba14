import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalRedis, type LocalRedis } from '../../src/store/local-redis.js';
import { startDiscordRecap, waitForReply, type DiscordRecap } from '../helpers/discord-recap.js';
import { FakeSlackApi } from '../helpers/fake-slack-api.js';
import { SlackRequests } from '../helpers/slack-requests.js';

const SECRET = 'test-signing-secret-0123456789';
const UNAVAILABLE = /storage \(Redis\) is unavailable right now; try again in a moment/;
// Without fail-fast connections a reply waited ~30 s for ioredis to give up: well past this.
const REPLY_WITHIN_MS = 10_000;

/**
 * recap as `npm start` runs it (startRecap), with Slack over HTTP and Discord, on a redis-server
 * of its own that the test stops: chat must reply at once, from memory where it can.
 */
describe('chat while Redis is down (startRecap, real bolt and discord.js, a real redis-server stopped)', () => {
  let dataDir: string;
  let redis: LocalRedis;
  let slackApi: FakeSlackApi;
  let recap: DiscordRecap;
  let slack: SlackRequests;

  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'recap-redis-down-'));
    redis = await startLocalRedis({ dataDir, persist: false });
    slackApi = new FakeSlackApi();
    await slackApi.start();
    recap = await startDiscordRecap({
      redisUrl: redis.url,
      env: { SLACK_BOT_TOKEN: slackApi.botToken, SLACK_SIGNING_SECRET: SECRET, SLACK_API_URL: slackApi.apiUrl, PORT: '0' },
    });
    const slackAdapter = recap.running.adapters.find((adapter) => adapter.platform === 'slack') as { httpPort?: number | null } | undefined;
    slack = new SlackRequests(`http://127.0.0.1:${slackAdapter?.httpPort ?? 0}/slack/events`, SECRET, slackApi.teamId);
    await redis.stop();
  });
  afterAll(async () => {
    // Redis is gone: the key clean-up of stop() has nothing to clean and must not hang the suite.
    await Promise.race([recap?.stop(), new Promise((resolve) => setTimeout(resolve, 5_000))]);
    await slackApi?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  async function slash(text: string): Promise<string> {
    const responseUrl = slackApi.responseUrl();
    const ack = await slack.command(text, { responseUrl });
    expect(ack.status).toBe(200);
    const [reply] = await slackApi.waitFor(() => (slackApi.responsesTo(responseUrl).length > 0 ? slackApi.responsesTo(responseUrl) : null), REPLY_WITHIN_MS, `a reply to /recap ${text}`);
    return JSON.stringify(reply?.body);
  }

  it('answers a Discord mention from the index in memory', async () => {
    const { fake } = recap;
    const id = fake.sendMessage({ content: `<@${fake.botUser.id}> what is Brown Field?`, author: fake.member, mentions: [fake.botUser] });
    const reply = await waitForReply(fake, id, REPLY_WITHIN_MS);
    expect(reply.body.content).toContain('技術的負債が多いサービス');
  });

  it('answers /recap ask in Slack, and says storage is unavailable for /recap list', async () => {
    expect(await slash('ask what is Brown Field?')).toContain('技術的負債が多いサービス');
    expect(await slash('list')).toMatch(UNAVAILABLE);
  });

  it('answers a Slack @mention in its thread', async () => {
    const ts = '1710000000.007700';
    await slack.event({ type: 'app_mention', user: 'U0MEMBER', channel: 'C0FAKE', text: '<@UBOT> Brown Fieldとは?', ts, event_ts: ts });
    const update = await slackApi.waitFor(
      () => slackApi.callsOf('chat.update').find((call) => JSON.stringify(call.args).includes('技術的負債が多いサービス')),
      REPLY_WITHIN_MS,
      'the answer to the mention',
    );
    expect(update).toBeDefined();
  });
});
