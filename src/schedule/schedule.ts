import { CronExpressionParser } from 'cron-parser';
import { isTimeZone } from '../config.js';
import { RecapError } from '../errors.js';
import { languageCodeSchema } from '../domain/language.js';
import { platformFacts, type PlatformFacts } from '../domain/platform.js';
import { SCHEDULE_KINDS, scheduleSchema, type Schedule } from '../domain/schedule.js';

/** What someone asks for when adding a schedule (the rest gets defaults). */
export interface ScheduleRequest {
  platform: string;
  channel: string;
  kind: string;
  cron?: string | null;
  timezone?: string | null;
  languages?: readonly string[] | null;
  sayNothingNew?: boolean;
  createdBy: string;
}

export interface ScheduleDefaults {
  timezone: string;
  languages: readonly string[];
}

/** What a request is checked against: the defaults, and the chat platforms there are (their channel ids). */
export interface ScheduleRules extends ScheduleDefaults {
  platforms: readonly PlatformFacts[];
}

// Real patterns are short; a long one is a paste gone wrong (and is echoed back in errors).
const MAX_CRON_CHARS = 100;
const MAX_ECHO_CHARS = 60;

/**
 * Checks a request and fills in defaults; every problem is named in one RecapError
 * ('config_invalid'), e.g. `cron: "61 * * * *" is not valid: Constraint error, got value 61…`.
 */
export function validateSchedule(request: ScheduleRequest, rules: ScheduleRules, id: string, now = new Date()): Schedule {
  const problems: string[] = [];
  const facts = platformFacts(rules.platforms, request.platform.trim().toLowerCase());
  const platform = facts?.id;
  if (!facts) problems.push(`platform: "${clip(request.platform)}" is not one of ${rules.platforms.map((known) => known.id).join(', ')}`);
  const kind = SCHEDULE_KINDS.find((name) => name === request.kind.trim().toLowerCase());
  if (!kind) problems.push(`kind: "${clip(request.kind)}" is not one of ${SCHEDULE_KINDS.join(', ')}`);
  const channel = request.channel.trim();
  if (facts && !facts.channelIdPattern.test(channel)) problems.push(`channel: ${facts.describeBadChannel(clip(channel))}`);
  const timezone = request.timezone?.trim() || rules.timezone;
  if (!isTimeZone(timezone)) problems.push(`timezone: "${clip(timezone)}" is not a time zone; use an IANA name such as Asia/Tokyo or UTC`);
  const cron = request.cron?.trim().replace(/\s+/g, ' ') || null;
  if (kind === 'on-ingest') {
    if (cron !== null) problems.push('cron: an on-ingest schedule posts when a note lands and takes no cron pattern');
  } else if (kind !== undefined) {
    const cronProblem = cron === null ? 'is required (e.g. "0 9 * * 1" for Mondays at 9:00)' : cronPatternProblem(cron, isTimeZone(timezone) ? timezone : 'UTC');
    if (cronProblem) problems.push(`cron: ${cron === null ? '' : `"${clip(cron)}" `}${cronProblem}`);
  }
  const languages = [...new Set((request.languages ?? rules.languages).map((code) => code.trim()).filter((code) => code !== ''))];
  const badLanguages = languages.filter((code) => !languageCodeSchema.safeParse(code).success);
  if (languages.length === 0 || badLanguages.length > 0) problems.push(`languages: ${badLanguages.map((code) => `"${clip(code)}"`).join(', ') || 'none given'}; use codes such as ja,en`);
  if (problems.length > 0 || !platform || !kind) throw new RecapError('config_invalid', `Invalid schedule:\n  ${problems.join('\n  ')}`);
  return scheduleSchema.parse({
    id,
    platform,
    channel,
    kind,
    cron,
    timezone,
    languages,
    sayNothingNew: request.sayNothingNew ?? false,
    createdAt: now.toISOString(),
    createdBy: request.createdBy,
  });
}

/** Why a cron pattern is not usable, or null when it is: 5 fields, or 6 with seconds first. */
export function cronPatternProblem(pattern: string, timezone: string): string | null {
  if (pattern.length > MAX_CRON_CHARS) return `is longer than ${MAX_CRON_CHARS} characters`;
  const fields = pattern.split(' ').length;
  if (!pattern.startsWith('@') && fields !== 5 && fields !== 6) return `has ${fields} field${fields === 1 ? '' : 's'}; use 5 (minute hour day month weekday) or 6 (seconds first)`;
  try {
    CronExpressionParser.parse(pattern, { tz: timezone, strict: false }).next();
    return null;
  } catch (error) {
    return `is not valid: ${error instanceof Error ? error.message : String(error)}`;
  }
}

/** The next `count` times a schedule fires after `from` (none for on-ingest). */
export function nextRuns(schedule: Pick<Schedule, 'cron' | 'timezone'>, count: number, from = new Date()): Date[] {
  if (schedule.cron === null) return [];
  const expression = CronExpressionParser.parse(schedule.cron, { tz: schedule.timezone, currentDate: from });
  const runs: Date[] = [];
  for (let n = 0; n < count && expression.hasNext(); n++) runs.push(expression.next().toDate());
  return runs;
}

/** A value as echoed in an error: short enough to read. */
function clip(value: string): string {
  return value.length <= MAX_ECHO_CHARS ? value : `${value.slice(0, MAX_ECHO_CHARS - 1)}…`;
}
