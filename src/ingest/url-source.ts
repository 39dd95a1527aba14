import type { SourceSite } from '../config.js';
import { RecapError, isRecapError } from '../errors.js';
import { htmlToMarkdown } from './page-markdown.js';
import { checkedUrl, safeFetch, sourceFailed, type SafeFetchPolicy, type SafeFetchResult } from './safe-fetch.js';
import { scrapboxToMarkdown } from './scrapbox-markdown.js';

/** How a URL is fetched (see "Sources" in the README). */
export type SourceKind = 'hackmd' | 'scrapbox' | 'github-file' | 'github-folder' | 'gist' | 'page';

/** A URL as recap understood it: what it is, and what is requested for it. */
export interface SourcePlan {
  /** The URL as given, without its #fragment (and, for HackMD, its ?view/?edit query): the source's identity. */
  url: string;
  kind: SourceKind;
  /** What is requested first (the one request a re-sync makes conditional). */
  fetchUrl: string;
  /** GitHub: owner, repository, ref and path of a file or folder; Gist: its id; Scrapbox: the project's URL. */
  github?: { owner: string; repo: string; ref: string; path: string };
  gistId?: string;
  scrapboxProject?: string;
}

/** One note a source yields: a document, or why that one could not be had. */
export type SourceDocument =
  | { source: string; sourceKey: string; bytes: Uint8Array }
  | { source: string; sourceKey: string; failed: string };

export type SourceFetch =
  | { status: 'unchanged' }
  | { status: 'fetched'; etag: string | null; lastModified: string | null; documents: SourceDocument[] };

/** What "the same note" is for a URL across ingests. */
export function urlSourceKey(url: string): string {
  return `url:${url}`;
}

/** The URL as people read it (percent-escapes of Japanese page names decoded): a note's `source`. */
export function readableUrl(url: string): string {
  try {
    return decodeURI(url);
  } catch {
    return url;
  }
}

/** True for an argument that names a URL rather than a file ("https://…", "ftp://…", "file:///…"). */
export function looksLikeUrl(argument: string): boolean {
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(argument);
}

const NOTE_TYPES = ['text/markdown', 'text/x-markdown', 'text/plain'];
const PAGE_TYPES = ['text/html', 'application/xhtml+xml', ...NOTE_TYPES];
const JSON_TYPES = ['application/json'];
/** A folder with more Markdown files than this is cut at it (each file is a request). */
const MAX_FOLDER_FILES = 50;

/** What a URL is and what to request for it; a refusal for a URL that is not http(s). */
export function planSource(input: string, hosts: Record<SourceSite, string>): SourcePlan {
  const url = checkedUrl(input.trim());
  url.hash = '';
  const origin = url.origin;
  const segments = url.pathname.split('/').filter((segment) => segment !== '');
  if (matches(origin, hosts.hackmd, 'https://hackmd.io') && segments.length > 0) {
    url.search = '';
    // /<id>, /s/<id>, /@team/<slug>; an /edit, /both or /download tail means the same note.
    const kept = ['edit', 'both', 'view', 'download', 'publish'].includes(segments[segments.length - 1] ?? '') && segments.length > 1 ? segments.slice(0, -1) : segments;
    const path = `/${kept.join('/')}`;
    return { url: `${origin}${path}`, kind: 'hackmd', fetchUrl: `${hosts.hackmd}${path}/download` };
  }
  if (matches(origin, hosts.scrapbox, 'https://scrapbox.io') && segments.length >= 2 && segments[0] !== 'api') {
    const [project = '', page = ''] = segments;
    return {
      url: `${origin}/${project}/${page}`,
      kind: 'scrapbox',
      fetchUrl: `${hosts.scrapbox}/api/pages/${project}/${page}/text`,
      scrapboxProject: `${origin}/${project}`,
    };
  }
  if (matches(origin, hosts.github, 'https://github.com') && segments.length >= 4 && (segments[2] === 'blob' || segments[2] === 'tree')) {
    const [owner = '', repo = '', which, ref = '', ...rest] = segments;
    const path = rest.join('/');
    const github = { owner, repo, ref, path };
    const canonical = `${origin}/${owner}/${repo}/${which}/${ref}${path === '' ? '' : `/${path}`}`;
    if (which === 'blob') return { url: canonical, kind: 'github-file', fetchUrl: `${hosts['github-raw']}/${owner}/${repo}/${ref}/${path}`, github };
    return { url: canonical, kind: 'github-folder', fetchUrl: `${hosts['github-api']}/repos/${owner}/${repo}/contents/${path}?ref=${encodeURIComponent(decodeSegment(ref))}`, github };
  }
  if (matches(origin, hosts.gist, 'https://gist.github.com') && segments.length >= 1) {
    const gistId = segments[segments.length === 1 ? 0 : 1] ?? '';
    if (/^[0-9a-f]{5,}$/i.test(gistId)) return { url: `${origin}/${segments.slice(0, 2).join('/')}`, kind: 'gist', fetchUrl: `${hosts['github-api']}/gists/${gistId}`, gistId };
  }
  return { url: url.href, kind: 'page', fetchUrl: url.href };
}

function matches(origin: string, configured: string, real: string): boolean {
  return origin === configured || origin === real;
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/**
 * Fetches a source's notes. With the ETag / Last-Modified of a former fetch the first request is
 * conditional, and a 304 is "unchanged". Refusals and failures of the first request are thrown
 * (RecapError); a folder's or gist's single file that fails is a failed document.
 */
export async function fetchSource(plan: SourcePlan, policy: SafeFetchPolicy, hosts: Record<SourceSite, string>, former: { etag: string | null; lastModified: string | null } | null = null): Promise<SourceFetch> {
  switch (plan.kind) {
    case 'hackmd':
    case 'scrapbox':
    case 'github-file':
    case 'page': {
      const answer = await safeFetch({ url: plan.fetchUrl, acceptTypes: plan.kind === 'page' ? PAGE_TYPES : [...NOTE_TYPES, 'text/html'], ...former }, policy);
      if (answer.status === 'not-modified') return { status: 'unchanged' };
      const text = noteText(plan, answer);
      return { status: 'fetched', etag: answer.etag, lastModified: answer.lastModified, documents: [{ source: readableUrl(plan.url), sourceKey: urlSourceKey(plan.url), bytes: Buffer.from(text, 'utf8') }] };
    }
    case 'github-folder':
      return fetchGithubFolder(plan, policy, hosts, former);
    case 'gist':
      return fetchGist(plan, policy, former);
  }
}

/** The Markdown of a fetched note, by what the site and the content type say it is. */
function noteText(plan: SourcePlan, answer: Extract<SafeFetchResult, { status: 'ok' }>): string {
  const isHtml = answer.mediaType === 'text/html' || answer.mediaType === 'application/xhtml+xml';
  if (isHtml && plan.kind === 'hackmd') throw sourceFailed(`HackMD answered ${plan.url} with a web page, not the note's Markdown: is the note readable without signing in?`);
  if (isHtml && plan.kind !== 'page') throw sourceFailed(`${plan.fetchUrl} answered with a web page, not the note's text`);
  const text = decodeText(answer.body, answer.charset, isHtml);
  if (isHtml) return htmlToMarkdown(text, answer.url);
  if (plan.kind === 'scrapbox') return scrapboxToMarkdown(text, plan.scrapboxProject ?? plan.url);
  return text;
}

/** Bytes as text in the charset the response (or an HTML page's <meta>) names; UTF-8 otherwise. */
function decodeText(body: Buffer, charset: string | null, isHtml: boolean): string {
  let label = charset;
  if (label === null && isHtml) label = /<meta[^>]+charset\s*=\s*["']?([\w-]+)/i.exec(body.subarray(0, 4096).toString('latin1'))?.[1]?.toLowerCase() ?? null;
  try {
    return new TextDecoder(label ?? 'utf-8').decode(body);
  } catch {
    return new TextDecoder('utf-8').decode(body);
  }
}

interface GithubContent {
  name?: unknown;
  path?: unknown;
  type?: unknown;
}

async function fetchGithubFolder(plan: SourcePlan, policy: SafeFetchPolicy, hosts: Record<SourceSite, string>, former: { etag: string | null; lastModified: string | null } | null): Promise<SourceFetch> {
  const github = plan.github as NonNullable<SourcePlan['github']>;
  const answer = await safeFetch({ url: plan.fetchUrl, acceptTypes: JSON_TYPES, accept: 'application/vnd.github+json', ...former }, policy);
  if (answer.status === 'not-modified') return { status: 'unchanged' };
  const listing = parseJson(answer.body, plan.fetchUrl);
  if (!Array.isArray(listing)) throw sourceFailed(`${plan.url} is not a folder (GitHub listed no files)`);
  const files = (listing as GithubContent[])
    .filter((entry) => entry.type === 'file' && typeof entry.path === 'string' && /\.(md|markdown)$/i.test(entry.path))
    .map((entry) => entry.path as string)
    .slice(0, MAX_FOLDER_FILES);
  if (files.length === 0) throw sourceFailed(`${plan.url} has no Markdown (.md) files`);
  const documents: SourceDocument[] = [];
  for (const file of files) {
    const encodedPath = file.split('/').map(encodeURIComponent).join('/');
    const page = `${new URL(plan.url).origin}/${github.owner}/${github.repo}/blob/${github.ref}/${encodedPath}`;
    const raw = `${hosts['github-raw']}/${github.owner}/${github.repo}/${github.ref}/${encodedPath}`;
    documents.push(await documentFrom(page, () => fetchText(raw, policy)));
  }
  return { status: 'fetched', etag: answer.etag, lastModified: answer.lastModified, documents };
}

interface GistFile {
  filename?: unknown;
  type?: unknown;
  raw_url?: unknown;
  content?: unknown;
  truncated?: unknown;
}

async function fetchGist(plan: SourcePlan, policy: SafeFetchPolicy, former: { etag: string | null; lastModified: string | null } | null): Promise<SourceFetch> {
  const answer = await safeFetch({ url: plan.fetchUrl, acceptTypes: JSON_TYPES, accept: 'application/vnd.github+json', ...former }, policy);
  if (answer.status === 'not-modified') return { status: 'unchanged' };
  const gist = parseJson(answer.body, plan.fetchUrl) as { files?: Record<string, GistFile> } | null;
  const files = Object.values(gist?.files ?? {}).filter(
    (file) => typeof file.filename === 'string' && (/\.(md|markdown|txt)$/i.test(file.filename) || file.type === 'text/markdown' || file.type === 'text/plain'),
  );
  if (files.length === 0) throw sourceFailed(`${plan.url} has no Markdown or text files`);
  const documents: SourceDocument[] = [];
  for (const file of files.slice(0, MAX_FOLDER_FILES)) {
    const name = file.filename as string;
    const page = `${plan.url}#file-${name.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`;
    documents.push(
      await documentFrom(page, async () => {
        if (typeof file.content === 'string' && file.truncated !== true) {
          if (Buffer.byteLength(file.content) > policy.maxBytes) throw new RecapError('input_too_large', `${name} is over the limit (MAX_NOTE_BYTES)`);
          return file.content;
        }
        if (typeof file.raw_url !== 'string') throw sourceFailed(`${name} has no content`);
        return fetchText(file.raw_url, policy);
      }),
    );
  }
  return { status: 'fetched', etag: answer.etag, lastModified: answer.lastModified, documents };
}

async function documentFrom(page: string, text: () => Promise<string>): Promise<SourceDocument> {
  const source = readableUrl(page);
  const sourceKey = urlSourceKey(page);
  try {
    return { source, sourceKey, bytes: Buffer.from(await text(), 'utf8') };
  } catch (error) {
    if (isRecapError(error)) return { source, sourceKey, failed: error.message };
    throw error;
  }
}

async function fetchText(url: string, policy: SafeFetchPolicy): Promise<string> {
  const answer = await safeFetch({ url, acceptTypes: NOTE_TYPES }, policy);
  if (answer.status !== 'ok') throw sourceFailed(`${url} answered 304 to an unconditional request`);
  return decodeText(answer.body, answer.charset, false);
}

function parseJson(body: Buffer, url: string): unknown {
  try {
    return JSON.parse(body.toString('utf8'));
  } catch {
    throw sourceFailed(`${url} answered with something that is not JSON`);
  }
}
