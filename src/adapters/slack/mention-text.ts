/**
 * Slack message text as a person typed it: user mentions (the bot's included) removed, links
 * shown as their label or URL, channel references as #name, and Slack's escaping (&amp; &lt;
 * &gt;) undone. What remains is the question.
 */
export function plainSlackText(text: string): string {
  return text
    .replace(/<@[UW][A-Z0-9]+(?:\|[^>]*)?>/g, ' ')
    .replace(/<#[CG][A-Z0-9]+\|([^>]*)>/g, '#$1')
    .replace(/<!subteam\^[A-Z0-9]+(?:\|([^>]*))?>/g, (_match, label: string | undefined) => label ?? '')
    .replace(/<![a-z]+(?:\^[^|>]*)?(?:\|([^>]*))?>/g, (_match, label: string | undefined) => label ?? '')
    .replace(/<((?:https?|mailto):[^|>]+)\|([^>]+)>/g, '$2')
    .replace(/<((?:https?|mailto):[^>]+)>/g, '$1')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .replace(/[ \t]+/g, ' ')
    .trim();
}

/** Whether a mention asks to ingest its attached files ("@recap ingest", "@recap ingest this please"). */
export function asksToIngest(text: string): boolean {
  return /(^|\s)ingest(\s|$|[.!?])/i.test(plainSlackText(text)) || /取り込/.test(text);
}
