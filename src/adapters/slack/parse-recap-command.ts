import { parseCommandText, type ChatCommand } from '../../chat/chat-command.js';
import { inputTooLong } from '../../chat/chat-input.js';
import { plainSlackText } from './mention-text.js';
import { parseScheduleArguments, scheduleText } from './parse-schedule-command.js';

/** `/recap <subcommand> [arguments]` as the shared command; anything else shows the help (with what was wrong). */
export function parseRecapCommand(rawText: string): ChatCommand {
  const tooLong = inputTooLong(rawText);
  if (tooLong !== null) return { name: 'help', problem: tooLong.text };
  return parseCommandText(plainSlackText(rawText).normalize('NFKC'), {
    typed: (word) => `/recap ${word}`,
    commandNoun: 'a /recap subcommand',
    // Parsed from the raw text again: channel links must keep their ids.
    schedule: () => parseScheduleArguments(scheduleText(rawText).replace(/^\S+/, '')),
  });
}
