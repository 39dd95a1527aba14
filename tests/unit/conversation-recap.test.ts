import { describe, expect, it } from 'vitest';
import { parseCommandText, type CommandSyntax } from '../../src/chat/chat-command.js';
import { asksForConversationRecap, parseSince } from '../../src/chat/conversation-target.js';
import { parseNote } from '../../src/notes/parse.js';
import { extractConversationRecap, isQuestion } from '../../src/recap/conversation-recap.js';
import { conversationRecapReply } from '../../src/recap/conversation-reply.js';
import { threadMarkdown } from '../../src/recap/thread-note.js';
import { chatMessage } from '../helpers/chat-messages.js';

const T0 = Date.UTC(2026, 11, 7, 1, 0, 0);
const minutes = (n: number) => T0 + n * 60_000;

// A meetup channel during a talk: a question answered in a thread, one answered in the channel, links, a popular message.
const TALK = [
  chatMessage({ id: '1.000100', text: 'Brown Fieldって何ですか？', at: minutes(0), user: 'U0BOB', userName: 'bob', threadId: '1.000100', replyCount: 2 }),
  chatMessage({ id: '1.000200', text: '既存システムがある状態での開発のことです', at: minutes(1), user: 'U0CAROL', userName: 'carol', threadId: '1.000100' }),
  chatMessage({ id: '1.000300', text: 'ありがとうございます！', at: minutes(2), user: 'U0BOB', userName: 'bob', threadId: '1.000100' }),
  chatMessage({ id: '1.000400', text: 'スライドはこちら https://speakerdeck.com/example/brown-field。', at: minutes(3), userName: 'alice', reactionCount: 5 }),
  chatMessage({ id: '1.000500', text: 'What time does the next talk start?', at: minutes(4), user: 'U0DAVE', userName: 'dave' }),
  chatMessage({ id: '1.000600', text: '20:30 from the main room', at: minutes(6), user: 'U0CAROL', userName: 'carol' }),
  chatMessage({ id: '1.000700', text: '', at: minutes(7), user: 'U0ERIN', userName: 'erin', fileCount: 2 }),
];

describe('extractive conversation recaps', () => {
  it('picks the questions with their answers, the links and the most discussed messages', () => {
    const recap = extractConversationRecap(TALK);
    expect(recap.covered).toBe(7);
    expect(recap.people).toBe(5);
    expect(recap.questions.map(({ question, answers }) => [question.text, answers.map((answer) => answer.text)])).toEqual([
      ['Brown Fieldって何ですか？', ['既存システムがある状態での開発のことです']],
      ['What time does the next talk start?', ['20:30 from the main room']],
    ]);
    // The sentence's full stop is not part of the URL.
    expect(recap.links.map((link) => link.url)).toEqual(['https://speakerdeck.com/example/brown-field']);
    expect(recap.highlights.map((message) => message.id)).toEqual(['1.000400', '1.000100']);
    expect(recap.opening).toEqual([]);
  });

  it('says how many messages it covered and cites each message by its link', () => {
    const reply = conversationRecapReply(extractConversationRecap(TALK), {
      scope: { platform: 'slack', channel: 'C0TALKS01', channelName: '#talks', threadId: null, since: minutes(-60) },
      gathered: { messages: TALK, fromHistory: 2, truncated: false, historyProblem: null },
      language: 'en',
      timeZone: 'Asia/Tokyo',
    });
    expect(reply.text).toMatch(/^Recap of 7 messages by 5 people in #talks since Dec 7, 09:00\./);
    expect(reply.text).toContain('Questions and answers\n- bob: Brown Fieldって何ですか？ [1]\n  - carol: 既存システムがある状態での開発のことです [2]');
    expect(reply.footer).toBe('2 of them read from the channel\'s history.');
    const first = reply.citations[0];
    expect(first).toMatchObject({ rank: 1, url: 'https://example.slack.com/archives/C0TALKS01/p1000100', location: '#talks', line: 0 });
    expect(new Set(reply.citations.map((citation) => citation.url)).size).toBe(reply.citations.length);
  });

  it('a quiet conversation shows how it started; an empty one says there is nothing', () => {
    const quiet = [chatMessage({ id: '2.1', text: 'おはようございます', at: minutes(0) }), chatMessage({ id: '2.2', text: '今日の会場は渋谷です', at: minutes(1), user: 'U0BOB', userName: 'bob' })];
    expect(extractConversationRecap(quiet).opening.map((message) => message.text)).toEqual(['おはようございます', '今日の会場は渋谷です']);
    const options = { scope: { platform: 'slack', channel: 'C1', threadId: '2.1', since: null }, gathered: { messages: [], fromHistory: 0, truncated: false, historyProblem: null }, language: 'ja' as const, timeZone: 'UTC' };
    const empty = conversationRecapReply(extractConversationRecap([]), options);
    expect(empty.kind).toBe('info');
    expect(empty.text).toContain('このスレッドには、まとめる発言がありません');
  });

  it('knows a question in Japanese and English, and not a link with a question mark', () => {
    expect(isQuestion('サービスメッシュって何')).toBe(true);
    expect(isQuestion('資料の共有はありますか')).toBe(true);
    expect(isQuestion('how do I join the Slack?')).toBe(true);
    expect(isQuestion('https://example.com/?q=1')).toBe(false);
    expect(isQuestion('楽しかったです')).toBe(false);
  });
});

describe('conversation commands as typed', () => {
  const syntax: CommandSyntax = { typed: (word) => `/recap ${word}`, commandNoun: 'a /recap subcommand', schedule: () => ({ problem: 'n/a' }) };

  it('parses thread, thread save, channel with since, and purge', () => {
    const link = 'https://example.slack.com/archives/C0TALKS01/p1700000000123456';
    expect(parseCommandText(`thread ${link}`, syntax)).toEqual({ name: 'conversation', target: { kind: 'thread', link } });
    expect(parseCommandText(`thread save ${link}`, syntax)).toEqual({ name: 'save-thread', target: { kind: 'thread', link } });
    expect(parseCommandText(`thread ${link} save`, syntax)).toEqual({ name: 'save-thread', target: { kind: 'thread', link } });
    expect(parseCommandText('channel <#C0TALKS01|talks> since yesterday', syntax)).toEqual({ name: 'conversation', target: { kind: 'channel', channel: '<#C0TALKS01|talks>', since: 'yesterday' } });
    expect(parseCommandText('channel since 2h', syntax)).toEqual({ name: 'conversation', target: { kind: 'channel', channel: null, since: '2h' } });
    expect(parseCommandText('channel', syntax)).toEqual({ name: 'conversation', target: { kind: 'channel', channel: null, since: null } });
    expect(parseCommandText('purge', syntax)).toEqual({ name: 'purge', channel: null });
  });

  it('reads when a window starts, in the schedule time zone', () => {
    const now = Date.UTC(2026, 11, 8, 3, 0, 0); // 12:00 in Tokyo
    expect(parseSince('2h', now, 'Asia/Tokyo')).toEqual({ since: now - 2 * 3_600_000 });
    expect(parseSince('30m', now, 'UTC')).toEqual({ since: now - 30 * 60_000 });
    expect(parseSince(null, now, 'UTC')).toEqual({ since: now - 24 * 3_600_000 });
    expect(parseSince('today', now, 'Asia/Tokyo')).toEqual({ since: Date.UTC(2026, 11, 7, 15, 0, 0) });
    expect(parseSince('昨日', now, 'Asia/Tokyo')).toEqual({ since: Date.UTC(2026, 11, 6, 15, 0, 0) });
    expect(parseSince('2026-12-01', now, 'UTC')).toEqual({ since: Date.UTC(2026, 11, 1) });
    expect(parseSince('2026-02-30', now, 'UTC')).toEqual({ problem: '"2026-02-30" is not a date.' });
    expect(parseSince('2027-01-01', now, 'UTC')).toEqual({ problem: '2027-01-01 has not come yet.' });
    expect(parseSince('last week', now, 'UTC')).toMatchObject({ problem: expect.stringContaining('is not a time') as string });
  });

  it('knows a mention that asks for a recap of where it is', () => {
    for (const text of ['まとめて', 'このスレッドをまとめて', 'スレッドを要約してください', 'recap', 'summarize this thread', 'tl;dr', 'Recap please!']) {
      expect(asksForConversationRecap(text), text).toBe(true);
    }
    for (const text of ['Brown Fieldって何？', 'recap of the k8s note', 'まとめてあるノートはどこ？']) expect(asksForConversationRecap(text), text).toBe(false);
  });
});

describe('a thread saved as a note', () => {
  it('is a note whose lines keep each message, its author and its link, with chat markup defused', () => {
    const messages = [
      chatMessage({ id: '3.1', text: 'LT枠の募集 # 締切は金曜\n詳細はあとで', at: minutes(0), threadId: '3.1' }),
      chatMessage({ id: '3.2', text: '<script>alert(1)</script> 参加します [link](javascript:alert(1))', at: minutes(5), user: 'U0BOB', userName: 'bob_k', threadId: '3.1' }),
    ];
    const markdown = threadMarkdown({ platform: 'slack', channel: 'C0TALKS01', channelName: '#talks', threadId: '3.1', since: null }, messages, 'Asia/Tokyo');
    const note = parseNote(markdown, { source: 'slack/thread-C0TALKS01-3.1.md' });
    expect(note.title).toBe('LT枠の募集 # 締切は金曜');
    expect(note.event).toBe('#talks');
    expect(note.date).toBe('2026-12-07');
    const lines = note.sections.flatMap((section) => section.items.map((item) => item.text));
    expect(lines[0]).toContain('alice (10:00): LT枠の募集 # 締切は金曜');
    expect(lines.some((line) => line.includes('bob_k (10:05): <script>alert(1)</script> 参加します [link](javascript:alert(1))'))).toBe(true);
    expect(markdown).toContain('[link](https://example.slack.com/archives/C0TALKS01/p31)');
    // The message's own link syntax is escaped: no link to javascript: in the note.
    expect(markdown).not.toMatch(/[^\\]\]\(javascript:/);
  });
});
