import { describe, expect, it } from 'vitest';
import { parseRecapCommand } from '../../src/adapters/slack/parse-recap-command.js';
import { mentionedUsers, parseSlackMessageLink, slackMessageText, slackPermalink } from '../../src/adapters/slack/slack-message-text.js';

describe('slackMessageText', () => {
  const names = new Map([['U0ALICE', 'Alice']]);
  const nameOf = (id: string) => names.get(id);

  it('turns mentions into names or ids, never pings', () => {
    expect(slackMessageText('<@U0ALICE> and <@U0BOB>, <!channel> <!here|here> <!everyone>', nameOf)).toBe('@Alice and @U0BOB, @channel @here @everyone');
    expect(slackMessageText('<!subteam^S0TEAM|@oncall> ping', nameOf)).toBe('@oncall ping');
  });

  it('keeps link URLs and channel names, and undoes Slack escaping', () => {
    expect(slackMessageText('see <https://example.com/a|the page> and <https://example.com/b> in <#C0GEN|general> &lt;3 &amp;', nameOf)).toBe(
      'see the page (https://example.com/a) and https://example.com/b in #general <3 &',
    );
    expect(slackMessageText('<https://example.com|example.com>', nameOf)).toBe('https://example.com');
  });

  it('lists mentioned users once', () => {
    expect(mentionedUsers('<@U0A> <@U0B|bob> <@U0A>')).toEqual(['U0A', 'U0B']);
  });
});

describe('Slack message links', () => {
  it('parses a message link and a reply link', () => {
    expect(parseSlackMessageLink('https://team.slack.com/archives/C0123ABC/p1700000000123456')).toEqual({ channel: 'C0123ABC', ts: '1700000000.123456', threadTs: null });
    expect(parseSlackMessageLink('<https://team.slack.com/archives/C0123ABC/p1700000100000200?thread_ts=1700000000.123456&cid=C0123ABC>')).toEqual({
      channel: 'C0123ABC',
      ts: '1700000100.000200',
      threadTs: '1700000000.123456',
    });
    expect(parseSlackMessageLink('https://team.slack.com/archives/C0123ABC')).toBeNull();
    expect(parseSlackMessageLink('not a link')).toBeNull();
  });

  it('builds permalinks the way Slack does', () => {
    expect(slackPermalink('https://team.slack.com/', 'C1', '1700000000.123456', null)).toBe('https://team.slack.com/archives/C1/p1700000000123456');
    expect(slackPermalink('https://team.slack.com', 'C1', '1700000100.000200', '1700000000.123456')).toBe('https://team.slack.com/archives/C1/p1700000100000200?thread_ts=1700000000.123456&cid=C1');
  });
});

describe('parseRecapCommand: conversation commands', () => {
  it.each([
    ['thread https://t.slack.com/archives/C1/p1700000000123456', { name: 'conversation', target: { kind: 'thread', link: 'https://t.slack.com/archives/C1/p1700000000123456' } }],
    ['thread save <https://t.slack.com/archives/C1/p1700000000123456>', { name: 'save-thread', target: { kind: 'thread', link: 'https://t.slack.com/archives/C1/p1700000000123456' } }],
    ['channel since 2h', { name: 'conversation', target: { kind: 'channel', channel: null, since: '2h' } }],
    ['channel <#C0OTHER|other> since yesterday', { name: 'conversation', target: { kind: 'channel', channel: '<#C0OTHER|other>', since: 'yesterday' } }],
    ['purge <#C0OTHER|other>', { name: 'purge', channel: '<#C0OTHER|other>' }],
    ['purge', { name: 'purge', channel: null }],
  ])('%s', (text, expected) => {
    expect(parseRecapCommand(text)).toEqual(expected);
  });
});
