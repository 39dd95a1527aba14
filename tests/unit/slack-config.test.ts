import { describe, expect, it } from 'vitest';
import { slackSettingsReader } from '../../src/adapters/slack/slack-settings.js';
import { loadAppConfig } from '../../src/app/platforms.js';
import { settingsOf } from '../../src/config.js';

const slackOf = (env: Record<string, string>) => settingsOf(slackSettingsReader, loadAppConfig(env));

describe('Slack settings (the Slack platform module reads them with the rest of the configuration)', () => {
  it('is null without Slack variables', () => {
    expect(slackOf({})).toBeNull();
  });

  it('picks Socket Mode with an app token and HTTP with a signing secret', () => {
    expect(slackOf({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'xapp-1' })).toMatchObject({ mode: 'socket', appToken: 'xapp-1', port: 3000, apiUrl: 'https://slack.com/api/' });
    expect(slackOf({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 'secret-123', PORT: '8080', SLACK_API_URL: 'http://proxy.local/api' })).toMatchObject({
      mode: 'http',
      signingSecret: 'secret-123',
      port: 8080,
      apiUrl: 'http://proxy.local/api/',
      adminUserIds: [],
    });
    expect(slackOf({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'xapp-1', SLACK_ADMIN_USER_IDS: 'U01ABC, W02DEF' })?.adminUserIds).toEqual(['U01ABC', 'W02DEF']);
  });

  it('fails at start naming the missing companion setting and how to get it', () => {
    expect(() => loadAppConfig({ SLACK_BOT_TOKEN: 'xoxb-1' })).toThrow(/SLACK_BOT_TOKEN: set either SLACK_APP_TOKEN \(Socket Mode[\s\S]*or SLACK_SIGNING_SECRET \(HTTP/);
    expect(() => loadAppConfig({ SLACK_APP_TOKEN: 'xapp-1' })).toThrow(/SLACK_APP_TOKEN is set but SLACK_BOT_TOKEN is not\. Set SLACK_BOT_TOKEN to the app's Bot User OAuth Token/);
    expect(() => loadAppConfig({ SLACK_SIGNING_SECRET: 'secret-123' })).toThrow(/SLACK_SIGNING_SECRET is set but SLACK_BOT_TOKEN is not/);
  });

  it.each([
    [{ SLACK_BOT_TOKEN: 'xapp-swapped', SLACK_APP_TOKEN: 'xapp-1' }, /SLACK_BOT_TOKEN: a bot token starting with "xoxb-"/],
    [{ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'xoxb-swapped' }, /SLACK_APP_TOKEN: an app-level token/],
    [{ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'xapp-1', PORT: '70000' }, /PORT/],
    [{ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'xapp-1', SLACK_ADMIN_USER_IDS: 'alice' }, /SLACK_ADMIN_USER_IDS/],
    [{ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'xapp-1', SLACK_API_URL: 'not a url' }, /SLACK_API_URL/],
  ])('names the variable when a value is bad: %o', (env, message) => {
    expect(() => loadAppConfig(env)).toThrow(message);
  });

  it('never puts a token in an error message', () => {
    expect(() => loadAppConfig({ SLACK_BOT_TOKEN: 'secret-bot-token-value', SLACK_APP_TOKEN: 'xapp-1' })).toThrow(/^(?![\s\S]*secret-bot-token-value)/);
  });
});
