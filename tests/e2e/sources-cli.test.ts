import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { recapRunner } from '../helpers/run-recap.js';
import { startSiteServer, type SiteServer } from '../helpers/site-server.js';
import { deleteKeys, uniquePrefix } from '../helpers/test-runtime.js';

const prefix = uniquePrefix();
let site: SiteServer;
/** The real `recap` command, allowed to fetch from the local test server. */
const recap = recapRunner({ prefix, env: () => ({ RECAP_ALLOW_PRIVATE_URLS: '127.0.0.1' }) });

describe('recap ingest <url> and recap sources', () => {
  beforeAll(async () => {
    site = await startSiteServer({
      '/meetup-notes.md': (request, response) => {
        if (request.headers['if-none-match'] === '"e1"') response.writeHead(304).end();
        else response.writeHead(200, { 'content-type': 'text/markdown; charset=utf-8', etag: '"e1"' }).end('# 20240701 Rust Meetup\n\n## LT\n\n- Ownership: 所有権の話\n');
      },
    });
  });
  afterAll(async () => {
    await site.close();
    await deleteKeys(inject('redisUrl'), prefix);
  });

  it('ingests a URL, lists it, re-fetches it conditionally and forgets it', async () => {
    const url = `${site.origin}/meetup-notes.md`;
    const ingest = await recap(['ingest', url]);
    expect(ingest.stderr).toBe('');
    expect(ingest.status).toBe(0);
    expect(ingest.stdout).toContain(`ingested   ${url} -> meetup-notes`);
    expect(ingest.stdout).toContain('1 file(s): 1 ingested');

    const listed = await recap(['sources']);
    expect(listed.status).toBe(0);
    expect(listed.stdout).toContain(`${url} [page]`);
    expect(listed.stdout).toMatch(/last fetched \S+: ok; notes meetup-notes/);

    const refreshed = await recap(['sources', 'refresh']);
    expect(refreshed.status).toBe(0);
    expect(refreshed.stdout).toContain(`unchanged  ${url}`);
    expect(site.requests.at(-1)?.headers['if-none-match']).toBe('"e1"');

    const removed = await recap(['sources', 'remove', url]);
    expect(removed.status).toBe(0);
    expect(removed.stdout).toContain('recap delete meetup-notes');
    expect((await recap(['sources'])).stdout).toContain('No URL sources yet');
  });

  it('refuses a private address without RECAP_ALLOW_PRIVATE_URLS, and a file:// URL, with exit status 1', async () => {
    const before = site.requests.length;
    const result = await recap(['ingest', `${site.origin}/meetup-notes.md`, 'file:///etc/passwd'], { env: { RECAP_ALLOW_PRIVATE_URLS: '' } });
    expect(result.status).toBe(1);
    expect(result.stdout).toMatch(/failed\s+http:\/\/127\.0\.0\.1:\d+\/meetup-notes\.md: 127\.0\.0\.1 is a loopback address/);
    expect(result.stdout).toMatch(/failed\s+file:\/\/\/etc\/passwd: file:\/\/ URLs are not fetched/);
    expect(site.requests.length).toBe(before);
  });
});
