import { afterEach, describe, expect, it } from 'vitest';
import { createDiscordAdapter } from '../../src/adapters/discord/discord-adapter.js';
import type { ChatContext } from '../../src/chat/chat-adapter.js';
import { loadAppConfig } from '../../src/app/platforms.js';
import { createLogger } from '../../src/logger.js';
import type { Runtime } from '../../src/runtime.js';
import { SearchIndex } from '../../src/search/search-index.js';
import { FakeDiscord } from '../helpers/fake-discord.js';

/** Just enough of the core for the adapter to log in: login needs no notes, Redis or model. */
function contextFor(fake: FakeDiscord, token: string): ChatContext {
  const config = loadAppConfig({ LOG_LEVEL: 'silent', DISCORD_TOKEN: token, DISCORD_API_URL: fake.apiUrl });
  const logger = createLogger('silent', { pretty: false });
  return { config, logger, runtime: {} as Runtime, index: new SearchIndex(), ask: () => Promise.reject(new Error('not used')) };
}

describe('Discord login problems say what to fix', () => {
  let fake: FakeDiscord;
  afterEach(async () => {
    await fake.stop();
  });

  it('a refused token names DISCORD_TOKEN', async () => {
    fake = await new FakeDiscord().start();
    fake.acceptedToken = 'the.right.token';
    const adapter = createDiscordAdapter(contextFor(fake, 'a.wrong.token'));
    await expect(adapter.start()).rejects.toMatchObject({ code: 'config_invalid', message: expect.stringMatching(/DISCORD_TOKEN: Discord refused the token/) });
  });

  it('a gateway closing with 4014 says to enable the Message Content intent', async () => {
    fake = await new FakeDiscord().start();
    fake.closeOnIdentify = 4014;
    const adapter = createDiscordAdapter(contextFor(fake, 'fake.discord.token'));
    await expect(adapter.start()).rejects.toMatchObject({ code: 'config_invalid', message: expect.stringMatching(/Message Content Intent/) });
  });

  it('a missing token is a configuration error, not a crash later', () => {
    const context = { config: loadAppConfig({ LOG_LEVEL: 'silent' }), logger: createLogger('silent', { pretty: false }) } as ChatContext;
    expect(() => createDiscordAdapter(context)).toThrow(/DISCORD_TOKEN: is required/);
  });
});
