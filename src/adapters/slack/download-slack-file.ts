import { RecapError } from '../../errors.js';
import { fetchWithinHosts, parseUrl, readBodyLimited } from '../../ingest/fetch-within-hosts.js';
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
  // Redirects are followed by hand, and only to trusted hosts: the bot token must never leave Slack.
  const result = await fetchWithinHosts(url, {
    isAllowed: (target) => isTrustedFileHost(target, options.apiUrl),
    headers: { Authorization: `Bearer ${options.botToken}` },
    timeoutMs: DOWNLOAD_TIMEOUT_MS,
    maxRedirects: MAX_REDIRECTS,
  }).catch((error: unknown) => {
    throw new RecapError('input_unsupported', `Could not download ${name} from Slack: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  });
  if (result.kind === 'refused' && !result.redirected) {
    throw new RecapError('input_unsupported', `${name} is not stored by Slack (its link points elsewhere), so recap does not download it.`);
  }
  if (result.kind === 'refused') {
    throw new RecapError('input_unsupported', `Slack redirected the download of ${name} away from Slack (a sign-in page?); check that the app has the files:read scope.`);
  }
  if (result.kind === 'too_many_redirects') throw new RecapError('input_unsupported', `Too many redirects while downloading ${name}.`);
  const { response } = result;
  if (!response.ok) {
    await response.body?.cancel();
    throw new RecapError('input_unsupported', `Slack refused the download of ${name} (HTTP ${response.status}); check that the app has the files:read scope.`);
  }
  if ((response.headers.get('content-type') ?? '').includes('text/html')) {
    await response.body?.cancel();
    throw new RecapError('input_unsupported', `Slack sent a web page instead of ${name}: the app needs the files:read scope (reinstall it from slack/manifest.yaml).`);
  }
  return readBodyLimited(response, options.maxBytes, () => new RecapError('input_too_large', `${name} is larger than the limit of ${formatBytes(options.maxBytes)} (MAX_NOTE_BYTES).`));
}

/** Slack's file hosts over https, or exactly the host (and port) of SLACK_API_URL. */
export function isTrustedFileHost(target: URL, apiUrl: string): boolean {
  const api = parseUrl(apiUrl);
  if (api !== null && target.protocol === api.protocol && target.host === api.host) return true;
  return target.protocol === 'https:' && (target.hostname === 'slack.com' || target.hostname.endsWith('.slack.com'));
}
