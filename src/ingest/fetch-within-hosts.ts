/** Where a chat platform's file link may lead, and how the download may go. */
export interface FetchWithinHostsOptions {
  /** Whether a URL may be fetched: asked of the link itself and of every redirect, before any request. */
  isAllowed(url: URL): boolean;
  headers?: Record<string, string>;
  /** For the whole download, the body included: a stuck server must not hold the reply forever. */
  timeoutMs: number;
  /** Hops followed before giving up (file links answer directly or after a hop or two; more is a loop). */
  maxRedirects: number;
}

/** The final answer, or why no request went (further). */
export type FetchWithinHostsResult =
  | { kind: 'response'; response: Response }
  /** `redirected`: the link itself was allowed, a redirect it answered with was not. */
  | { kind: 'refused'; url: string; redirected: boolean }
  | { kind: 'too_many_redirects' };

/**
 * Fetches a file a chat user shared, following redirects by hand so that every hop is checked:
 * a link (or a redirect) to anywhere else, a machine on the bot's own network included, is never
 * requested. Network errors and timeouts are thrown as fetch throws them.
 */
export async function fetchWithinHosts(url: string, options: FetchWithinHostsOptions): Promise<FetchWithinHostsResult> {
  let target = parseUrl(url);
  if (target === null || !options.isAllowed(target)) return { kind: 'refused', url, redirected: false };
  const signal = AbortSignal.timeout(options.timeoutMs);
  for (let hop = 0; hop <= options.maxRedirects; hop += 1) {
    const response = await fetch(target, { headers: options.headers, redirect: 'manual', signal });
    const location = response.status >= 300 && response.status < 400 ? response.headers.get('location') : null;
    if (location === null) return { kind: 'response', response };
    await response.body?.cancel();
    const next = parseUrl(location, target);
    if (next === null || !options.isAllowed(next)) return { kind: 'refused', url: location, redirected: true };
    target = next;
  }
  return { kind: 'too_many_redirects' };
}

/** The body, but never more than `maxBytes` of it: past that, `tooLarge()` is thrown and the rest is not read. */
export async function readBodyLimited(response: Response, maxBytes: number, tooLarge: () => Error): Promise<Buffer> {
  const chunks: Uint8Array[] = [];
  let size = 0;
  if (response.body === null) return Buffer.alloc(0);
  for await (const chunk of response.body) {
    size += chunk.byteLength;
    // Throwing out of the loop cancels the stream.
    if (size > maxBytes) throw tooLarge();
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

/** The URL, or null when it is none (relative ones are read against `base`). */
export function parseUrl(url: string, base?: URL): URL | null {
  try {
    return new URL(url, base);
  } catch {
    return null;
  }
}
