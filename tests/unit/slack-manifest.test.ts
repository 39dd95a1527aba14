import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

interface Manifest {
  features: {
    slash_commands: Array<{ command: string; should_escape: boolean }>;
    bot_user: { display_name: string };
    app_home?: { home_tab_enabled?: boolean; messages_tab_enabled?: boolean; messages_tab_read_only_enabled?: boolean };
  };
  oauth_config: { scopes: { bot: string[] } };
  settings: { event_subscriptions: { bot_events: string[] }; interactivity: { is_enabled: boolean }; socket_mode_enabled: boolean };
}

const manifest = parse(readFileSync(path.resolve(import.meta.dirname, '../../slack/manifest.yaml'), 'utf8')) as Manifest;

describe('slack/manifest.yaml', () => {
  it('declares what the Slack adapter uses: /recap, app_mention, channel messages and reactions, direct messages, interactivity, Socket Mode', () => {
    expect(manifest.features.slash_commands.map((command) => command.command)).toEqual(['/recap']);
    expect(manifest.settings.event_subscriptions.bot_events).toEqual(['app_mention', 'message.channels', 'message.groups', 'message.im', 'reaction_added', 'reaction_removed']);
    expect(manifest.settings.interactivity.is_enabled).toBe(true);
    expect(manifest.settings.socket_mode_enabled).toBe(true);
  });

  it('lets people write to the bot: the App Home Messages tab, open for writing', () => {
    expect(manifest.features.app_home).toMatchObject({ messages_tab_enabled: true, messages_tab_read_only_enabled: false });
  });

  it('asks for every scope the adapter calls and no more', () => {
    // app_mention events, chat.postMessage/update/postEphemeral (+ public share), /recap, files.info + url_private, users.info,
    // conversations.history/replies and message events (public and private channels: conversation recaps, and a scheduled
    // post already made is found, not posted twice), conversations.members (recaps of other channels), reaction events, message.im (direct messages).
    expect([...manifest.oauth_config.scopes.bot].sort()).toEqual([
      'app_mentions:read',
      'channels:history',
      'channels:read',
      'chat:write',
      'chat:write.public',
      'commands',
      'files:read',
      'groups:history',
      'groups:read',
      'im:history',
      'reactions:read',
      'users:read',
    ]);
  });
});
