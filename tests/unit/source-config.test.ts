import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';

describe('URL source settings', () => {
  it('defaults: a 6 h re-sync, 15 s fetches, no private hosts, the real sites', () => {
    const { sources } = loadConfig({});
    expect(sources).toMatchObject({ allowPrivate: [], timeoutMs: 15_000, refresh: { kind: 'every', ms: 6 * 3_600_000 } });
    expect(sources.hosts.hackmd).toBe('https://hackmd.io');
    expect(sources.hosts['github-api']).toBe('https://api.github.com');
  });

  it('reads RECAP_SOURCE_REFRESH as an interval, a cron pattern or off', () => {
    expect(loadConfig({ RECAP_SOURCE_REFRESH: '30m' }).sources.refresh).toMatchObject({ kind: 'every', ms: 1_800_000 });
    expect(loadConfig({ RECAP_SOURCE_REFRESH: '0 */6 * * *' }).sources.refresh).toEqual({ kind: 'cron', pattern: '0 */6 * * *' });
    expect(loadConfig({ RECAP_SOURCE_REFRESH: 'off' }).sources.refresh).toEqual({ kind: 'off' });
    expect(() => loadConfig({ RECAP_SOURCE_REFRESH: '10s' })).toThrow(/RECAP_SOURCE_REFRESH: "10s" is shorter than a minute/);
    expect(() => loadConfig({ RECAP_SOURCE_REFRESH: 'sometimes' })).toThrow(/RECAP_SOURCE_REFRESH/);
  });

  it('reads RECAP_ALLOW_PRIVATE_URLS and RECAP_SOURCE_HOSTS', () => {
    const { sources } = loadConfig({ RECAP_ALLOW_PRIVATE_URLS: '127.0.0.1, wiki.lan', RECAP_SOURCE_HOSTS: 'hackmd=http://127.0.0.1:4001/,gist=https://gist.example.org' });
    expect(sources.allowPrivate).toEqual(['127.0.0.1', 'wiki.lan']);
    expect(sources.hosts).toMatchObject({ hackmd: 'http://127.0.0.1:4001', gist: 'https://gist.example.org', scrapbox: 'https://scrapbox.io' });
    expect(() => loadConfig({ RECAP_SOURCE_HOSTS: 'notion=https://notion.so' })).toThrow(/RECAP_SOURCE_HOSTS/);
    expect(() => loadConfig({ RECAP_SOURCE_HOSTS: 'hackmd=ftp://x' })).toThrow(/RECAP_SOURCE_HOSTS/);
  });
});
