import { describe, expect, it } from 'vitest';
import { discordSettingsReader } from '../../src/adapters/discord/discord-settings.js';
import { loadAppConfig } from '../../src/app/platforms.js';
import { settingsOf } from '../../src/config.js';

const discordOf = (env: Record<string, string>) => settingsOf(discordSettingsReader, loadAppConfig(env));

describe('Discord configuration', () => {
  it('is off without DISCORD_TOKEN', () => {
    expect(discordOf({})).toBeNull();
    expect(discordOf({ DISCORD_TOKEN: '' })).toBeNull();
  });

  it('reads the token, application id, API base and admin roles', () => {
    const discord = discordOf({
      DISCORD_TOKEN: 'MTIz.abc.def',
      DISCORD_APPLICATION_ID: '123456789012345678',
      DISCORD_API_URL: 'http://127.0.0.1:9999/api/',
      DISCORD_ADMIN_ROLE_IDS: ' 223456789012345678, 323456789012345678 ',
    });
    expect(discord).toEqual({
      token: 'MTIz.abc.def',
      applicationId: '123456789012345678',
      apiUrl: 'http://127.0.0.1:9999/api',
      adminRoleIds: ['223456789012345678', '323456789012345678'],
    });
  });

  it('defaults to Discord itself, and takes a token pasted with its "Bot " prefix', () => {
    expect(discordOf({ DISCORD_TOKEN: 'Bot MTIz.abc.def' })).toEqual({ token: 'MTIz.abc.def', applicationId: null, apiUrl: 'https://discord.com/api', adminRoleIds: [] });
  });

  it.each([
    ['DISCORD_ADMIN_ROLE_IDS', 'Organizers', /DISCORD_ADMIN_ROLE_IDS: comma-separated Discord role ids/],
    ['DISCORD_APPLICATION_ID', 'recap', /DISCORD_APPLICATION_ID: the numeric Application ID/],
    ['DISCORD_API_URL', 'ftp://example.com', /DISCORD_API_URL: an http\(s\) URL/],
    ['DISCORD_TOKEN', 'two words here', /DISCORD_TOKEN: the bot token/],
  ])('names %s when its value is wrong', (name, value, message) => {
    expect(() => loadAppConfig({ DISCORD_TOKEN: 'MTIz.abc.def', [name]: value })).toThrow(message);
  });
});
