import { describe, expect, it } from 'vitest';
import { scrapboxToMarkdown } from '../../src/ingest/scrapbox-markdown.js';

describe('scrapboxToMarkdown', () => {
  it('makes the title a heading, indentation an outline and brackets links', () => {
    const text = [
      'Meetup 2024-06',
      '[** Talk 1]',
      'intro with [https://example.com]',
      ' first [Kubernetes https://kubernetes.io]',
      '  nested [https://example.org/x docs] and [Other Page]',
      '\t\t\ttabs [* strong] [/ slanted] [- gone]',
      ' second `[not a link]`',
      '',
      'code:hello.py',
      ' print("hi")',
      'after [/other/Page Name]',
    ].join('\n');
    expect(scrapboxToMarkdown(text, 'https://scrapbox.io/proj')).toBe(
      [
        '# Meetup 2024-06',
        '',
        '### Talk 1',
        '',
        'intro with <https://example.com>',
        '',
        '- first [Kubernetes](https://kubernetes.io)',
        '  - nested [docs](https://example.org/x) and [Other Page](https://scrapbox.io/proj/Other_Page)',
        '    - tabs **strong** *slanted* ~~gone~~',
        '- second `[not a link]`',
        '',
        '```py',
        'print("hi")',
        '```',
        'after [/other/Page Name](https://scrapbox.io/other/Page_Name)',
        '',
      ].join('\n'),
    );
  });
});
