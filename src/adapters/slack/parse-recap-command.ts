import type { ScheduleCommand } from '../../chat/schedule-commands.js';
import { inputTooLong } from '../../chat/chat-input.js';
import { languageCodeSchema } from '../../domain/language.js';
import { plainSlackText } from './mention-text.js';
import { parseScheduleArguments, scheduleText } from './parse-schedule-command.js';

/** A `/recap` invocation, parsed. `help` carries the reason when the input was not understood. */
export type RecapCommand =
  | { name: 'ask'; question: string }
  | { name: 'summary'; note: string | null }
  | { name: 'translate'; note: string; language: string }
  | { name: 'list' }
  | { name: 'define'; term: string }
  | { name: 'ingest' }
  | { name: 'delete'; note: string }
  | { name: 'schedule'; command: ScheduleCommand }
  | { name: 'help'; problem?: string };

/** `/recap <subcommand> [arguments]`; anything else shows the help (with what was wrong). */
export function parseRecapCommand(rawText: string): RecapCommand {
  const tooLong = inputTooLong(rawText);
  if (tooLong !== null) return { name: 'help', problem: tooLong.text };
  const text = plainSlackText(rawText).normalize('NFKC');
  const match = /^(\S+)\s*([\s\S]*)$/.exec(text);
  if (!match) return { name: 'help' };
  const word = (match[1] ?? '').toLowerCase();
  const rest = (match[2] ?? '').trim();
  switch (word) {
    case 'ask':
      return rest === '' ? { name: 'help', problem: 'ask needs a question: /recap ask what is Brown Field?' } : { name: 'ask', question: rest };
    case 'summary':
    case 'recap':
      return { name: 'summary', note: rest === '' ? null : rest };
    case 'translate': {
      const parts = /^([\s\S]+?)\s+(\S+)$/.exec(rest);
      const language = parts?.[2] ?? '';
      if (!parts || !languageCodeSchema.safeParse(language).success) {
        return { name: 'help', problem: 'translate needs a note and a language code: /recap translate <note> en' };
      }
      return { name: 'translate', note: (parts[1] ?? '').trim(), language };
    }
    case 'list':
    case 'notes':
      return { name: 'list' };
    case 'define':
      return rest === '' ? { name: 'help', problem: 'define needs a term: /recap define Brown Field' } : { name: 'define', term: rest };
    case 'ingest':
    case 'upload':
      return { name: 'ingest' };
    case 'delete':
      return rest === '' ? { name: 'help', problem: 'delete needs a note: /recap delete <note id>' } : { name: 'delete', note: rest };
    case 'schedule': {
      // Parsed from the raw text again: channel links must keep their ids.
      const parsed = parseScheduleArguments(scheduleText(rawText).replace(/^\S+/, ''));
      return 'problem' in parsed ? { name: 'help', problem: parsed.problem } : { name: 'schedule', command: parsed.command };
    }
    case 'help':
      return { name: 'help' };
    default:
      return { name: 'help', problem: `"${word.slice(0, 40)}" is not a /recap subcommand. To ask a question: /recap ask ${text.slice(0, 80)}` };
  }
}
