import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { FakeAttachment, FakeUser } from '../helpers/fake-discord.js';
import { startDiscordRecap, waitForReply, type DiscordRecap } from '../helpers/discord-recap.js';

const K8S_NOTE = readFileSync(path.resolve(import.meta.dirname, '../fixtures/own/20240315-k8s-benkyoukai-12.md'));
// Above the seed note (4.4 KiB), small enough to test the limit cheaply.
const MAX_NOTE_BYTES = 8192;

describe('Discord attachment ingest ("@Recap ingest" with .md/.txt files)', () => {
  let recap: DiscordRecap;
  const keeper: FakeUser = { id: '1300000000000000001', username: 'keeper' };
  const organizer: FakeUser = { id: '1300000000000000002', username: 'organizer' };

  beforeAll(async () => {
    recap = await startDiscordRecap({
      redisUrl: inject('redisUrl'),
      env: (fake) => ({ MAX_NOTE_BYTES: String(MAX_NOTE_BYTES), DISCORD_ADMIN_ROLE_IDS: `${fake.adminRoleId}, 123456789012345678` }),
    });
  });
  afterAll(async () => {
    await recap?.stop();
  });

  const ingest = (author: FakeUser, roles: string[], attachments: FakeAttachment[], words = 'ingest'): string =>
    recap.fake.sendMessage({ content: `<@${recap.fake.botUser.id}> ${words}`, author, roles, mentions: [recap.fake.botUser], attachments });

  it('politely refuses a member without Manage Server, without downloading anything', async () => {
    const file = recap.fake.serveFile('talk.md', K8S_NOTE);
    const reply = await waitForReply(recap.fake, ingest(recap.fake.member, [], [file]));
    expect(reply.body.content).toMatch(/^Sorry, only members with the Manage Server permission/);
    expect(recap.fake.downloads).not.toContain(file.url);
    expect(recap.running.index.noteIds()).toHaveLength(1);
  });

  it('accepts a member with an admin role (DISCORD_ADMIN_ROLE_IDS); the note is then searchable', async () => {
    const file = recap.fake.serveFile('20240315-k8s-benkyoukai-12.md', K8S_NOTE);
    const reply = await waitForReply(recap.fake, ingest(keeper, [recap.fake.adminRoleId], [file]));
    expect(reply.body.content).toMatch(/^Added 1 file:\n- 20240315-k8s-benkyoukai-12\.md: ingested as 20240315-k8s-benkyoukai-12 \("20240315 Kubernetes勉強会 #12", \d+ passages\)/);
    expect(recap.fake.downloads).toContain(file.url);
    await expect.poll(() => recap.running.index.hasNote('20240315-k8s-benkyoukai-12')).toBe(true);
    const answer = await waitForReply(recap.fake, recap.fake.sendMessage({ content: `<@${recap.fake.botUser.id}> Operatorとは?`, author: recap.fake.member, mentions: [recap.fake.botUser] }));
    expect(answer.body.content).toContain('CRDとcontrollerでアプリの運用知識をコード化したもの');
    expect(JSON.stringify(answer.body.embeds)).toContain('discord/20240315-k8s-benkyoukai-12.md:5');
  });

  it('accepts a member with Manage Server and answers per file: too large (before download), not a note, ingested', async () => {
    const { fake } = recap;
    const big = fake.serveFile('big.md', 'x'.repeat(MAX_NOTE_BYTES + 1));
    const image = fake.serveFile('photo.png', Buffer.from([0x89, 0x50, 0x4e, 0x47]), 'image/png');
    const small = fake.serveFile('lt.txt', '# 20240401 LT night\n\n## Rust\n\n- borrow checker - 所有権を検査する仕組み\n');
    const reply = await waitForReply(fake, ingest(organizer, [fake.managerRoleId], [big, image, small]), 20_000);
    const lines = String(reply.body.content).split('\n');
    expect(lines.shift()).toBe('Added 1 of 3 files:');
    expect(lines[0]).toBe('- big.md: not ingested: it is 8.0 KiB; the limit is 8.0 KiB (MAX_NOTE_BYTES).');
    expect(lines[1]).toBe('- photo.png: not ingested: not a note: only .md, .markdown and .txt files are ingested.');
    expect(lines[2]).toMatch(/^- lt\.txt: ingested as lt \("20240401 LT night", \d+ passages\)/);
    expect(fake.downloads).not.toContain(big.url);
    expect(fake.downloads).not.toContain(image.url);
  });

  it('refuses a file bigger than its declared size once the bytes pass the limit', async () => {
    const { fake } = recap;
    const lying = { ...fake.serveFile('lying.md', `# big\n\n${'- line\n'.repeat(2000)}`), size: 100 };
    const reply = await waitForReply(fake, ingest(organizer, [fake.managerRoleId], [lying]));
    expect(reply.body.content).toBe('⚠️ Nothing was added (1 file):\n- lying.md: not ingested: it is over the limit of 8.0 KiB (MAX_NOTE_BYTES).');
  });

  describe('downloads only from Discord (its CDN, or the host of DISCORD_API_URL)', () => {
    // A service on the bot's own network, as an attacker would point an attachment at it.
    let internal: Server;
    const internalRequests: string[] = [];
    let internalUrl: string;
    beforeAll(async () => {
      internal = createServer((request, response) => {
        internalRequests.push(request.url ?? '');
        response.writeHead(200, { 'content-type': 'text/markdown' });
        response.end('# Internal admin\n\n- token - s3cr3t\n');
      });
      await new Promise<void>((resolve) => internal.listen(0, '127.0.0.1', resolve));
      internalUrl = `http://127.0.0.1:${(internal.address() as AddressInfo).port}/internal-admin`;
    });
    afterAll(async () => {
      await new Promise((resolve) => internal.close(resolve));
    });

    it('refuses an attachment whose link is elsewhere (127.0.0.1 on another port), without a request', async () => {
      const { fake } = recap;
      const reply = await waitForReply(fake, ingest(organizer, [fake.managerRoleId], [{ filename: 'admin.md', size: 40, url: internalUrl }]));
      expect(reply.body.content).toBe("⚠️ Nothing was added (1 file):\n- admin.md: not ingested: its link is not on Discord's CDN, so recap does not download it.");
      expect(internalRequests).toEqual([]);
      expect(recap.running.index.hasNote('admin')).toBe(false);
    });

    it('refuses a redirect from Discord to elsewhere, without following it', async () => {
      const { fake } = recap;
      const moved = fake.serveRedirect('moved.md', internalUrl);
      const reply = await waitForReply(fake, ingest(organizer, [fake.managerRoleId], [moved]));
      expect(reply.body.content).toBe("⚠️ Nothing was added (1 file):\n- moved.md: not ingested: its download was redirected away from Discord's CDN, so recap did not follow it.");
      expect(fake.downloads).toContain(moved.url);
      expect(internalRequests).toEqual([]);
    });

    it('follows a redirect that stays on Discord, and gives up on a redirect loop', async () => {
      const { fake } = recap;
      const file = fake.serveFile('hop.md', '# 20240402 Hop night\n\n- hop - 一度だけ転送される\n');
      const hop = { ...fake.serveRedirect('hop.md', file.url), size: file.size };
      const loop = fake.serveRedirect('loop.md', (itself) => itself);
      const reply = await waitForReply(fake, ingest(organizer, [fake.managerRoleId], [hop, loop]));
      const lines = String(reply.body.content).split('\n');
      expect(lines[0]).toBe('Added 1 of 2 files:');
      expect(lines[1]).toMatch(/^- hop\.md: ingested as hop \("20240402 Hop night", \d+ passages?\)/);
      expect(lines[2]).toBe('- loop.md: not ingested: could not be downloaded (more than 3 redirects).');
    });
  });

  it('explains what to do when "ingest" comes without files', async () => {
    const reply = await waitForReply(recap.fake, ingest(organizer, [recap.fake.managerRoleId], []));
    expect(reply.body.content).toMatch(/Attach the \.md or \.txt note files/);
  });
});
