import { spawn, type ChildProcessByStdio } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, inject, it, vi } from 'vitest';
import { seedNotePath } from '../helpers/corpus.js';
import { waitForReply } from '../helpers/discord-recap.js';
import { FakeDiscord } from '../helpers/fake-discord.js';
import { recapBin, testRecapEnv } from '../helpers/run-recap.js';
import { deleteKeys, uniquePrefix } from '../helpers/test-runtime.js';

const prefix = uniquePrefix();

/**
 * `recap start` with Discord in a process of its own, so "the bot stays up" means the process:
 * a packet that made discord.js throw used to become an unhandled rejection and end it.
 */
describe('recap start with Discord: malformed gateway packets are dropped, the bot stays up', () => {
  const fake = new FakeDiscord();
  let notesDir: string;
  let child: ChildProcessByStdio<null, null, Readable>;
  let stderr = '';
  let exited: Promise<number | null>;

  beforeAll(async () => {
    await fake.start();
    notesDir = mkdtempSync(path.join(tmpdir(), 'recap-discord-notes-'));
    copyFileSync(seedNotePath, path.join(notesDir, path.basename(seedNotePath)));
    child = spawn(process.execPath, [recapBin, 'start', '--no-prompt'], {
      env: { ...testRecapEnv(prefix), LOG_LEVEL: 'info', NOTES_DIR: notesDir, RECAP_WATCH: 'false', DISCORD_TOKEN: 'fake.discord.token', DISCORD_API_URL: fake.apiUrl },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    exited = new Promise((resolve) => child.on('exit', (code) => resolve(code)));
    // Ready once it says so (it has its guild and channel then), or it ended without getting there.
    await new Promise<void>((resolve, reject) => {
      child.stderr.on('data', (chunk: Buffer) => {
        stderr += chunk.toString();
        if (stderr.includes('discord bot connected')) resolve();
      });
      void exited.then((code) => reject(new Error(`recap start exited (${code}) before the bot connected: ${stderr}`)));
    });
  }, 180_000);
  afterAll(async () => {
    if (child.exitCode === null) child.kill('SIGTERM');
    await exited;
    await fake.stop();
    rmSync(notesDir, { recursive: true, force: true });
    await deleteKeys(inject('redisUrl'), prefix);
  });

  it('drops each bad packet with a warning, then still answers a mention', async () => {
    const mention = { content: `<@${fake.botUser.id}> what is Brown Field?`, author: fake.member, mentions: [fake.botUser] };
    const message = (): Record<string, unknown> => fake.messageData(mention);
    const { channel_id: _channel, ...withoutChannel } = message();
    const bad: Array<[string, unknown]> = [
      ['MESSAGE_CREATE', { ...message(), author: null }],
      ['MESSAGE_CREATE', { ...message(), mentions: 'x' }],
      ['MESSAGE_CREATE', { ...message(), attachments: [null] }],
      ['MESSAGE_CREATE', withoutChannel],
      ['MESSAGE_CREATE', { ...message(), content: 42 }],
      ['MESSAGE_CREATE', null],
      // Shaped well enough for the check before discord.js, yet discord.js throws on them.
      ['MESSAGE_CREATE', { ...message(), embeds: 'x' }],
      ['MESSAGE_UPDATE', null],
      ['INTERACTION_CREATE', { ...fake.interactionData({ user: fake.member, subcommand: 'list' }), data: null }],
      ['INTERACTION_CREATE', { ...fake.interactionData({ user: fake.member, subcommand: 'list' }), member: 'x' }],
    ];
    for (const [event, data] of bad) fake.dispatchRaw(event, data);

    // A crash fails the test at once, with what the process printed.
    const crashed = exited.then((code) => Promise.reject(new Error(`recap start exited (${code}):\n${stderr.slice(-3000)}`)));
    const reply = await Promise.race([waitForReply(fake, fake.sendMessage(mention), 60_000), crashed]);
    expect(reply.body.content).toContain('VM上で管理されているサービス');
    expect(child.exitCode).toBe(null);
    const droppedLines = (): string[] => stderr.split('\n').filter((line) => line.includes('dropped a malformed discord gateway packet'));
    // The log comes through a pipe of its own, so it may trail the reply a little.
    await vi.waitFor(() => expect(droppedLines()).toHaveLength(bad.length), { timeout: 30_000 });
    const dropped = droppedLines();
    expect(dropped.map((line) => JSON.parse(line) as { level: number; event: string })).toEqual(bad.map(([event]) => expect.objectContaining({ level: 40, event })));
    // Nothing of the bad packets was answered: only the good mention got a reply.
    expect(fake.postedMessages()).toHaveLength(1);
    expect(fake.callsWhere((call) => call.path.includes('/callback'))).toHaveLength(0);
  }, 120_000);
});
