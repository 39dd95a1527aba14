import { describe, expect, it } from 'vitest';
import { isDiscordAttachmentHost } from '../../src/adapters/discord/download-attachment.js';

describe('Discord attachment hosts', () => {
  const discord = 'https://discord.com/api';

  it('allows Discord’s CDN over https on its usual port, and nothing that only looks like it', () => {
    expect(isDiscordAttachmentHost(new URL('https://cdn.discordapp.com/attachments/1/2/talk.md?ex=1'), discord)).toBe(true);
    expect(isDiscordAttachmentHost(new URL('https://media.discordapp.net/attachments/1/2/talk.md'), discord)).toBe(true);
    expect(isDiscordAttachmentHost(new URL('http://cdn.discordapp.com/attachments/1/2/talk.md'), discord)).toBe(false);
    expect(isDiscordAttachmentHost(new URL('https://cdn.discordapp.com:8443/attachments/1/2/talk.md'), discord)).toBe(false);
    expect(isDiscordAttachmentHost(new URL('https://cdn.discordapp.com.evil.example/talk.md'), discord)).toBe(false);
    expect(isDiscordAttachmentHost(new URL('https://cdn.discordapp.com@127.0.0.1/talk.md'), discord)).toBe(false);
    expect(isDiscordAttachmentHost(new URL('https://evil.example/cdn.discordapp.com/talk.md'), discord)).toBe(false);
  });

  it('allows exactly the host, port and protocol of DISCORD_API_URL (a proxy, a test server)', () => {
    const api = 'http://127.0.0.1:4000/api';
    expect(isDiscordAttachmentHost(new URL('http://127.0.0.1:4000/attachments/1/2/talk.md'), api)).toBe(true);
    expect(isDiscordAttachmentHost(new URL('http://127.0.0.1:4001/internal-admin'), api)).toBe(false);
    expect(isDiscordAttachmentHost(new URL('https://127.0.0.1:4000/attachments/1/2/talk.md'), api)).toBe(false);
    expect(isDiscordAttachmentHost(new URL('http://localhost:4000/attachments/1/2/talk.md'), api)).toBe(false);
  });
});
