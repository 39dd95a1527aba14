import type { ScheduleView } from './schedule-service.js';
import type { Schedule } from '../domain/schedule.js';

/** "digest, 0 9 * * 1 (Asia/Tokyo), in ja, en" — what a schedule does, in one line. */
export function describeSchedule(schedule: Schedule): string {
  const when = schedule.cron === null ? 'when a new note lands' : `${schedule.cron} (${schedule.timezone})`;
  const quiet = schedule.sayNothingNew ? ', says when nothing is new' : '';
  return `${schedule.kind}, ${when}, in ${schedule.languages.join(', ')}${quiet}`;
}

/** A listed schedule as plain lines: id and target, what it does, next runs, last result, failure. */
export function describeScheduleView(view: ScheduleView, timezoneLabel = true): string[] {
  const { schedule, status } = view;
  const lines = [`${schedule.id}  ${schedule.platform} ${schedule.channel}  ${describeSchedule(schedule)}`];
  if (view.nextRuns.length > 0) lines.push(`  next: ${view.nextRuns.map((iso) => formatIn(iso, schedule.timezone, timezoneLabel)).join(', ')}`);
  const last = status.lastResult;
  lines.push(`  last: ${last === null ? 'not run yet' : `${last.outcome} at ${formatIn(last.at, schedule.timezone, timezoneLabel)} (${last.detail})`}`);
  if (status.state === 'failing') lines.push(`  FAILING since ${formatIn(status.failingSince ?? last?.at ?? '', schedule.timezone, timezoneLabel)}: ${status.reason ?? 'unknown reason'}`);
  return lines;
}

/** "2026-11-30 09:00" in the schedule's time zone (how its cron pattern reads). */
export function formatIn(iso: string, timezone: string, label = true): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const parts = new Intl.DateTimeFormat('sv-SE', { timeZone: timezone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' }).format(date);
  return label ? `${parts} ${timezone}` : parts;
}
