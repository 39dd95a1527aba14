/**
 * Slack message text as plain text for conversation recaps: user mentions become "@name" (or
 * "@U123" when the name is unknown), never a ping; `<!channel>`, `<!here>`, `<!everyone>` become
 * the words "@channel"… (the renderer defuses those when quoting); user groups and dates show
 * their label; channel links "#name"; links "label (url)" so "Links shared" still sees the URL;
 * Slack's escaping (&amp; &lt; &gt;) undone.
 */
export function slackMessageText(text: string, nameOf: (user: string) => string | undefined): string {
  return text
    .replace(/<@([UW][A-Z0-9]+)(?:\|([^>]*))?>/g, (_match, id: string, label: string | undefined) => `@${nameOf(id) ?? (label || id)}`)
    .replace(/<#([CG][A-Z0-9]+)(?:\|([^>]*))?>/g, (_match, id: string, label: string | undefined) => `#${label || id}`)
    .replace(/<!(channel|here|everyone)(?:\|[^>]*)?>/g, '@$1')
    .replace(/<!subteam\^[A-Z0-9]+(?:\|([^>]*))?>/g, (_match, label: string | undefined) => label ?? '@group')
    .replace(/<![a-z]+(?:\^[^|>]*)?(?:\|([^>]*))?>/g, (_match, label: string | undefined) => label ?? '')
    .replace(/<((?:https?|mailto):[^|>]+)\|([^>]+)>/g, (_match, url: string, label: string) => (label === url || url.endsWith(label) ? url : `${label} (${url})`))
    .replace(/<((?:https?|mailto):[^>]+)>/g, '$1')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .trim();
}

/** The users a message's text mentions (`<@U123>`), each once. */
export function mentionedUsers(text: string): string[] {
  return [...new Set([...text.matchAll(/<@([UW][A-Z0-9]+)(?:\|[^>]*)?>/g)].map((match) => match[1] ?? ''))].filter((id) => id !== '');
}

/** A message in a link: its channel, its ts, and its thread's parent when the link says (a reply's link does). */
export interface SlackMessageLink {
  channel: string;
  ts: string;
  threadTs: string | null;
}

/**
 * A Slack message link ("Copy link"): `https://<team>.slack.com/archives/C123/p1700000000123456`,
 * with `?thread_ts=1700000000.000100&cid=C123` for a reply; null when it is not one.
 */
export function parseSlackMessageLink(text: string): SlackMessageLink | null {
  let url: URL;
  try {
    url = new URL(text.trim().replace(/^<|>$/g, '').split('|')[0] ?? '');
  } catch {
    return null;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return null;
  const path = /^\/archives\/([CGD][A-Z0-9]{2,})\/p(\d{10})(\d{6})\/?$/.exec(url.pathname);
  if (!path) return null;
  const threadTs = url.searchParams.get('thread_ts');
  return { channel: path[1] ?? '', ts: `${path[2]}.${path[3]}`, threadTs: threadTs !== null && /^\d{10}\.\d{6}$/.test(threadTs) ? threadTs : null };
}

/** A message's permalink, built as Slack builds them from the workspace URL (auth.test's `url`). */
export function slackPermalink(teamUrl: string, channel: string, ts: string, threadTs: string | null): string {
  const base = `${teamUrl.endsWith('/') ? teamUrl : `${teamUrl}/`}archives/${channel}/p${ts.replace('.', '')}`;
  return threadTs !== null && threadTs !== ts ? `${base}?thread_ts=${threadTs}&cid=${channel}` : base;
}
