/**
 * A Scrapbox page's text (what `/api/pages/<project>/<page>/text` answers) as Markdown: the first
 * line is the title (`# title`); a line indented by n spaces, tabs or full-width spaces is a
 * bullet n levels deep; `[** heading]` alone on an unindented line is a heading; brackets become
 * Markdown: `[text https://…]` and `[https://… text]` links, `[https://…]` a bare URL, `[page]` a
 * link to the project's page, `[* bold]`, `[/ italic]`, `[- struck]` and `` `code` `` as
 * Markdown's own; `code:name` blocks are fenced.
 */
export function scrapboxToMarkdown(text: string, projectUrl: string): string {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const out: string[] = [];
  const title = (lines.shift() ?? '').trim();
  if (title !== '') out.push(`# ${title}`, '');
  let inList = false;
  let code: { depth: number } | null = null;
  for (const line of lines) {
    const indent = /^[ \t\u3000]*/.exec(line)?.[0].length ?? 0;
    const body = line.slice(indent);
    if (code !== null) {
      if (body !== '' && indent <= code.depth) {
        out.push('```');
        code = null;
      } else {
        out.push(line.slice(Math.min(indent, code.depth + 1)));
        continue;
      }
    }
    if (body.trim() === '') {
      if (inList) out.push('');
      inList = false;
      continue;
    }
    const codeStart = /^code:(\S+)/.exec(body);
    if (codeStart) {
      if (!inList && out.length > 0 && out[out.length - 1] !== '') out.push('');
      out.push(`\`\`\`${languageOf(codeStart[1] ?? '')}`);
      code = { depth: indent };
      continue;
    }
    if (indent === 0) {
      if (inList) out.push('');
      inList = false;
      const heading = /^\[(\*{2,})\s+([^\]]+)\]$/.exec(body.trim());
      // More stars are bigger in Scrapbox; Markdown's # is the page title.
      out.push(heading ? `${(heading[1] ?? '').length >= 3 ? '##' : '###'} ${inline(heading[2] ?? '', projectUrl)}` : inline(body, projectUrl), '');
      continue;
    }
    if (!inList && out.length > 0 && out[out.length - 1] !== '') out.push('');
    inList = true;
    out.push(`${'  '.repeat(indent - 1)}- ${inline(body, projectUrl)}`);
  }
  if (code !== null) out.push('```');
  return `${out.join('\n').replace(/\n{3,}/g, '\n\n').trim()}\n`;
}

function languageOf(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot >= 0 ? name.slice(dot + 1) : name;
}

const URL_PATTERN = /^https?:\/\/\S+$/;

/** One line's brackets as Markdown (code spans are left alone). */
function inline(text: string, projectUrl: string): string {
  return text
    .split(/(`[^`]*`)/)
    .map((part) => (part.startsWith('`') ? part : part.replace(/\[([^[\]]+)\]/g, (_match, inner: string) => bracket(inner, projectUrl))))
    .join('');
}

function bracket(inner: string, projectUrl: string): string {
  const decoration = /^([*/\-_!#%^~]+)\s+(.+)$/.exec(inner);
  if (decoration) {
    const [, marks = '', content = ''] = decoration;
    if (marks.includes('*')) return `**${content}**`;
    if (marks.includes('/')) return `*${content}*`;
    if (marks.includes('-')) return `~~${content}~~`;
    return content;
  }
  if (inner.startsWith('$ ')) return `$${inner.slice(2)}$`;
  const words = inner.trim().split(/\s+/);
  const first = words[0] ?? '';
  const last = words[words.length - 1] ?? '';
  if (words.length === 1 && URL_PATTERN.test(first)) return `<${first}>`;
  if (words.length > 1 && URL_PATTERN.test(last)) return `[${words.slice(0, -1).join(' ')}](${last})`;
  if (words.length > 1 && URL_PATTERN.test(first)) return `[${words.slice(1).join(' ')}](${first})`;
  // A page of the same project ([/other/page] is another project's).
  const page = inner.trim();
  if (page.startsWith('/')) return `[${page}](${new URL(projectUrl).origin}${encodePath(page)})`;
  return `[${page}](${projectUrl.replace(/\/+$/, '')}/${encodeURIComponent(page.replace(/ /g, '_'))})`;
}

function encodePath(path: string): string {
  return path
    .split('/')
    .map((segment) => encodeURIComponent(segment.replace(/ /g, '_')))
    .join('/');
}
