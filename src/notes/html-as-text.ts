import type { MarkdownIt, StateCore, Token } from 'markdown-it';

/**
 * Notes are not web pages: what parses as HTML in them is mostly text someone typed or pasted,
 * such as Slack's `<!channel> 今日の懇親会は19時から` (a "declaration" to CommonMark) or a `<div>`
 * around a few lines. This rule turns every HTML block into a paragraph of its content, so its
 * text is parsed inline and indexed like any other line; tags themselves are then dropped by the
 * inline rules (see isHtmlMarkup). Nothing is ever rendered as HTML: renderers escape note text.
 */
export function keepHtmlBlocksAsText(parser: MarkdownIt): void {
  parser.core.ruler.after('block', 'html_block_as_text', (state: StateCore) => {
    if (!state.tokens.some((token) => token.type === 'html_block')) return;
    state.tokens = state.tokens.flatMap((token) => (token.type === 'html_block' ? paragraphOf(token, state) : [token]));
  });
}

function paragraphOf(block: Token, state: StateCore): Token[] {
  const open = new state.Token('paragraph_open', 'p', 1);
  const inline = new state.Token('inline', '', 0);
  const close = new state.Token('paragraph_close', 'p', -1);
  for (const token of [open, inline, close]) {
    token.map = block.map;
    token.level = block.level;
    token.block = true;
  }
  inline.level = block.level + 1;
  inline.content = block.content.replace(/\n+$/, '');
  inline.children = [];
  return [open, inline, close];
}

/**
 * True for inline HTML that is markup (a tag, a comment): dropped from the text. Declarations
 * (`<!channel>`, `<!here>`, `<!subteam^S1|@team>`), processing instructions and CDATA are not
 * tags anyone meant as markup in a note; they stay as written.
 */
export function isHtmlMarkup(html: string): boolean {
  if (html.startsWith('<!--')) return true;
  if (/^<!doctype\b/i.test(html)) return true;
  return !html.startsWith('<!') && !html.startsWith('<?');
}
