import type { ScheduleCommand } from '../../chat/schedule-commands.js';
import { plainSlackText } from './mention-text.js';

/** What `/recap schedule` accepts, shown with every problem. */
export const SCHEDULE_USAGE =
  'Usage: /recap schedule add <digest|latest|on-ingest|channel-digest> [cron] [tz=Asia/Tokyo] [lang=ja,en] [nothing-new=say|skip] [channel=#channel]' +
  ' · /recap schedule list [all] · /recap schedule remove <id> · /recap schedule run-now <id>';

/** The arguments after `/recap schedule`, parsed: a command for the core, or what was wrong. */
export type ScheduleParse = { command: ScheduleCommand } | { problem: string };

/** `key=value` tokens of `schedule add`, by the names people type. */
const OPTION_NAMES: Record<string, AddOption> = {
  tz: 'timezone',
  timezone: 'timezone',
  lang: 'languages',
  langs: 'languages',
  languages: 'languages',
  'nothing-new': 'nothing-new',
  channel: 'channel',
};
type AddOption = 'timezone' | 'languages' | 'nothing-new' | 'channel';

/**
 * `/recap schedule …` text as a person typed it, except that channel links keep their id:
 * plainSlackText turns `<#C123|general>` into `#general`, and a schedule needs the id.
 */
export function scheduleText(rawText: string): string {
  return plainSlackText(rawText.replace(/<#([CG][A-Z0-9]+)(?:\|[^>]*)?>/g, '$1')).normalize('NFKC');
}

/** Parses what follows `/recap schedule` (see SCHEDULE_USAGE); checking the values is the core's job. */
export function parseScheduleArguments(text: string): ScheduleParse {
  const [action = '', ...args] = text.trim().split(/\s+/).filter((token) => token !== '');
  switch (action.toLowerCase()) {
    case 'add':
      return parseAdd(args);
    case 'list':
      if (args.length === 0) return { command: { action: 'list' } };
      if (args.length === 1 && args[0]?.toLowerCase() === 'all') return { command: { action: 'list', all: true } };
      return problem(`schedule list takes nothing or "all", not "${clip(args.join(' '))}".`);
    case 'remove':
      return withId(args, (id) => ({ action: 'remove', id }), 'remove');
    case 'run-now':
    case 'run':
      return withId(args, (id) => ({ action: 'run-now', id }), 'run-now');
    case '':
      return problem('schedule needs an action: add, list, remove or run-now.');
    default:
      return problem(`"${clip(action)}" is not a schedule action; use add, list, remove or run-now.`);
  }
}

/** `add <kind> [cron fields…] [key=value…]`: the non-option tokens after the kind are the cron pattern. */
function parseAdd(args: string[]): ScheduleParse {
  const [kind, ...rest] = args;
  if (kind === undefined || kind.includes('=')) return problem('schedule add needs a kind first: digest, latest, on-ingest or channel-digest.');
  const cronFields: string[] = [];
  const options = new Map<AddOption, string>();
  for (const token of rest) {
    const option = /^([^=]+)=(.*)$/.exec(token);
    if (!option) {
      cronFields.push(token);
      continue;
    }
    const name = OPTION_NAMES[(option[1] ?? '').toLowerCase()];
    const value = option[2] ?? '';
    if (name === undefined) return problem(`"${clip(token)}" is not a schedule option; use tz=, lang=, nothing-new= or channel=.`);
    if (value === '') return problem(`${option[1]}= needs a value, e.g. ${exampleOf(name)}.`);
    if (options.has(name)) return problem(`${option[1]}= is given twice.`);
    options.set(name, value);
  }
  const command: Extract<ScheduleCommand, { action: 'add' }> = { action: 'add', kind: kind.toLowerCase(), cron: cronFields.length > 0 ? cronFields.join(' ') : null };
  const timezone = options.get('timezone');
  if (timezone !== undefined) command.timezone = timezone;
  const languages = options.get('languages');
  if (languages !== undefined) command.languages = languages.split(',').map((code) => code.trim()).filter((code) => code !== '');
  const nothingNew = options.get('nothing-new');
  if (nothingNew !== undefined) {
    const say = sayNothingNew(nothingNew);
    if (say === null) return problem(`nothing-new= is "say" (post a short "nothing new" line) or "skip" (post nothing), not "${clip(nothingNew)}".`);
    command.sayNothingNew = say;
  }
  const channel = options.get('channel');
  if (channel !== undefined) {
    // Without escaping Slack sends a typed #channel as its name; only the id names a channel for good.
    if (channel.startsWith('#')) return problem(`channel=${clip(channel)} is a channel name; give its id (channel details → About, e.g. C0123ABCD), or type the command in that channel.`);
    command.channel = channel;
  }
  return { command };
}

function withId(args: string[], command: (id: string) => ScheduleCommand, action: string): ScheduleParse {
  const [id] = args;
  if (id === undefined || args.length > 1) return problem(`schedule ${action} needs one schedule id (such as sch_1a2b3c4d5e); /recap schedule list shows them.`);
  return { command: command(id) };
}

function sayNothingNew(value: string): boolean | null {
  switch (value.toLowerCase()) {
    case 'say':
    case 'yes':
    case 'true':
      return true;
    case 'skip':
    case 'no':
    case 'false':
      return false;
    default:
      return null;
  }
}

function exampleOf(option: AddOption): string {
  switch (option) {
    case 'timezone':
      return 'tz=Asia/Tokyo';
    case 'languages':
      return 'lang=ja,en';
    case 'nothing-new':
      return 'nothing-new=say';
    case 'channel':
      return 'channel=C0123ABCD';
  }
}

function problem(text: string): ScheduleParse {
  return { problem: `${text}\n${SCHEDULE_USAGE}` };
}

function clip(text: string): string {
  return text.length <= 40 ? text : `${text.slice(0, 39)}…`;
}
