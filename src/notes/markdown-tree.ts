import markdownIt, { type MarkdownIt } from 'markdown-it';
import type { Root } from 'mdast';
import { tokensToMdast } from './block-tokens.js';
import { splitFrontMatter } from './front-matter.js';
import { keepHtmlBlocksAsText } from './html-as-text.js';
import { configureLinkify } from './linkify.js';
import { MAX_NESTING_DEPTH } from './nesting.js';

const markdown = createParser();

/**
 * Markdown -> mdast with GFM tables, strikethrough, autolinks and task lists, and YAML front
 * matter, positions kept as 1-based lines of `text`. markdown-it parses in linear time, so even
 * a megabyte note is parsed in one piece.
 */
export function parseMarkdown(text: string): Root {
  const { frontMatter, body } = splitFrontMatter(text);
  const root = tokensToMdast(markdown.parse(body, {}));
  if (frontMatter) root.children.unshift(frontMatter);
  return root;
}

function createParser(): MarkdownIt {
  const parser = markdownIt('default', {
    html: true,
    linkify: true,
    // A list level opens two tokens (list, item) and text adds a few more. markdown-it silently
    // drops what is nested deeper than maxNesting, so leave room above what nesting.ts lets through.
    maxNesting: 4 * MAX_NESTING_DEPTH,
  });
  // Keep URLs as written, as mdast did: markdown-it would percent-encode them and punycode hosts.
  parser.normalizeLink = (url) => url;
  parser.normalizeLinkText = (url) => url;
  // validateLink stays: javascript:, vbscript:, file: and non-image data: links remain plain text.
  configureLinkify(parser.linkify);
  keepHtmlBlocksAsText(parser);
  return parser;
}
