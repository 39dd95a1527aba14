import { lookup as dnsLookup } from 'node:dns/promises';
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import type { Readable } from 'node:stream';
import zlib from 'node:zlib';
import { RecapError } from '../errors.js';
import { parseUrl } from './fetch-within-hosts.js';
import { formatBytes } from './run-ingest.js';

/** What recap says it is to the sites it fetches notes from (no cookies, tokens or credentials go with it). */
export const SOURCE_USER_AGENT = 'recap/0.1.0 (+https://github.com/recap; note fetcher)';

/** How one URL may be fetched. */
export interface SafeFetchPolicy {
  /** Private addresses (and host names) that may be fetched after all: RECAP_ALLOW_PRIVATE_URLS. */
  allowance: PrivateAllowance;
  /** For the whole fetch, every redirect and the body included. */
  timeoutMs: number;
  /** The longest silence of the server before the fetch fails. */
  idleTimeoutMs: number;
  /** Most bytes of body (MAX_NOTE_BYTES), after decompression. */
  maxBytes: number;
  maxRedirects: number;
}

export interface SafeFetchRequest {
  url: string;
  /** Media types (lowercase, no parameters) that are read; any other is refused before its body is read. */
  acceptTypes: readonly string[];
  /** Conditional request: the ETag and Last-Modified a former fetch answered with. */
  etag?: string | null;
  lastModified?: string | null;
  /** The Accept header. */
  accept?: string;
}

export type SafeFetchResult =
  | { status: 'not-modified'; url: string }
  | {
      status: 'ok';
      /** Where the body came from, after redirects. */
      url: string;
      mediaType: string;
      charset: string | null;
      etag: string | null;
      lastModified: string | null;
      body: Buffer;
    };

/** A refusal before or during a fetch: the URL was not (or no longer) requested, with the reason. */
export function sourceRefused(reason: string): RecapError {
  return new RecapError('source_refused', reason);
}

/** A fetch that went out and failed (HTTP error, network error, timeout). */
export function sourceFailed(reason: string): RecapError {
  return new RecapError('source_failed', reason);
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);

/**
 * Fetches a public http(s) URL for a note, carefully: the host name is resolved here and every
 * address checked (private, loopback, link-local, unique-local, CGNAT, multicast, unspecified and
 * their IPv4-mapped forms are refused unless allowed); the connection goes to the checked
 * address only (no second lookup a DNS rebinding could answer); redirects are followed by hand,
 * each hop checked again; the whole fetch has a deadline and the server may not fall silent; the
 * body is cut off past `maxBytes`; only the given media types are read. Nothing but a fixed
 * User-Agent and the conditional headers is sent.
 */
export async function safeFetch(request: SafeFetchRequest, policy: SafeFetchPolicy): Promise<SafeFetchResult> {
  const deadline = new AbortController();
  const timer = setTimeout(() => deadline.abort(), policy.timeoutMs);
  // A DNS lookup cannot be aborted: the deadline is raced against it too.
  const timedOut = new Promise<never>((_resolve, reject) => deadline.signal.addEventListener('abort', () => reject(new Error('time limit')), { once: true }));
  const hops = async (): Promise<SafeFetchResult> => {
    let target = checkedUrl(request.url);
    for (let hop = 0; hop <= policy.maxRedirects; hop += 1) {
      const address = await checkedAddress(target, policy.allowance);
      if (deadline.signal.aborted) break;
      const answer = await requestOnce(target, address, request, policy, deadline.signal);
      if (answer.kind === 'redirect') {
        const next = parseUrl(answer.location, target);
        if (next === null) throw sourceRefused(`${target.href} redirected to "${answer.location.slice(0, 200)}", which is not a URL`);
        target = checkedUrl(next.href, target.href);
        continue;
      }
      return answer.result;
    }
    throw sourceFailed(`more than ${policy.maxRedirects} redirects from ${request.url}`);
  };
  try {
    return await Promise.race([hops(), timedOut]);
  } catch (error) {
    if (deadline.signal.aborted) throw sourceFailed(`fetching ${request.url} took longer than the limit of ${seconds(policy.timeoutMs)} (RECAP_SOURCE_TIMEOUT_MS)`);
    throw error;
  } finally {
    clearTimeout(timer);
  }
}

function seconds(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${(ms / 1000).toFixed(1)} s`;
}

/** The URL when it is an http(s) one without credentials in it; a refusal otherwise. */
export function checkedUrl(url: string, redirectedFrom?: string): URL {
  const parsed = parseUrl(url);
  const via = redirectedFrom === undefined ? '' : ` (a redirect from ${redirectedFrom})`;
  if (parsed === null) throw sourceRefused(`"${url.slice(0, 200)}" is not a URL${via}`);
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw sourceRefused(`${parsed.protocol}// URLs are not fetched, only http:// and https://${via}: ${url.slice(0, 200)}`);
  if (parsed.username !== '' || parsed.password !== '') throw sourceRefused(`URLs with a user name or password in them are not fetched${via}`);
  return parsed;
}

type HopAnswer = { kind: 'redirect'; location: string } | { kind: 'done'; result: SafeFetchResult };

function requestOnce(target: URL, address: ResolvedAddress, request: SafeFetchRequest, policy: SafeFetchPolicy, signal: AbortSignal): Promise<HopAnswer> {
  return new Promise<HopAnswer>((resolve, reject) => {
    const headers: Record<string, string> = {
      'user-agent': SOURCE_USER_AGENT,
      accept: request.accept ?? 'text/markdown, text/plain, text/html;q=0.9, */*;q=0.1',
      'accept-encoding': 'gzip, deflate, br',
    };
    if (request.etag) headers['if-none-match'] = request.etag;
    if (request.lastModified) headers['if-modified-since'] = request.lastModified;
    const client = target.protocol === 'https:' ? https : http;
    const req = client.request(target, {
      method: 'GET',
      headers,
      agent: false,
      signal,
      // The connection goes to the address checked above, whatever DNS says now.
      lookup: pinnedLookup(address),
    });
    req.setTimeout(policy.idleTimeoutMs, () => req.destroy(sourceFailed(`${target.host} sent nothing for ${seconds(policy.idleTimeoutMs)}`)));
    req.on('error', (error) => reject(isRecap(error) ? error : sourceFailed(`could not fetch ${target.href}: ${error.message}`)));
    req.on('response', (response) => {
      const status = response.statusCode ?? 0;
      const location = response.headers.location;
      if (REDIRECTS.has(status) && typeof location === 'string') {
        response.resume();
        req.destroy();
        resolve({ kind: 'redirect', location });
        return;
      }
      if (status === 304) {
        response.resume();
        req.destroy();
        resolve({ kind: 'done', result: { status: 'not-modified', url: target.href } });
        return;
      }
      if (status < 200 || status >= 300) {
        response.resume();
        req.destroy();
        reject(sourceFailed(`${target.href} answered HTTP ${status}${response.statusMessage ? ` ${response.statusMessage}` : ''}`));
        return;
      }
      const { mediaType, charset } = parseContentType(response.headers['content-type']);
      if (!request.acceptTypes.includes(mediaType)) {
        response.resume();
        req.destroy();
        reject(sourceRefused(`${target.href} is ${mediaType === '' ? 'of no stated type' : mediaType}, not a note (fetched: ${request.acceptTypes.join(', ')})`));
        return;
      }
      const declared = Number(response.headers['content-length']);
      if (Number.isFinite(declared) && declared > policy.maxBytes && response.headers['content-encoding'] === undefined) {
        req.destroy();
        reject(tooLarge(target, policy.maxBytes, declared));
        return;
      }
      readLimited(decoded(response), policy.maxBytes, target)
        .then((body) => {
          resolve({
            kind: 'done',
            result: {
              status: 'ok',
              url: target.href,
              mediaType,
              charset,
              etag: headerValue(response.headers.etag),
              lastModified: headerValue(response.headers['last-modified']),
              body,
            },
          });
        })
        .catch((error: unknown) => {
          req.destroy();
          reject(isRecap(error) ? error : sourceFailed(`reading ${target.href} failed: ${error instanceof Error ? error.message : String(error)}`));
        });
    });
    req.end();
  });
}

function isRecap(error: unknown): error is RecapError {
  return error instanceof RecapError;
}

function headerValue(value: string | string[] | undefined): string | null {
  if (value === undefined) return null;
  return Array.isArray(value) ? (value[0] ?? null) : value;
}

function tooLarge(target: URL, maxBytes: number, size?: number): RecapError {
  const what = size === undefined ? 'is over' : `is ${formatBytes(size)}, over`;
  return new RecapError('input_too_large', `${target.href} ${what} the limit of ${formatBytes(maxBytes)} (MAX_NOTE_BYTES)`);
}

/** The body as the server sent it, decompressed (the limit counts decompressed bytes, so a small bomb stops too). */
function decoded(response: http.IncomingMessage): Readable {
  switch (response.headers['content-encoding']?.toLowerCase()) {
    case 'gzip':
    case 'x-gzip':
      return response.pipe(zlib.createGunzip());
    case 'deflate':
      return response.pipe(zlib.createInflate());
    case 'br':
      return response.pipe(zlib.createBrotliDecompress());
    default:
      return response;
  }
}

async function readLimited(stream: Readable, maxBytes: number, target: URL): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    const bytes = chunk as Buffer;
    size += bytes.length;
    if (size > maxBytes) {
      stream.destroy();
      throw tooLarge(target, maxBytes);
    }
    chunks.push(bytes);
  }
  return Buffer.concat(chunks);
}

/** "text/html; charset=Shift_JIS" -> media type and charset, lowercase. */
export function parseContentType(header: string | undefined): { mediaType: string; charset: string | null } {
  if (header === undefined) return { mediaType: '', charset: null };
  const [type = '', ...parameters] = header.split(';');
  const charset = parameters.map((part) => /^\s*charset\s*=\s*"?([^";\s]+)"?/i.exec(part)?.[1]).find((value) => value !== undefined);
  return { mediaType: type.trim().toLowerCase(), charset: charset?.toLowerCase() ?? null };
}

// ---------------------------------------------------------------------------------------------
// Addresses

interface ResolvedAddress {
  address: string;
  family: 4 | 6;
}

function pinnedLookup(address: ResolvedAddress): net.LookupFunction {
  return ((_hostname: string, options: { all?: boolean }, callback: (...args: unknown[]) => void) => {
    if (options.all === true) callback(null, [{ address: address.address, family: address.family }]);
    else callback(null, address.address, address.family);
  }) as unknown as net.LookupFunction;
}

/** Resolves the URL's host (every address) and refuses it when any address is not public and not allowed. */
async function checkedAddress(target: URL, allowance: PrivateAllowance): Promise<ResolvedAddress> {
  const host = bareHost(target.hostname);
  let addresses: Array<{ address: string; family: number }>;
  if (net.isIP(host) !== 0) addresses = [{ address: host, family: net.isIP(host) }];
  else {
    try {
      addresses = await dnsLookup(host, { all: true, verbatim: true });
    } catch (error) {
      throw sourceFailed(`${host} could not be resolved (${error instanceof Error ? ((error as NodeJS.ErrnoException).code ?? error.message) : String(error)})`);
    }
  }
  if (addresses.length === 0) throw sourceFailed(`${host} has no address`);
  const port = effectivePort(target);
  for (const entry of addresses) {
    const kind = addressKind(entry.address);
    if (kind !== null && !allowance.allows(host, entry.address, port)) {
      const shown = host === entry.address ? host : `${host} (${entry.address})`;
      throw sourceRefused(`${shown} is a ${kind} address; recap fetches public addresses only (RECAP_ALLOW_PRIVATE_URLS lets some through)`);
    }
  }
  const first = addresses[0] as { address: string; family: number };
  return { address: first.address, family: first.family === 6 ? 6 : 4 };
}

function effectivePort(url: URL): number {
  if (url.port !== '') return Number(url.port);
  return url.protocol === 'https:' ? 443 : 80;
}

function bareHost(hostname: string): string {
  return hostname.replace(/^\[|\]$/g, '').toLowerCase();
}

const V4_RANGES: Array<[string, number, string]> = [
  ['0.0.0.0', 8, 'unspecified ("this network")'],
  ['10.0.0.0', 8, 'private'],
  ['100.64.0.0', 10, 'carrier-grade NAT'],
  ['127.0.0.0', 8, 'loopback'],
  ['169.254.0.0', 16, 'link-local'],
  ['172.16.0.0', 12, 'private'],
  ['192.0.0.0', 24, 'reserved (IETF protocol)'],
  ['192.0.2.0', 24, 'documentation'],
  ['192.168.0.0', 16, 'private'],
  ['198.18.0.0', 15, 'benchmarking'],
  ['198.51.100.0', 24, 'documentation'],
  ['203.0.113.0', 24, 'documentation'],
  ['224.0.0.0', 4, 'multicast'],
  ['240.0.0.0', 4, 'reserved'],
];
const V6_RANGES: Array<[string, number, string]> = [
  ['::', 128, 'unspecified'],
  ['::1', 128, 'loopback'],
  ['fc00::', 7, 'unique-local'],
  ['fe80::', 10, 'link-local'],
  ['fec0::', 10, 'site-local'],
  ['ff00::', 8, 'multicast'],
  ['2001:db8::', 32, 'documentation'],
  ['64:ff9b:1::', 48, 'local NAT64'],
  ['100::', 64, 'discard-only'],
];

const blocked: Array<{ list: net.BlockList; kind: string; family: 'ipv4' | 'ipv6' }> = [
  ...V4_RANGES.map(([network, prefix, kind]) => ({ list: subnet(network, prefix, 'ipv4'), kind, family: 'ipv4' as const })),
  ...V6_RANGES.map(([network, prefix, kind]) => ({ list: subnet(network, prefix, 'ipv6'), kind, family: 'ipv6' as const })),
];

function subnet(network: string, prefix: number, family: 'ipv4' | 'ipv6'): net.BlockList {
  const list = new net.BlockList();
  list.addSubnet(network, prefix, family);
  return list;
}

/**
 * What kind of non-public address this is ("private", "loopback", …), or null for a public one.
 * An IPv4-mapped (::ffff:a.b.c.d) or -compatible IPv6 address is judged by its IPv4 address.
 */
export function addressKind(address: string): string | null {
  const v4 = net.isIPv4(address) ? address : embeddedIPv4(address);
  if (v4 !== null) return blocked.find((range) => range.family === 'ipv4' && range.list.check(v4, 'ipv4'))?.kind ?? null;
  if (!net.isIPv6(address)) return 'unknown';
  return blocked.find((range) => range.family === 'ipv6' && range.list.check(address, 'ipv6'))?.kind ?? null;
}

/** The IPv4 address inside an IPv4-mapped (::ffff:0:0/96) or IPv4-compatible (::/96) IPv6 address. */
function embeddedIPv4(address: string): string | null {
  const groups = expandIPv6(address);
  if (groups === null) return null;
  const high = groups.slice(0, 5).every((group) => group === 0);
  if (!high) return null;
  const mapped = groups[5] === 0xffff;
  const compatible = groups[5] === 0 && (groups[6] !== 0 || (groups[7] ?? 0) > 1);
  if (!mapped && !compatible) return null;
  const [a = 0, b = 0] = [groups[6], groups[7]];
  return `${a >> 8}.${a & 0xff}.${b >> 8}.${b & 0xff}`;
}

/** The eight 16-bit groups of an IPv6 address (a trailing dotted IPv4 part included), or null. */
function expandIPv6(address: string): number[] | null {
  if (!net.isIPv6(address)) return null;
  let text = address.toLowerCase().replace(/%.*$/, '');
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (dotted?.[1] !== undefined) {
    const parts = dotted[1].split('.').map(Number);
    const [a = 0, b = 0, c = 0, d = 0] = parts;
    text = `${text.slice(0, -dotted[1].length)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head = '', tail] = text.split('::');
  const headGroups = head === '' ? [] : head.split(':');
  const tailGroups = tail === undefined || tail === '' ? [] : tail.split(':');
  const missing = 8 - headGroups.length - tailGroups.length;
  const all = tail === undefined ? headGroups : [...headGroups, ...Array<string>(missing).fill('0'), ...tailGroups];
  if (all.length !== 8) return null;
  return all.map((group) => parseInt(group, 16));
}

// ---------------------------------------------------------------------------------------------
// RECAP_ALLOW_PRIVATE_URLS

/** Non-public hosts that may be fetched after all (a wiki on the office network, tests on 127.0.0.1). */
export interface PrivateAllowance {
  allows(host: string, address: string, port: number): boolean;
}

/**
 * Reads RECAP_ALLOW_PRIVATE_URLS: comma-separated host names, IP addresses and CIDR ranges, each
 * optionally with a port ("wiki.lan", "10.0.0.0/8", "127.0.0.1:8080", "[::1]:8080"). A host name
 * allows every address it resolves to. Throws on an entry that is none of these.
 */
export function parseAllowance(value: string | undefined): PrivateAllowance {
  const entries = (value ?? '')
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '')
    .map(parseAllowanceEntry);
  return {
    allows: (host, address, port) =>
      entries.some((entry) => {
        if (entry.port !== null && entry.port !== port) return false;
        if (entry.host !== null) return entry.host === host;
        const v4 = net.isIPv4(address) ? address : embeddedIPv4(address);
        if (v4 !== null) return entry.list?.check(v4, 'ipv4') === true;
        return entry.list?.check(address, 'ipv6') === true;
      }),
  };
}

interface AllowanceEntry {
  host: string | null;
  list: net.BlockList | null;
  port: number | null;
}

function parseAllowanceEntry(entry: string): AllowanceEntry {
  let rest = entry.toLowerCase();
  let port: number | null = null;
  const bracketed = /^\[([^\]]+)\](?::(\d+))?$/.exec(rest);
  if (bracketed) {
    rest = bracketed[1] ?? '';
    port = bracketed[2] === undefined ? null : Number(bracketed[2]);
  } else if (!rest.includes('/') && !net.isIPv6(rest)) {
    const withPort = /^(.*):(\d+)$/.exec(rest);
    if (withPort) {
      rest = withPort[1] ?? '';
      port = Number(withPort[2]);
    }
  }
  if (port !== null && (!Number.isInteger(port) || port < 1 || port > 65_535)) throw new RecapError('config_invalid', `RECAP_ALLOW_PRIVATE_URLS: "${entry}" has a bad port`);
  const cidr = /^(.+)\/(\d{1,3})$/.exec(rest);
  const network = cidr ? (cidr[1] ?? '') : rest;
  const family = net.isIPv4(network) ? 'ipv4' : net.isIPv6(network) ? 'ipv6' : null;
  if (family !== null) {
    const prefix = cidr ? Number(cidr[2]) : family === 'ipv4' ? 32 : 128;
    if (prefix > (family === 'ipv4' ? 32 : 128)) throw new RecapError('config_invalid', `RECAP_ALLOW_PRIVATE_URLS: "${entry}" has a bad prefix length`);
    return { host: null, list: subnet(network, prefix, family), port };
  }
  if (cidr || !/^[a-z0-9.-]+$/.test(rest)) throw new RecapError('config_invalid', `RECAP_ALLOW_PRIVATE_URLS: "${entry}" is not a host name, an IP address or a CIDR range`);
  return { host: rest, list: null, port };
}
