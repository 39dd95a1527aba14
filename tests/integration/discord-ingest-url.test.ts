import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { FakeDiscord } from '../helpers/fake-discord.js';
import { startDiscordRecap, type DiscordRecap } from '../helpers/discord-recap.js';
import { serve, startSiteServer, type SiteServer } from '../helpers/site-server.js';

/** Sends /recap ingest url:<url> as `user` and resolves with the deferral and the edited answer. */
async function ingestUrl(fake: FakeDiscord, user: { id: string; username: string }, url: string, roles: string[] = []): Promise<{ flags: unknown; content: string }> {
  const { id, token } = fake.sendInteraction({ user, roles, subcommand: 'ingest', options: { url } });
  const [callback] = await fake.waitForCalls((call) => call.path === `/interactions/${id}/${token}/callback`);
  const [original] = await fake.waitForCalls((call) => call.method === 'PATCH' && call.path === `/webhooks/${fake.applicationId}/${token}/messages/@original`, 1, 20_000);
  return { flags: (callback?.body.data as { flags?: unknown } | undefined)?.flags, content: String(original?.body.content) };
}

describe('Discord /recap ingest url:', () => {
  let recap: DiscordRecap;
  let site: SiteServer;

  beforeAll(async () => {
    site = await startSiteServer({ '/discord-note.md': serve('text/markdown', '# Discord URL note\n\n- Theta topic\n') });
    recap = await startDiscordRecap({ redisUrl: inject('redisUrl'), env: (fake) => ({ RECAP_ALLOW_PRIVATE_URLS: '127.0.0.1', DISCORD_ADMIN_ROLE_IDS: fake.adminRoleId }) });
  });
  afterAll(async () => {
    await recap?.stop();
    await site?.close();
  });

  it('refuses a member who may not manage notes, without fetching', async () => {
    const answer = await ingestUrl(recap.fake, { id: '912345678901234567', username: 'bob' }, `${site.origin}/discord-note.md`);
    expect(answer.content).toContain('can add notes from URLs');
    expect(site.requests).toEqual([]);
  });

  it('ingests the URL for a note keeper, answering only them', async () => {
    const answer = await ingestUrl(recap.fake, recap.fake.member, `${site.origin}/discord-note.md`, [recap.fake.adminRoleId]);
    expect(answer.flags).toBe(64);
    expect(answer.content).toContain(`${site.origin}/discord-note.md: ingested as discord-note`);
  });
});
