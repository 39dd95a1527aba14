import type { MarkdownIt } from 'markdown-it';

type LinkifyIt = MarkdownIt['linkify'];

/**
 * Makes markdown-it's bare-URL detection match GFM autolink literals: http(s) URLs, e-mail
 * addresses and "www." hosts (as http://), but not "ftp:" or "//host" links, which GFM leaves
 * as text.
 */
export function configureLinkify(linkify: LinkifyIt): void {
  linkify.add('ftp:', null);
  linkify.add('//', null);
  linkify.add('www.', {
    // The "//" rule's host-and-path pattern, run from the "www." itself.
    validate: (text, pos, self) => {
      const pattern = self.re.get_relative_proto_validator();
      pattern.lastIndex = pos - 'www.'.length;
      const match = pattern.exec(text);
      return match ? Math.max(match[0].length - 'www.'.length, 0) : 0;
    },
    normalize: (match) => {
      match.url = `http://${match.url}`;
    },
  });
}
