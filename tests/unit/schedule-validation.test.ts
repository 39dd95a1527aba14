import { describe, expect, it } from 'vitest';
import { PLATFORMS } from '../../src/app/platforms.js';
import { loadConfig } from '../../src/config.js';
import { describeScheduleView } from '../../src/schedule/describe-schedule.js';
import { cronPatternProblem, nextRuns, validateSchedule, type ScheduleRequest } from '../../src/schedule/schedule.js';

const defaults = { timezone: 'Asia/Tokyo', languages: ['ja', 'en'], platforms: PLATFORMS };
const slackDigest: ScheduleRequest = { platform: 'slack', channel: 'C0123ABCD', kind: 'digest', cron: '0 9 * * 1', createdBy: 'test' };

function problemOf(request: Partial<ScheduleRequest>): string {
  try {
    validateSchedule({ ...slackDigest, ...request }, defaults, 'sch_abcdef1234');
  } catch (error) {
    return (error as Error).message;
  }
  return 'no error';
}

describe('schedule validation', () => {
  it('fills in the time zone and languages from the defaults', () => {
    const schedule = validateSchedule(slackDigest, defaults, 'sch_abcdef1234', new Date('2026-11-27T00:00:00Z'));
    expect(schedule).toMatchObject({ timezone: 'Asia/Tokyo', languages: ['ja', 'en'], sayNothingNew: false, cron: '0 9 * * 1' });
  });

  it('names a bad cron pattern and why', () => {
    expect(problemOf({ cron: '61 * * * *' })).toMatch(/cron: "61 \* \* \* \*" is not valid: .*61/);
    expect(problemOf({ cron: '0 9 * *' })).toMatch(/cron: "0 9 \* \*" has 4 fields; use 5 .* or 6/);
    expect(problemOf({ cron: 'every monday' })).toMatch(/cron: "every monday" has 2 fields/);
    expect(problemOf({ cron: null })).toMatch(/cron: is required/);
    expect(problemOf({ kind: 'on-ingest', cron: '0 9 * * 1' })).toMatch(/on-ingest .* takes no cron/);
    // A pasted wall of text: refused without echoing all of it.
    const pasted = problemOf({ cron: '* '.repeat(5_000) });
    expect(pasted).toMatch(/cron: ".{1,60}" is longer than 100 characters/);
    expect(pasted.length).toBeLessThan(200);
  });

  it('names a bad time zone, kind, platform, channel and language', () => {
    expect(problemOf({ timezone: 'Mars/Olympus' })).toMatch(/timezone: "Mars\/Olympus" is not a time zone/);
    expect(problemOf({ kind: 'weekly' })).toMatch(/kind: "weekly" is not one of digest, latest, on-ingest/);
    expect(problemOf({ platform: 'teams' })).toMatch(/platform: "teams"/);
    expect(problemOf({ channel: '#general' })).toMatch(/channel: "#general" is not a Slack channel id/);
    expect(problemOf({ platform: 'discord', channel: 'C0123ABCD' })).toMatch(/not a Discord channel id/);
    expect(problemOf({ languages: ['japanese'] })).toMatch(/languages: "japanese"/);
    // Every problem at once, not one per try.
    expect(problemOf({ timezone: 'Nowhere', cron: '99 * * * *' }).split('\n')).toHaveLength(3);
  });

  it('checks the channel of each platform by its own pattern, a third platform too', () => {
    const mattermost = {
      id: 'mattermost',
      tokenVariable: 'MATTERMOST_TOKEN',
      channelIdPattern: /^[a-z0-9]{26}$/,
      describeBadChannel: (channel: string) => `"${channel}" is not a Mattermost channel id (26 letters and digits)`,
    };
    const rules = { ...defaults, platforms: [...PLATFORMS, mattermost] };
    const request = { ...slackDigest, platform: 'mattermost' };
    expect(validateSchedule({ ...request, channel: 'abcdefghij0123456789abcdef' }, rules, 'sch_abcdef1234')).toMatchObject({ platform: 'mattermost' });
    expect(() => validateSchedule({ ...request, channel: '123456789012345678' }, rules, 'sch_abcdef1234')).toThrow(/channel: "123456789012345678" is not a Mattermost channel id/);
    expect(() => validateSchedule(request, defaults, 'sch_abcdef1234')).toThrow(/platform: "mattermost" is not one of slack, discord/);
  });

  it('reads the pattern in the schedule time zone', () => {
    const [first, second] = nextRuns({ cron: '0 9 * * 1', timezone: 'Asia/Tokyo' }, 2, new Date('2026-11-27T00:00:00Z'));
    // Monday 09:00 in Tokyo is 00:00 UTC.
    expect(first?.toISOString()).toBe('2026-11-30T00:00:00.000Z');
    expect(second?.toISOString()).toBe('2026-12-07T00:00:00.000Z');
    expect(nextRuns({ cron: null, timezone: 'UTC' }, 3)).toEqual([]);
    expect(cronPatternProblem('* * * * * *', 'UTC')).toBeNull();
  });

  it('lists a failing schedule with its reason and next runs in its own time zone', () => {
    const schedule = validateSchedule(slackDigest, defaults, 'sch_abcdef1234');
    const lines = describeScheduleView({
      schedule,
      status: { state: 'failing', reason: 'Slack: not_in_channel', failingSince: '2026-11-27T00:00:00.000Z', lastResult: null, digestCutoff: null, latestNoteId: null },
      nextRuns: ['2026-11-30T00:00:00.000Z'],
    });
    expect(lines.join('\n')).toContain('next: 2026-11-30 09:00:00 Asia/Tokyo');
    expect(lines.join('\n')).toContain('FAILING since 2026-11-27 09:00:00 Asia/Tokyo: Slack: not_in_channel');
  });

  it('RECAP_TIMEZONE is checked, and defaults to the machine time zone', () => {
    expect(() => loadConfig({ RECAP_TIMEZONE: 'Asia/Tokio' })).toThrow(/RECAP_TIMEZONE: "Asia\/Tokio" is not a time zone/);
    expect(loadConfig({ RECAP_TIMEZONE: 'Asia/Tokyo' }).timezone).toBe('Asia/Tokyo');
    expect(loadConfig({}).timezone).toBe(Intl.DateTimeFormat().resolvedOptions().timeZone);
  });
});
