import { RecapError } from '../../errors.js';
import { uploadTooLarge } from '../../ingest/ingest-chat-upload.js';
import { fetchWithinHosts, parseUrl, readBodyLimited } from '../../ingest/fetch-within-hosts.js';

// A note of a few MB comes in well under this; a stuck CDN must not hold the reply forever.
const DOWNLOAD_TIMEOUT_MS = 30_000;
/** Discord's attachment links answer directly; a few hops at most, more is a loop. */
const MAX_REDIRECTS = 3;
/** Where Discord stores attachments (url and proxy_url of an attachment). */
const DISCORD_CDN_HOSTS = new Set(['cdn.discordapp.com', 'media.discordapp.net']);

export interface AttachmentDownloadOptions {
  /** DISCORD_API_URL: its host (a proxy, a test server) may serve attachments too. */
  apiUrl: string;
  maxBytes: number;
}

/**
 * Downloads an attachment from Discord's CDN, stopping as soon as it passes `maxBytes` (the size
 * Discord declared was checked before, but the bytes are what count). The link comes from the
 * message, so it is checked, and so is every redirect: recap must not be made to fetch (and
 * ingest) a page from anywhere else, a service on its own network least of all.
 */
export async function downloadAttachment(url: string, options: AttachmentDownloadOptions): Promise<Uint8Array> {
  const result = await fetchWithinHosts(url, {
    isAllowed: (target) => isDiscordAttachmentHost(target, options.apiUrl),
    timeoutMs: DOWNLOAD_TIMEOUT_MS,
    maxRedirects: MAX_REDIRECTS,
  }).catch((error: unknown) => {
    throw new RecapError('input_not_found', `could not be downloaded (${error instanceof Error ? error.message : String(error)}).`, { cause: error });
  });
  if (result.kind === 'refused') {
    throw new RecapError(
      'input_unsupported',
      result.redirected ? "its download was redirected away from Discord's CDN, so recap did not follow it." : "its link is not on Discord's CDN, so recap does not download it.",
    );
  }
  if (result.kind === 'too_many_redirects') throw new RecapError('input_not_found', `could not be downloaded (more than ${MAX_REDIRECTS} redirects).`);
  const { response } = result;
  if (!response.ok || response.body === null) {
    await response.body?.cancel();
    throw new RecapError('input_not_found', `could not be downloaded (HTTP ${response.status}).`);
  }
  return readBodyLimited(response, options.maxBytes, () => uploadTooLarge(options.maxBytes));
}

/** Discord's CDN over https (on its usual port), or exactly the host (and port) of DISCORD_API_URL, over its protocol. */
export function isDiscordAttachmentHost(target: URL, apiUrl: string): boolean {
  const api = parseUrl(apiUrl);
  if (api !== null && target.protocol === api.protocol && target.host === api.host) return true;
  return target.protocol === 'https:' && target.port === '' && DISCORD_CDN_HOSTS.has(target.hostname);
}
