import { describe, expect, it } from 'vitest';
import { MAX_BLOCKS_PER_MESSAGE, MAX_MESSAGE_TEXT_CHARS, MAX_SECTION_CHARS, SLACK_ACTIONS, escapeSlackText, renderSlackReply, splitForSection, type SlackBlock } from '../../src/adapters/slack/render-slack.js';
import { withCitationLinks, type Reply } from '../../src/domain/reply.js';

const citation = { rank: 1, noteId: 'n1', label: 'Meetup #8 › Service Mesh', location: 'notes/meetup.md:24', line: 24, text: 'Brown Field' };

function texts(blocks: SlackBlock[]): string[] {
  return blocks.flatMap((block) => (block.type === 'section' ? [block.text.text] : block.type === 'context' ? block.elements.map((element) => element.text) : []));
}

function blockChars(blocks: SlackBlock[]): number {
  return texts(blocks).reduce((sum, text) => sum + text.length, 0);
}

describe('renderSlackReply', () => {
  it('renders an answer as sections, a citations context (title › section · file:line) and buttons', () => {
    const reply: Reply = { kind: 'answer', text: 'Brown Field (Meetup #8, line 24):\n- VM上のサービス\n  - 技術的負債', citations: [citation], footer: 'Written by m.' };
    const [message, ...rest] = renderSlackReply(reply, { question: 'what is Brown Field?', answerId: 'a1', share: true, feedback: true });
    expect(rest).toHaveLength(0);
    expect(message).toMatchObject({ unfurl_links: false, unfurl_media: false });
    expect(texts(message?.blocks ?? [])).toEqual([
      '*Q*: what is Brown Field?',
      'Brown Field (Meetup #8, line 24):\n• VM上のサービス\n  ◦ 技術的負債',
      '*Sources:* [1] Meetup #8 › Service Mesh · `notes/meetup.md:24`',
      '_Written by m._',
    ]);
    const actions = message?.blocks.at(-1);
    expect(actions?.type === 'actions' && actions.elements.map((element) => [element.action_id, element.value])).toEqual([
      [SLACK_ACTIONS.share, 'a1'],
      [SLACK_ACTIONS.helpful, 'a1'],
      [SLACK_ACTIONS.notHelpful, 'a1'],
    ]);
    expect(message?.text).toBe('Brown Field (Meetup #8, line 24): - VM上のサービス - 技術的負債');
  });

  it('escapes &, < and > and defuses every kind of mass mention, in the text, citations and fallback', () => {
    const hostile = 'A&B <!channel> <!here> <!everyone> <!subteam^S123|@team> <@U123> <#C1|x> @channel @here @everyone ＠here';
    const reply: Reply = { kind: 'answer', text: hostile, citations: [{ ...citation, label: '<!here> talk', location: '@everyone.md:1' }] };
    const [message] = renderSlackReply(reply, { question: '<!channel> ?' });
    const json = JSON.stringify(message);
    for (const ping of ['<!channel>', '<!here>', '<!everyone>', '<!subteam', '<@U123>', '<#C1']) expect(json).not.toContain(ping);
    expect(json).not.toMatch(/[@＠](channel|here|everyone)/);
    expect(texts(message?.blocks ?? [])[1]).toBe(
      'A&amp;B &lt;!channel&gt; &lt;!here&gt; &lt;!everyone&gt; &lt;!subteam^S123|@\u200bteam&gt; &lt;@U123&gt; &lt;#C1|x&gt; @\u200bchannel @\u200bhere @\u200beveryone ＠\u200bhere'.replace('@\u200bteam', '@team'),
    );
  });

  it('splits text over 3,000 characters into sections without losing or cutting words', () => {
    const words = Array.from({ length: 2_000 }, (_, n) => `w${n}`);
    const messages = renderSlackReply({ kind: 'answer', text: words.join(' '), citations: [] });
    const sections = messages.flatMap((message) => message.blocks.flatMap((block) => (block.type === 'section' ? [block.text.text] : [])));
    expect(sections.length).toBeGreaterThan(3);
    for (const section of sections) expect(section.length).toBeLessThanOrEqual(MAX_SECTION_CHARS);
    expect(sections.join(' ').split(' ')).toEqual(words);
  });

  it('splits replies over 50 blocks (or the text budget) across numbered messages, buttons at the end', () => {
    const paragraphs = Array.from({ length: 130 }, (_, n) => `paragraph ${n}`);
    const messages = renderSlackReply({ kind: 'answer', text: paragraphs.join('\n\n'), citations: [citation] }, { answerId: 'a1', feedback: true });
    expect(messages).toHaveLength(3);
    messages.forEach((message, index) => {
      expect(message.blocks.length).toBeLessThanOrEqual(MAX_BLOCKS_PER_MESSAGE);
      expect(blockChars(message.blocks)).toBeLessThanOrEqual(MAX_MESSAGE_TEXT_CHARS);
      expect(texts(message.blocks).at(-1)).toBe(`part ${index + 1} of 3`);
    });
    const shown = messages.flatMap((message) => message.blocks.flatMap((block) => (block.type === 'section' ? [block.text.text] : [])));
    expect(shown).toEqual(paragraphs);
    expect(messages[2]?.blocks.some((block) => block.type === 'actions')).toBe(true);
    expect(messages[1]?.text.startsWith('(continued)')).toBe(true);

    const big = Array.from({ length: 12 }, (_, n) => `${n}:${'あ'.repeat(2_500)}`).join('\n\n');
    const byText = renderSlackReply({ kind: 'answer', text: big, citations: [] });
    expect(byText.length).toBeGreaterThan(2);
    for (const message of byText) expect(blockChars(message.blocks)).toBeLessThanOrEqual(MAX_MESSAGE_TEXT_CHARS);
  });

  it('marks not-found and error replies and never sends an empty section', () => {
    expect(texts(renderSlackReply({ kind: 'not-found', text: 'The notes do not cover this.', citations: [citation] })[0]?.blocks ?? [])).toEqual([
      ':mag: The notes do not cover this.',
      '*Nearest lines:* [1] Meetup #8 › Service Mesh · `notes/meetup.md:24`',
    ]);
    expect(texts(renderSlackReply({ kind: 'error', text: '  ', citations: [] })[0]?.blocks ?? [])).toEqual([':warning: (empty reply)']);
  });
});

describe('splitForSection and escapeSlackText', () => {
  it('never splits an entity or a surrogate pair', () => {
    const text = escapeSlackText(`${'a'.repeat(2_998)}&${'b'.repeat(10)}`);
    const [first, second] = splitForSection(text);
    expect(first).toBe('a'.repeat(2_998));
    expect(second?.startsWith('&amp;')).toBe(true);
    const emoji = splitForSection(`${'a'.repeat(2_999)}😀tail`);
    expect(emoji[0]).toBe('a'.repeat(2_999));
    expect(emoji[1]).toBe('😀tail');
  });
});

describe('citation links (RECAP_PUBLIC_URL)', () => {
  it('links a citation to its line on the web page, and only when a URL is known', () => {
    const linked = withCitationLinks({ kind: 'answer', text: 'x', citations: [citation] }, 'https://recap.example.org/');
    expect(linked.citations[0]?.url).toBe('https://recap.example.org/notes/n1#L24');
    expect(JSON.stringify(renderSlackReply(linked))).toContain('<https://recap.example.org/notes/n1#L24|Meetup #8 › Service Mesh>');
    expect(withCitationLinks({ kind: 'answer', text: 'x', citations: [citation] }, null).citations[0]?.url).toBeUndefined();
  });
});

