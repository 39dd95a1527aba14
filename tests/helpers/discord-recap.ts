import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startRecap, type RunningRecap } from '../../src/app/start-recap.js';
import { loadAppConfig } from '../../src/app/platforms.js';
import type { Config } from '../../src/config.js';
import { createLogger } from '../../src/logger.js';
import { seedNotePath } from './corpus.js';
import { FakeDiscord, type RecordedCall } from './fake-discord.js';
import { deleteKeys, uniquePrefix } from './redis-keys.js';

/** recap as `npm start` runs it, with Discord configured against a local FakeDiscord. */
export interface DiscordRecap {
  fake: FakeDiscord;
  running: RunningRecap;
  config: Config;
  stop(): Promise<void>;
}

/**
 * Starts a FakeDiscord, then recap itself (startRecap: Redis, workers, index, the notes folder and
 * the configured chat adapters) with DISCORD_TOKEN and DISCORD_API_URL pointing at the fake. The
 * notes folder holds the seed note plus `notes`. Resolves once the bot is connected and ready.
 * Free of vitest, so the Discord bench uses it too.
 */
export async function startDiscordRecap(options: {
  redisUrl: string;
  notes?: Record<string, string>;
  /** More settings; a function when they name the fake's ids (DISCORD_ADMIN_ROLE_IDS). */
  env?: Record<string, string> | ((fake: FakeDiscord) => Record<string, string>);
}): Promise<DiscordRecap> {
  const fake = await new FakeDiscord().start();
  const notesDir = mkdtempSync(path.join(tmpdir(), 'recap-discord-notes-'));
  copyFileSync(seedNotePath, path.join(notesDir, path.basename(seedNotePath)));
  for (const [name, text] of Object.entries(options.notes ?? {})) writeFileSync(path.join(notesDir, name), text);
  const prefix = uniquePrefix();
  const config = loadAppConfig({
    REDIS_URL: options.redisUrl,
    RECAP_KEY_PREFIX: prefix,
    LOG_LEVEL: process.env.RECAP_TEST_LOG_LEVEL ?? 'silent',
    NOTES_DIR: notesDir,
    RECAP_WATCH: 'false',
    // The web page on any free port: several of these run at once.
    WEB_PORT: '0',
    DISCORD_TOKEN: 'fake.discord.token',
    DISCORD_API_URL: fake.apiUrl,
    ...(typeof options.env === 'function' ? options.env(fake) : options.env),
  });
  const running = await startRecap(config, createLogger(config.logLevel, { pretty: false }));
  return {
    fake,
    running,
    config,
    stop: async () => {
      await running.stop();
      await fake.stop();
      await deleteKeys(options.redisUrl, prefix);
      rmSync(notesDir, { recursive: true, force: true });
    },
  };
}

/** Messages the bot posted to a channel, oldest first. */
export function postsIn(fake: FakeDiscord, channelId: string): RecordedCall[] {
  return fake.postedMessages().filter((call) => call.path === `/channels/${channelId}/messages`);
}

/** The reply (with message_reference) to one message, and any parts posted after it. */
export async function waitForReply(fake: FakeDiscord, messageId: string, timeoutMs = 30_000): Promise<RecordedCall> {
  const [reply] = await fake.waitForCalls((call) => referencedMessage(call) === messageId, 1, timeoutMs);
  if (!reply) throw new Error(`no reply to ${messageId}`);
  return reply;
}

export function referencedMessage(call: RecordedCall): string | undefined {
  const reference = call.body.message_reference as { message_id?: string } | undefined;
  return reference?.message_id;
}

/** Sends `/recap <subcommand>` and resolves with the callback (the ack) and the edited original response. */
export async function slashCommand(fake: FakeDiscord, subcommand: string, options: Record<string, string>): Promise<{ callback: RecordedCall; original: RecordedCall; sentAt: number }> {
  const sentAt = Date.now();
  const { id, token } = fake.sendInteraction({ user: fake.member, subcommand, options });
  const [callback] = await fake.waitForCalls((call) => call.path === `/interactions/${id}/${token}/callback`);
  const [original] = await fake.waitForCalls((call) => call.method === 'PATCH' && call.path.startsWith(`/webhooks/${fake.applicationId}/${token}/`), 1, 20_000);
  if (!callback || !original) throw new Error('no answer');
  return { callback, original, sentAt };
}
