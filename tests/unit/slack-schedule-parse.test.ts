import { describe, expect, it } from 'vitest';
import { parseRecapCommand } from '../../src/adapters/slack/parse-recap-command.js';

describe('/recap schedule (Slack syntax)', () => {
  it.each([
    [
      'schedule add digest 0 9 * * 1 tz=Asia/Tokyo lang=ja,en',
      { action: 'add', kind: 'digest', cron: '0 9 * * 1', timezone: 'Asia/Tokyo', languages: ['ja', 'en'] },
    ],
    // Options may come anywhere after the kind; the other tokens, single-spaced, are the cron pattern.
    [
      'schedule  ADD  Latest tz=UTC  30 0   9 * * 1-5 nothing-new=say channel=C0TARGET',
      { action: 'add', kind: 'latest', cron: '30 0 9 * * 1-5', timezone: 'UTC', sayNothingNew: true, channel: 'C0TARGET' },
    ],
    ['schedule add digest 0 18 * * 5 nothing-new=skip', { action: 'add', kind: 'digest', cron: '0 18 * * 5', sayNothingNew: false }],
    ['schedule add on-ingest lang=en', { action: 'add', kind: 'on-ingest', cron: null, languages: ['en'] }],
    ['schedule add on-ingest', { action: 'add', kind: 'on-ingest', cron: null }],
    // Full-width input (a Japanese keyboard) reads the same.
    ['schedule add digest ０ ９ ＊ ＊ １ tz＝Asia/Tokyo', { action: 'add', kind: 'digest', cron: '0 9 * * 1', timezone: 'Asia/Tokyo' }],
    ['schedule list', { action: 'list' }],
    ['schedule list all', { action: 'list', all: true }],
    ['schedule remove sch_1a2b3c4d5e', { action: 'remove', id: 'sch_1a2b3c4d5e' }],
    ['schedule run-now sch_1a2b3c4d5e', { action: 'run-now', id: 'sch_1a2b3c4d5e' }],
    ['schedule run sch_1a2b3c4d5e', { action: 'run-now', id: 'sch_1a2b3c4d5e' }],
  ])('%s', (text, command) => {
    expect(parseRecapCommand(text)).toEqual({ name: 'schedule', command });
  });

  it('keeps the id of a channel link, whatever label Slack gives it', () => {
    for (const link of ['<#C0TARGET|general>', '<#C0TARGET|>', '<#C0TARGET>']) {
      expect(parseRecapCommand(`schedule add digest 0 9 * * 1 channel=${link}`)).toEqual({
        name: 'schedule',
        command: { action: 'add', kind: 'digest', cron: '0 9 * * 1', channel: 'C0TARGET' },
      });
    }
  });

  it.each([
    ['schedule', /schedule needs an action: add, list, remove or run-now/],
    ['schedule pause sch_1a2b3c4d5e', /"pause" is not a schedule action/],
    ['schedule add', /schedule add needs a kind first/],
    ['schedule add tz=UTC digest 0 9 * * 1', /schedule add needs a kind first/],
    ['schedule add digest 0 9 * * 1 every=week', /"every=week" is not a schedule option; use tz=, lang=, nothing-new= or channel=/],
    ['schedule add digest 0 9 * * 1 tz=', /tz= needs a value, e.g\. tz=Asia\/Tokyo/],
    ['schedule add digest 0 9 * * 1 tz=UTC timezone=Asia/Tokyo', /timezone= is given twice/],
    ['schedule add digest 0 9 * * 1 nothing-new=maybe', /nothing-new= is "say" .* or "skip" .*, not "maybe"/],
    ['schedule add digest 0 9 * * 1 channel=#general', /channel=#general is a channel name; give its id/],
    ['schedule list everything', /schedule list takes nothing or "all", not "everything"/],
    ['schedule remove', /schedule remove needs one schedule id/],
    ['schedule run-now sch_a sch_b', /schedule run-now needs one schedule id/],
  ])('%s → help saying what is wrong, with the usage', (text, problem) => {
    const parsed = parseRecapCommand(text);
    expect(parsed).toEqual({ name: 'help', problem: expect.stringMatching(problem) });
    expect(parsed).toEqual({ name: 'help', problem: expect.stringContaining('Usage: /recap schedule add <digest|latest|on-ingest|channel-digest> [cron]') });
  });
});
