import { describe, expect, it } from 'vitest';
import { DISCORD_LIMITS, neutralizeMentions, renderDiscord } from '../../src/adapters/discord/render-discord.js';
import type { Reply, ReplyCitation } from '../../src/domain/reply.js';
import { CONTINUATION_MARK, splitMessage } from '../../src/chat/split-message.js';

const citation = (rank: number, text = 'Brown Field'): ReplyCitation => ({
  rank,
  noteId: 'seed',
  label: `20190604 Cloud Native Meetup Tokyo #8 › Talk ${rank}`,
  location: `notes/seed.md:${rank}`,
  line: rank,
  text,
});

function embedSize(embed: NonNullable<ReturnType<typeof renderDiscord>[number]['embeds'][number]>): number {
  const fields = (embed.fields ?? []).reduce((sum, field) => sum + field.name.length + field.value.length, 0);
  return (embed.title ?? '').length + (embed.description ?? '').length + fields + (embed.footer?.text.length ?? 0);
}

describe('splitMessage', () => {
  it('keeps text that fits as one message', () => {
    expect(splitMessage('short\n\n- a\n- b', { limit: 100 })).toEqual(['short\n\n- a\n- b']);
  });

  it('splits on paragraph boundaries first', () => {
    const paragraph = (letter: string): string => letter.repeat(60);
    const parts = splitMessage([paragraph('a'), paragraph('b'), paragraph('c')].join('\n\n'), { limit: 130 });
    expect(parts).toEqual([`${paragraph('a')}\n\n${paragraph('b')}`, paragraph('c')]);
  });

  it('splits a long list between bullets, keeping sub-bullets with their bullet', () => {
    const bullets = Array.from({ length: 12 }, (_, n) => `- bullet ${n}\n  - detail ${n}`).join('\n');
    const parts = splitMessage(bullets, { limit: 60 });
    expect(parts.length).toBeGreaterThan(1);
    for (const part of parts) {
      expect(part.length).toBeLessThanOrEqual(60);
      expect(part.startsWith('- bullet')).toBe(true);
    }
    expect(parts.join('\n')).toBe(bullets);
  });

  it('cuts a single over-long line at a character boundary, marking the cut', () => {
    const line = '技術的負債🙂'.repeat(400); // 2,800 UTF-16 units with surrogate pairs
    const parts = splitMessage(line, { limit: 2000 });
    expect(parts).toHaveLength(2);
    expect(parts[0]?.endsWith(CONTINUATION_MARK)).toBe(true);
    expect(parts[1]?.startsWith(CONTINUATION_MARK)).toBe(true);
    for (const part of parts) {
      expect(part.length).toBeLessThanOrEqual(2000);
      expect(part).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/); // no half emoji
    }
    expect(parts.map((part) => part.replaceAll(CONTINUATION_MARK, '')).join('')).toBe(line);
  });

  it('never drops text silently: past maxParts the last part says how much is left out', () => {
    const text = Array.from({ length: 50 }, (_, n) => `paragraph ${n} `.repeat(10)).join('\n\n');
    const parts = splitMessage(text, { limit: 300, maxParts: 3, overflowNotice: (omitted) => `(${omitted} more characters not shown)` });
    expect(parts).toHaveLength(3);
    expect(parts[2]).toMatch(/\(\d+ more characters not shown\)$/);
    for (const part of parts) expect(part.length).toBeLessThanOrEqual(300);
  });
});

describe('renderDiscord', () => {
  it('puts the text in content and the citations in one embed, with no mentions allowed', () => {
    const reply: Reply = { kind: 'answer', text: 'Brown Field (seed, line 24):\n- VM上で管理されているサービス', citations: [citation(1)], footer: 'Written by gpt-4o-mini from the cited notes.' };
    const [message, ...rest] = renderDiscord(reply);
    expect(rest).toEqual([]);
    expect(message?.content).toContain('VM上で管理されているサービス');
    expect(message?.content).toMatch(/\n\n-# Written by gpt-4o-mini/);
    expect(message?.allowedMentions).toEqual({ parse: [], repliedUser: false });
    expect(message?.embeds[0]?.title).toBe('Sources');
    expect(message?.embeds[0]?.fields?.[0]).toEqual({ name: '[1] 20190604 Cloud Native Meetup Tokyo #8 › Talk 1', value: '`notes/seed.md:1`\nBrown Field' });
  });

  it('keeps embeds within Discord limits however many and long the citations are', () => {
    const citations = Array.from({ length: 40 }, (_, n) => ({ ...citation(n + 1, 'x'.repeat(3000)), label: 'L'.repeat(400) }));
    const [message] = renderDiscord({ kind: 'answer', text: 'answer', citations });
    const embed = message?.embeds[0];
    expect(embed).toBeDefined();
    if (!embed) return;
    expect(embed.fields?.length).toBeLessThanOrEqual(DISCORD_LIMITS.embedFields);
    for (const field of embed.fields ?? []) {
      expect(field.name.length).toBeLessThanOrEqual(DISCORD_LIMITS.fieldName);
      expect(field.value.length).toBeLessThanOrEqual(DISCORD_LIMITS.fieldValue);
    }
    expect(embedSize(embed)).toBeLessThanOrEqual(DISCORD_LIMITS.embedTotal);
    expect(embed.footer?.text).toMatch(/^\d+ more sources not shown$/);
  });

  it('splits long replies and puts the embed on the last message only', () => {
    const text = Array.from({ length: 30 }, (_, n) => `- point ${n}: ${'説明'.repeat(100)}`).join('\n');
    const messages = renderDiscord({ kind: 'answer', text, citations: [citation(1)] });
    expect(messages.length).toBeGreaterThan(1);
    for (const message of messages) expect(message.content.length).toBeLessThanOrEqual(DISCORD_LIMITS.content);
    expect(messages.slice(0, -1).every((message) => message.embeds.length === 0)).toBe(true);
    expect(messages.at(-1)?.embeds).toHaveLength(1);
  });

  it('neutralizes @everyone, @here and mention syntax in text and embeds', () => {
    const reply: Reply = { kind: 'answer', text: 'Ping @everyone and @here, <@123456789012345678>, <@!1234>, <@&98765>', citations: [citation(1, '@everyone look')] };
    const [message] = renderDiscord(reply);
    expect(message?.content).not.toMatch(/@everyone|@here|<@\d|<@!\d|<@&\d/);
    expect(message?.content).toContain('@\u200beveryone');
    expect(message?.embeds[0]?.fields?.[0]?.value).not.toMatch(/@everyone/);
    expect(neutralizeMentions('mail me at a@example.com')).toBe('mail me at a@example.com');
  });

  it('shows errors visibly', () => {
    expect(renderDiscord({ kind: 'error', text: 'The model is down.', citations: [] })[0]?.content).toBe('⚠️ The model is down.');
  });
});
