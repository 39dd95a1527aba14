import { parseCommandText, type ChatCommand } from '../../chat/chat-command.js';
import { inputTooLong } from '../../chat/chat-input.js';
import { plainSlackText } from './mention-text.js';
import { parseScheduleArguments, scheduleText } from './parse-schedule-command.js';

/** `/recap <subcommand> [arguments]` as the shared command; anything else shows the help (with what was wrong). */
export function parseRecapCommand(rawText: string): ChatCommand {
  const tooLong = inputTooLong(rawText);
  if (tooLong !== null) return { name: 'help', problem: tooLong.text };
  const command = parseCommandText(plainSlackText(rawText).normalize('NFKC'), {
    typed: (word) => `/recap ${word}`,
    commandNoun: 'a /recap subcommand',
    // Parsed from the raw text again: channel links must keep their ids.
    schedule: () => parseScheduleArguments(scheduleText(rawText).replace(/^\S+/, '')),
  });
  return withChannelLink(command, rawText);
}

/**
 * plainSlackText shows `<#C123|general>` as "#general"; `/recap channel` and `/recap purge` need
 * the channel's id, so the link they name is given back as Slack sent it.
 */
function withChannelLink(command: ChatCommand, rawText: string): ChatCommand {
  const named = command.name === 'purge' ? command.channel : command.name === 'conversation' && command.target.kind === 'channel' ? command.target.channel : null;
  if (named === null) return command;
  const link = [...rawText.matchAll(/<#([CG][A-Z0-9]+)(?:\|([^>]*))?>/g)].find((match) => `#${match[2] ?? ''}` === named || match[0] === named)?.[0];
  if (link === undefined) return command;
  if (command.name === 'purge') return { ...command, channel: link };
  if (command.name === 'conversation' && command.target.kind === 'channel') return { ...command, target: { ...command.target, channel: link } };
  return command;
}
