import type { Nodes, Root } from 'mdast';
import { describe, expect, it } from 'vitest';
import { MAX_INLINE_DEPTH } from '../../src/notes/inline-tokens.js';
import { parseMarkdown } from '../../src/notes/markdown-tree.js';

/** Every node of the tree in document order (iteratively: trees can be deep). */
function nodes(root: Root): Nodes[] {
  const out: Nodes[] = [];
  const stack: Nodes[] = [root];
  for (let node = stack.pop(); node; node = stack.pop()) {
    out.push(node);
    if ('children' in node) stack.push(...[...(node.children as Nodes[])].reverse());
  }
  return out;
}

function ofType<T extends Nodes['type']>(root: Root, type: T): Array<Extract<Nodes, { type: T }>> {
  return nodes(root).filter((node): node is Extract<Nodes, { type: T }> => node.type === type);
}

function startLines(root: Root, type: Nodes['type']): Array<number | undefined> {
  return nodes(root)
    .filter((node) => node.type === type)
    .map((node) => node.position?.start.line);
}

describe('parseMarkdown', () => {
  it('reads YAML front matter at the top only, keeping the lines of the file', () => {
    const root = parseMarkdown('---\ntitle: T\ndate: 2020-02-29\n---\n\n## A\n\n---\n\n- x\n');
    expect(root.children[0]).toMatchObject({ type: 'yaml', value: 'title: T\ndate: 2020-02-29', position: { start: { line: 1 }, end: { line: 4 } } });
    expect(startLines(root, 'heading')).toEqual([6]);
    expect(startLines(root, 'thematicBreak')).toEqual([8]);
    expect(startLines(root, 'listItem')).toEqual([10]);
    expect(ofType(parseMarkdown('\n---\ntitle: T\n---\n'), 'yaml')).toEqual([]);
  });

  it('gives blocks the 1-based lines mdast-util-from-markdown gave', () => {
    const text = '# T\n\n- a\n  - b\n\n3. c\n\n> q\n\n```sh\necho\n```\n\n    indented\n\n| h | i |\n| - | - |\n| 1 | 2 |\n\n<div>x</div>\n';
    const root = parseMarkdown(text);
    expect(startLines(root, 'heading')).toEqual([1]);
    expect(startLines(root, 'listItem')).toEqual([3, 4, 6]);
    expect(ofType(root, 'list').map((list) => [list.ordered, list.start])).toEqual([[false, null], [false, null], [true, 3]]);
    expect(startLines(root, 'blockquote')).toEqual([8]);
    expect(ofType(root, 'code').map((code) => [code.lang, code.value, code.position?.start.line])).toEqual([
      ['sh', 'echo', 10],
      [null, 'indented', 14],
    ]);
    expect(startLines(root, 'tableRow')).toEqual([16, 18]);
    // An HTML block is a paragraph of its text: the tags are inline HTML nodes on its line.
    expect(startLines(root, 'html')).toEqual([20, 20]);
    expect(ofType(root, 'text').at(-1)).toMatchObject({ value: 'x', position: { start: { line: 20 } } });
  });

  it('cites an inline link on its own line of a paragraph', () => {
    const root = parseMarkdown('- one\n  two [a](https://a.example)\n  three  \n  four https://b.example\n');
    expect(ofType(root, 'link').map((link) => [link.url, link.position?.start.line])).toEqual([
      ['https://a.example', 2],
      ['https://b.example', 4],
    ]);
  });

  it('links bare URLs as GFM autolink literals did, keeping them as written', () => {
    const root = parseMarkdown('資料https://ja.wikipedia.org/wiki/日本。次 www.example.com foo@example.com example.com //cdn.example.com\n');
    expect(ofType(root, 'link').map((link) => link.url)).toEqual([
      'https://ja.wikipedia.org/wiki/日本',
      'http://www.example.com',
      'mailto:foo@example.com',
    ]);
  });

  it('reads GFM tables, strikethrough and task lists, and keeps "~" between times', () => {
    const root = parseMarkdown('| a | b |\n| --- | --- |\n| 1 | ~~2~~ |\n\n- [x] done\n- 10:00~11:00 受付、12:00~13:00\n');
    expect(ofType(root, 'tableCell')).toHaveLength(4);
    expect(ofType(root, 'delete')).toHaveLength(1);
    expect(ofType(root, 'listItem')[0]).toMatchObject({ checked: true, children: [{ children: [{ type: 'text', value: 'done' }] }] });
    expect(ofType(root, 'text').at(-1)?.value).toBe('10:00~11:00 受付、12:00~13:00');
  });

  it('keeps the text but not the markup of absurdly deep emphasis', () => {
    const root = parseMarkdown(`${'*a '.repeat(10_000)}b${' c*'.repeat(10_000)}\n`);
    expect(ofType(root, 'emphasis').length).toBeLessThanOrEqual(MAX_INLINE_DEPTH);
    const text = ofType(root, 'text').map((node) => node.value).join('');
    expect(text.match(/a/g)).toHaveLength(10_000);
  });
});
