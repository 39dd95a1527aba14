import { RecapError } from '../../errors.js';
import { formatBytes } from '../../ingest/run-ingest.js';

/** A note is a few KB; a download slower than this is stuck, and someone waits for the reply. */
const DOWNLOAD_TIMEOUT_MS = 30_000;
/** Slack's file links answer directly or after one hop; more is a loop. */
const MAX_REDIRECTS = 3;

export interface DownloadOptions {
  botToken: string;
  /** SLACK_API_URL: its host is trusted with the token too (an enterprise proxy, a test server). */
  apiUrl: string;
  maxBytes: number;
}

/**
 * Downloads a file shared in Slack (url_private) with the bot token. The token is sent only to
 * Slack's own hosts or SLACK_API_URL's host, and the size limit holds even if the declared size
 * was wrong. Slack answers an HTML sign-in page instead of the file when the app lacks files:read.
 */
export async function downloadSlackFile(url: string, name: string, options: DownloadOptions): Promise<Buffer> {
  const target = parseUrl(url);
  if (target === null || !isTrustedFileHost(target, options.apiUrl)) {
    throw new RecapError('input_unsupported', `${name} is not stored by Slack (its link points elsewhere), so recap does not download it.`);
  }
  const response = await fetchFollowingTrusted(target, name, options);
  if (!response.ok) {
    await response.body?.cancel();
    throw new RecapError('input_unsupported', `Slack refused the download of ${name} (HTTP ${response.status}); check that the app has the files:read scope.`);
  }
  if ((response.headers.get('content-type') ?? '').includes('text/html')) {
    await response.body?.cancel();
    throw new RecapError('input_unsupported', `Slack sent a web page instead of ${name}: the app needs the files:read scope (reinstall it from slack/manifest.yaml).`);
  }
  return readLimited(response, name, options.maxBytes);
}

/** Follows redirects by hand, and only to trusted hosts: the bot token must never leave Slack. */
async function fetchFollowingTrusted(start: URL, name: string, options: DownloadOptions): Promise<Response> {
  const signal = AbortSignal.timeout(DOWNLOAD_TIMEOUT_MS);
  let target = start;
  for (let hop = 0; hop <= MAX_REDIRECTS; hop += 1) {
    const response = await fetch(target, { headers: { Authorization: `Bearer ${options.botToken}` }, redirect: 'manual', signal }).catch((error: unknown) => {
      throw new RecapError('input_unsupported', `Could not download ${name} from Slack: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
    });
    const location = response.status >= 300 && response.status < 400 ? response.headers.get('location') : null;
    if (location === null) return response;
    await response.body?.cancel();
    const next = parseUrl(new URL(location, target).toString());
    if (next === null || !isTrustedFileHost(next, options.apiUrl)) {
      throw new RecapError('input_unsupported', `Slack redirected the download of ${name} away from Slack (a sign-in page?); check that the app has the files:read scope.`);
    }
    target = next;
  }
  throw new RecapError('input_unsupported', `Too many redirects while downloading ${name}.`);
}

async function readLimited(response: Response, name: string, maxBytes: number): Promise<Buffer> {
  const chunks: Uint8Array[] = [];
  let size = 0;
  if (response.body === null) return Buffer.alloc(0);
  for await (const chunk of response.body) {
    size += chunk.byteLength;
    if (size > maxBytes) {
      throw new RecapError('input_too_large', `${name} is larger than the limit of ${formatBytes(maxBytes)} (MAX_NOTE_BYTES).`);
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

/** Slack's file hosts over https, or exactly the host (and port) of SLACK_API_URL. */
export function isTrustedFileHost(target: URL, apiUrl: string): boolean {
  const api = parseUrl(apiUrl);
  if (api !== null && target.protocol === api.protocol && target.host === api.host) return true;
  return target.protocol === 'https:' && (target.hostname === 'slack.com' || target.hostname.endsWith('.slack.com'));
}

function parseUrl(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}
