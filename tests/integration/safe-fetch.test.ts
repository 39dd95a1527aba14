import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isRecapError } from '../../src/errors.js';
import { addressKind, parseAllowance, safeFetch, type SafeFetchPolicy } from '../../src/ingest/safe-fetch.js';
import { redirect, serve, startSiteServer, type SiteServer } from '../helpers/site-server.js';

const NOTE_TYPES = ['text/markdown', 'text/plain', 'text/html'];

function policy(overrides: Partial<SafeFetchPolicy> = {}): SafeFetchPolicy {
  return { allowance: parseAllowance('127.0.0.1'), timeoutMs: 10_000, idleTimeoutMs: 5_000, maxBytes: 1024 * 1024, maxRedirects: 5, ...overrides };
}

async function failure(promise: Promise<unknown>): Promise<{ code: string; message: string }> {
  try {
    await promise;
  } catch (error) {
    if (isRecapError(error)) return { code: error.code, message: error.message };
    return { code: 'other', message: String(error) };
  }
  throw new Error('expected the fetch to fail');
}

describe('safeFetch', () => {
  let site: SiteServer;
  let other: SiteServer;
  let streamedBytes = 0;

  beforeAll(async () => {
    other = await startSiteServer({ '/secret': serve('text/plain', 'internal') });
    site = await startSiteServer({
      '/note.md': serve('text/markdown; charset=utf-8', '# Note\n\n- item\n', { etag: '"v1"' }),
      '/to-private': redirect('http://10.0.0.1/admin'),
      '/to-other-port': redirect(`http://127.0.0.1:${0}/secret`),
      '/loop': redirect('/loop'),
      '/image.png': serve('image/png', Buffer.from([0x89, 0x50, 0x4e, 0x47])),
      '/blob': serve('application/octet-stream', Buffer.alloc(16)),
      '/declared-huge': (_request, response) => {
        response.writeHead(200, { 'content-type': 'text/plain', 'content-length': String(50 * 1024 * 1024) });
        response.write('x');
      },
      '/huge': (_request, response) => {
        // 50 MB streamed in 64 KiB chunks, as fast as the client reads; stops when it hangs up.
        response.writeHead(200, { 'content-type': 'text/plain' });
        const chunk = Buffer.alloc(64 * 1024, 'a');
        const pump = (): void => {
          while (streamedBytes < 50 * 1024 * 1024 && !response.destroyed) {
            streamedBytes += chunk.length;
            if (!response.write(chunk)) {
              response.once('drain', pump);
              return;
            }
          }
          response.end();
        };
        pump();
      },
      '/slow': (request, response) => {
        response.writeHead(200, { 'content-type': 'text/plain' });
        const timer = setInterval(() => response.write('a'), 1_000);
        request.socket.on('close', () => clearInterval(timer));
      },
      '/conditional': (request, response) => {
        if (request.headers['if-none-match'] === '"v1"') response.writeHead(304).end();
        else response.writeHead(200, { 'content-type': 'text/plain', etag: '"v1"' }).end('body');
      },
    });
    site.routes.set('/to-other-port', redirect(`http://127.0.0.1:${other.port}/secret`));
  });
  afterAll(async () => {
    await site.close();
    await other.close();
  });

  it('fetches an allowed URL with a fixed User-Agent and nothing that identifies anyone', async () => {
    const answer = await safeFetch({ url: `${site.origin}/note.md`, acceptTypes: NOTE_TYPES }, policy());
    expect(answer).toMatchObject({ status: 'ok', mediaType: 'text/markdown', charset: 'utf-8', etag: '"v1"' });
    expect(answer.status === 'ok' ? answer.body.toString('utf8') : '').toBe('# Note\n\n- item\n');
    const seen = site.requests.find((request) => request.path === '/note.md');
    expect(seen?.headers['user-agent']).toMatch(/^recap\//);
    expect(seen?.headers.cookie).toBeUndefined();
    expect(seen?.headers.authorization).toBeUndefined();
  });

  it('refuses 127.0.0.1 and localhost without the allowance, before any request', async () => {
    const before = site.requests.length;
    const direct = await failure(safeFetch({ url: `${site.origin}/note.md`, acceptTypes: NOTE_TYPES }, policy({ allowance: parseAllowance('') })));
    expect(direct).toMatchObject({ code: 'source_refused' });
    expect(direct.message).toContain('loopback');
    const named = await failure(safeFetch({ url: `http://localhost:${site.port}/note.md`, acceptTypes: NOTE_TYPES }, policy({ allowance: parseAllowance('') })));
    expect(named.code).toBe('source_refused');
    expect(site.requests.length).toBe(before);
  });

  it('refuses a redirect to a private address, and to 127.0.0.1 on a port that is not allowed', async () => {
    const toPrivate = await failure(safeFetch({ url: `${site.origin}/to-private`, acceptTypes: NOTE_TYPES }, policy()));
    expect(toPrivate).toMatchObject({ code: 'source_refused' });
    expect(toPrivate.message).toContain('10.0.0.1 is a private address');
    const onlySite = policy({ allowance: parseAllowance(`127.0.0.1:${site.port}`) });
    const toOther = await failure(safeFetch({ url: `${site.origin}/to-other-port`, acceptTypes: NOTE_TYPES }, onlySite));
    expect(toOther.code).toBe('source_refused');
    expect(other.requests).toEqual([]);
  });

  it('gives up after five redirects', async () => {
    expect(await failure(safeFetch({ url: `${site.origin}/loop`, acceptTypes: NOTE_TYPES }, policy()))).toMatchObject({ code: 'source_failed', message: expect.stringContaining('more than 5 redirects') });
  });

  it('stops reading a 50 MB body at the limit', async () => {
    const result = await failure(safeFetch({ url: `${site.origin}/huge`, acceptTypes: NOTE_TYPES }, policy()));
    expect(result.code).toBe('input_too_large');
    expect(result.message).toContain('MAX_NOTE_BYTES');
    // The server had sent a small part of it when the client hung up (socket buffers aside).
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(streamedBytes).toBeLessThan(20 * 1024 * 1024);
    const declared = await failure(safeFetch({ url: `${site.origin}/declared-huge`, acceptTypes: NOTE_TYPES }, policy()));
    expect(declared).toMatchObject({ code: 'input_too_large', message: expect.stringContaining('50.0 MiB') });
  });

  it('fails a server that dribbles a byte a second at the time limit', async () => {
    const result = await failure(safeFetch({ url: `${site.origin}/slow`, acceptTypes: NOTE_TYPES }, policy({ timeoutMs: 1_500, idleTimeoutMs: 1_500 })));
    expect(result).toMatchObject({ code: 'source_failed', message: expect.stringContaining('took longer than the limit of 1.5 s') });
  });

  it('refuses binary content types', async () => {
    for (const path of ['/image.png', '/blob']) {
      const result = await failure(safeFetch({ url: `${site.origin}${path}`, acceptTypes: NOTE_TYPES }, policy()));
      expect(result.code).toBe('source_refused');
      expect(result.message).toMatch(/(image\/png|application\/octet-stream), not a note/);
    }
  });

  it('refuses schemes other than http and https', async () => {
    for (const url of ['file:///etc/passwd', 'ftp://example.com/notes.md', 'javascript:alert(1)']) {
      expect((await failure(safeFetch({ url, acceptTypes: NOTE_TYPES }, policy()))).code).toBe('source_refused');
    }
  });

  it('sends the stored ETag and reads a 304 as not modified', async () => {
    const answer = await safeFetch({ url: `${site.origin}/conditional`, acceptTypes: NOTE_TYPES, etag: '"v1"' }, policy());
    expect(answer.status).toBe('not-modified');
  });

  it('knows the non-public address ranges, IPv4-mapped IPv6 included', () => {
    expect(addressKind('127.0.0.1')).toBe('loopback');
    expect(addressKind('::1')).toBe('loopback');
    expect(addressKind('::ffff:127.0.0.1')).toBe('loopback');
    expect(addressKind('::ffff:7f00:1')).toBe('loopback');
    expect(addressKind('::ffff:10.1.2.3')).toBe('private');
    expect(addressKind('192.168.1.1')).toBe('private');
    expect(addressKind('172.20.0.1')).toBe('private');
    expect(addressKind('100.64.0.1')).toBe('carrier-grade NAT');
    expect(addressKind('169.254.169.254')).toBe('link-local');
    expect(addressKind('fe80::1')).toBe('link-local');
    expect(addressKind('fd12:3456::1')).toBe('unique-local');
    expect(addressKind('224.0.0.251')).toBe('multicast');
    expect(addressKind('ff02::1')).toBe('multicast');
    expect(addressKind('0.0.0.0')).toBe('unspecified ("this network")');
    expect(addressKind('::')).toBe('unspecified');
    expect(addressKind('8.8.8.8')).toBeNull();
    expect(addressKind('2606:4700:4700::1111')).toBeNull();
    expect(addressKind('::ffff:8.8.8.8')).toBeNull();
  });

  it('reads RECAP_ALLOW_PRIVATE_URLS entries: hosts, addresses, ranges and ports', () => {
    const allowance = parseAllowance('wiki.lan, 10.0.0.0/8, 127.0.0.1:8080, [::1]:9000');
    expect(allowance.allows('wiki.lan', '192.168.1.5', 443)).toBe(true);
    expect(allowance.allows('x', '10.2.3.4', 80)).toBe(true);
    expect(allowance.allows('x', '127.0.0.1', 8080)).toBe(true);
    expect(allowance.allows('x', '127.0.0.1', 8081)).toBe(false);
    expect(allowance.allows('x', '::1', 9000)).toBe(true);
    expect(allowance.allows('x', '192.168.1.5', 443)).toBe(false);
    expect(() => parseAllowance('not a host!')).toThrow(/RECAP_ALLOW_PRIVATE_URLS/);
  });
});
