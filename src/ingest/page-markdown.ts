import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';
import TurndownService from 'turndown';

/**
 * A web page as a Markdown note: its article (Mozilla's Readability, the Firefox reader view, on
 * a linkedom document) converted by turndown, under the page's title. Links and images point at
 * absolute URLs. The whole body is converted when Readability finds no article.
 */
export function htmlToMarkdown(html: string, pageUrl: string): string {
  const { document } = parseHTML(html);
  for (const [selector, attribute] of [['a[href]', 'href'], ['img[src]', 'src']] as const) {
    for (const element of Array.from(document.querySelectorAll(selector)) as LinkElement[]) {
      const value = element.getAttribute(attribute);
      if (value === null) continue;
      try {
        element.setAttribute(attribute, new URL(value, pageUrl).href);
      } catch {
        element.removeAttribute(attribute);
      }
    }
  }
  const fallbackTitle = document.querySelector('title')?.textContent?.trim() ?? '';
  // Readability changes the document it reads: the body is taken for the fallback first.
  const bodyHtml = document.body?.innerHTML ?? html;
  const article = new Readability(document as unknown as ConstructorParameters<typeof Readability>[0]).parse();
  const turndown = new TurndownService({ headingStyle: 'atx', bulletListMarker: '-', codeBlockStyle: 'fenced', emDelimiter: '*' });
  turndown.remove(['script', 'style', 'noscript', 'iframe', 'form']);
  const body = turndown.turndown(article?.content ?? bodyHtml).trim();
  const title = (article?.title ?? fallbackTitle).trim().replace(/\s+/g, ' ');
  // A page whose article starts with its own title needs no second heading.
  const startsWithTitle = title !== '' && new RegExp(`^#{1,6}\\s+${escapeRegExp(title)}\\s*$`, 'm').test(body.split('\n', 1)[0] ?? '');
  return title === '' || startsWithTitle ? `${body}\n` : `# ${title}\n\n${body}\n`;
}

interface LinkElement {
  getAttribute(name: string): string | null;
  setAttribute(name: string, value: string): void;
  removeAttribute(name: string): void;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
