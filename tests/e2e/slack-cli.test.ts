import { spawn } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { FeedbackStore } from '../../src/store/feedback-store.js';
import { createRedis } from '../../src/store/redis-connection.js';
import { seedNotePath } from '../helpers/corpus.js';
import { FakeSlackApi } from '../helpers/fake-slack-api.js';
import { recapBin, recapRunner, testRecapEnv } from '../helpers/run-recap.js';
import { SlackRequests } from '../helpers/slack-requests.js';
import { deleteKeys, uniquePrefix } from '../helpers/test-runtime.js';

const prefix = uniquePrefix();
const recap = recapRunner({ prefix });

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Resolves once a line of the child's stderr matches (it travels apart from the fake's calls: polled). */
async function untilLogged(stderr: () => string, matches: (line: string) => boolean, gone: () => boolean = () => false): Promise<void> {
  for (const deadline = Date.now() + 30_000; !stderr().split('\n').some(matches); ) {
    if (gone() || Date.now() > deadline) throw new Error(`the expected log line did not come; stderr: ${stderr()}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('recap start with Slack, and recap feedback', () => {
  const api = new FakeSlackApi();
  let notesDir: string;

  beforeAll(async () => {
    await api.start();
    notesDir = mkdtempSync(path.join(tmpdir(), 'recap-slack-notes-'));
    copyFileSync(seedNotePath, path.join(notesDir, path.basename(seedNotePath)));
  });
  afterAll(async () => {
    await api.stop();
    rmSync(notesDir, { recursive: true, force: true });
    await deleteKeys(inject('redisUrl'), prefix);
  });

  it('refuses to start with a Slack token but no way to receive events, saying what to set', async () => {
    const result = await recap(['start', '--no-prompt'], { env: { SLACK_BOT_TOKEN: 'xoxb-1', NOTES_DIR: notesDir } });
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/SLACK_BOT_TOKEN: set either SLACK_APP_TOKEN \(Socket Mode[\s\S]*SLACK_SIGNING_SECRET/);
    expect(result.stderr).not.toContain('xoxb-1');
  });

  it('`npm start` runs the Slack app when configured: a signed null body gets 400, a signed /recap ask its answer', async () => {
    const port = await freePort();
    const secret = 'e2e-signing-secret-0123';
    const child = spawn(process.execPath, [recapBin, 'start', '--no-prompt'], {
      env: { ...testRecapEnv(prefix), NOTES_DIR: notesDir, RECAP_WATCH: 'false', SLACK_BOT_TOKEN: api.botToken, SLACK_SIGNING_SECRET: secret, SLACK_API_URL: api.apiUrl, PORT: String(port), LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    try {
      const requests = new SlackRequests(`http://127.0.0.1:${port}/slack/events`, secret);
      const challenge = JSON.stringify({ type: 'url_verification', token: 'x', challenge: 'ready?' });
      const deadline = Date.now() + 45_000;
      for (;;) {
        const ready = await requests.post(challenge, { contentType: 'application/json' }).catch(() => null);
        if (ready?.status === 200) break;
        if (Date.now() > deadline) throw new Error(`recap start did not listen on ${port}: ${stderr}`);
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
      // A signed body that is no Slack payload is refused and logged; the process keeps serving.
      expect((await requests.post('null', { contentType: 'application/json' })).status).toBe(400);
      // The log line travels on another pipe than the response: wait for it.
      await untilLogged(() => stderr, (line) => line.includes('slack request refused') && line.includes('not a Slack payload: the body is null'));
      expect(child.exitCode).toBeNull();
      const responseUrl = api.responseUrl();
      const ack = await requests.command('ask what is Brown Field?', { responseUrl });
      expect(ack.status).toBe(200);
      const [answer] = await api.waitFor(() => (api.responsesTo(responseUrl).length > 0 ? api.responsesTo(responseUrl) : null), 20_000);
      expect(JSON.stringify(answer?.body.blocks)).toContain('VM上で管理されているサービス');
      expect(api.callsOf('auth.test')).toHaveLength(1);
    } finally {
      child.kill('SIGTERM');
      await exited;
    }
  });

  it('in Socket Mode, a frame whose payload is null is logged and the process keeps answering', async () => {
    const child = spawn(process.execPath, [recapBin, 'start', '--no-prompt'], {
      env: { ...testRecapEnv(prefix), NOTES_DIR: notesDir, RECAP_WATCH: 'false', SLACK_BOT_TOKEN: api.botToken, SLACK_APP_TOKEN: 'xapp-1-A0FAKE-e2e', SLACK_API_URL: api.apiUrl, LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    try {
      await api.waitFor(() => api.socketConnected, 60_000, 'recap start to connect over Socket Mode');
      // @slack/socket-mode reads payload.event in a promise nobody awaits: the rejection is ours to catch.
      void api.pushEnvelope('events_api', null);
      await untilLogged(() => stderr, (line) => line.includes('unhandled rejection'), () => child.exitCode !== null);
      expect(child.exitCode).toBeNull();
      const ts = '1790000000.000100';
      await api.pushEnvelope('events_api', { type: 'event_callback', team_id: api.teamId, event_id: 'Ev0E2ESOCKET', event: { type: 'app_mention', user: 'U0MEMBER', channel: 'C0FAKE', text: '<@UBOT> what is Brown Field?', ts, event_ts: ts } });
      await api.waitFor(() => api.callsOf('chat.update').find((call) => JSON.stringify(call.args).includes('VM上で管理されているサービス')), 30_000, 'the answer to the mention');
    } finally {
      child.kill('SIGTERM');
      await exited;
    }
  });

  it('recap feedback lists votes, newest first, as a table or JSON', async () => {
    expect((await recap(['feedback'])).stdout).toMatch(/No feedback yet/);
    const redis = createRedis(inject('redisUrl'));
    const store = new FeedbackStore(redis, prefix);
    await store.record({ answerId: 'a1', question: 'what is Brown Field?', platform: 'slack', user: 'U1', value: 'helpful', at: '2024-05-01T10:00:00.000Z' });
    await store.record({ answerId: 'a2', question: 'サービスメッシュとは?', platform: 'slack', user: 'U2', value: 'not-helpful', at: '2024-05-02T10:00:00.000Z' });
    redis.disconnect();
    const table = await recap(['feedback']);
    expect(table.status).toBe(0);
    expect(table.stdout).toMatch(/2024-05-02 10:00 {2}not-helpful {2}slack:U2 {2}サービスメッシュとは\? {2}\[a2\]\n2024-05-01 10:00 {2}helpful/);
    expect(table.stdout).toMatch(/2 vote\(s\): 1 helpful, 1 not helpful/);
    const json = JSON.parse((await recap(['feedback', '--json'])).stdout) as Array<{ answerId: string; value: string }>;
    expect(json.map((vote) => [vote.answerId, vote.value])).toEqual([['a2', 'not-helpful'], ['a1', 'helpful']]);
  });
});
