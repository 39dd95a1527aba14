import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { slackSignature, slashCommandBody } from '../helpers/slack-requests.js';
import { SIGNING_SECRET, startSlackTestBot, type SlackTestBot } from '../helpers/slack-test-bot.js';

type ContentType = 'application/json' | 'application/x-www-form-urlencoded';

/** Bodies that pass the signature check but are no Slack payload (issue 11, finding 2). */
const BAD_BODIES: Array<[string, ContentType, string]> = [
  ['JSON null', 'application/json', 'null'],
  ['a JSON number', 'application/json', '42'],
  ['a JSON string', 'application/json', '"event_callback"'],
  ['a JSON boolean', 'application/json', 'true'],
  ['a JSON array', 'application/json', '[{"type":"event_callback"}]'],
  ['JSON without type or command', 'application/json', '{"team_id":"T0FAKE"}'],
  ['JSON whose type is not a string', 'application/json', '{"type":["url_verification"],"challenge":"x"}'],
  ['an event_callback whose event is null', 'application/json', '{"type":"event_callback","event":null}'],
  ['an event_callback whose event is a string', 'application/json', '{"type":"event_callback","event":"app_mention"}'],
  ['an event whose item is a string', 'application/json', '{"type":"event_callback","event":{"type":"reaction_added","item":"x"}}'],
  ['an interaction bolt cannot read (no team, no user)', 'application/json', '{"type":"block_actions","actions":[{"action_id":"x"}]}'],
  ['JSON that does not parse', 'application/json', '{"type":'],
  ['an empty body', 'application/json', ''],
  ['a form payload that is not JSON', 'application/x-www-form-urlencoded', 'payload=not-json'],
  ['a form payload of null', 'application/x-www-form-urlencoded', 'payload=null'],
  ['a form payload of a number', 'application/x-www-form-urlencoded', 'payload=7'],
  ['a form payload of an array', 'application/x-www-form-urlencoded', `payload=${encodeURIComponent('[]')}`],
  ['a form payload whose actions are not a list', 'application/x-www-form-urlencoded', `payload=${encodeURIComponent('{"type":"block_actions","actions":"x"}')}`],
  ['a form body without command or payload', 'application/x-www-form-urlencoded', 'text=hello&user_id=U0ASKER'],
  ['a form body with two commands', 'application/x-www-form-urlencoded', 'command=%2Frecap&command=%2Frecap&text=help'],
];

describe('Slack over HTTP: bad bodies and timestamps (real bolt, signed requests)', () => {
  let bot: SlackTestBot;

  beforeAll(async () => {
    bot = await startSlackTestBot({ mode: 'http' });
  });
  afterAll(async () => {
    await bot?.close();
  });

  /** A signed `/recap help` works: the app is alive and answering. */
  async function expectAlive(): Promise<void> {
    const ack = await bot.requests.command('help', { responseUrl: bot.api.responseUrl() });
    expect(ack.status).toBe(200);
    expect(ack.text).toMatch(/\/recap ask/);
  }

  it.each(BAD_BODIES)('answers %s with 400 and keeps serving', async (_name, contentType, body) => {
    const response = await bot.requests.post(body, { contentType });
    expect(response.status).toBe(400);
    await expectAlive();
  });

  it('still answers ssl_check and url_verification, and refuses an unsigned bad body with 401, not 400', async () => {
    expect((await bot.requests.post('ssl_check=1&token=x', { contentType: 'application/x-www-form-urlencoded', signature: null })).status).toBe(200);
    const challenge = await bot.requests.post(JSON.stringify({ type: 'url_verification', token: 'x', challenge: 'c-9' }), { contentType: 'application/json' });
    expect(challenge.status).toBe(200);
    expect(challenge.text).toContain('c-9');
    expect((await bot.requests.post('null', { contentType: 'application/json', signature: 'v0=deadbeef' })).status).toBe(401);
    expect((await bot.requests.post('null', { contentType: 'application/json', signature: null })).status).toBe(401);
    await expectAlive();
  });

  it('refuses timestamps more than a minute in the future like stale ones; a current one is accepted', async () => {
    const body = JSON.stringify({ type: 'url_verification', token: 'x', challenge: 'when' });
    const signedAt = (offsetSeconds: number) => {
      const timestamp = Math.floor(Date.now() / 1000) + offsetSeconds;
      return bot.requests.post(body, { contentType: 'application/json', timestamp, signature: slackSignature(SIGNING_SECRET, timestamp, body) });
    };
    expect((await signedAt(10 * 60)).status).toBe(401);
    expect((await signedAt(2 * 60)).status).toBe(401);
    expect((await signedAt(-6 * 60)).status).toBe(401);
    // Within the allowed clock difference either way.
    expect((await signedAt(20)).status).toBe(200);
    expect((await signedAt(-4 * 60)).status).toBe(200);
    expect((await signedAt(0)).text).toContain('when');

    // A slash command stamped in the future is refused before any listener sees it.
    const responseUrl = bot.api.responseUrl();
    const future = Math.floor(Date.now() / 1000) + 10 * 60;
    const command = slashCommandBody('help', { responseUrl });
    const refused = await bot.requests.post(command, { contentType: 'application/x-www-form-urlencoded', timestamp: future, signature: slackSignature(SIGNING_SECRET, future, command) });
    expect(refused.status).toBe(401);
    await expectAlive();
  });
});
