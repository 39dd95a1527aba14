import { describe, expect, it } from 'vitest';
import { recapSlashCommand } from '../../src/adapters/discord/recap-slash-command.js';

// Discord's documented limits for application commands (Application Commands → Registering a Command).
const NAME = /^[-_\p{Ll}\p{Lo}\p{N}\p{sc=Deva}\p{sc=Thai}]{1,32}$/u;
const MAX_DESCRIPTION = 100;
const MAX_OPTIONS = 25;
const MAX_CHOICES = 25;
const MAX_TOTAL_CHARS = 8000;

interface Option {
  name: string;
  description: string;
  description_localizations?: Record<string, string>;
  options?: Option[];
  choices?: Array<{ name: string; name_localizations?: Record<string, string>; value: string }>;
}

/** Every problem Discord would refuse the command for, as text. */
function problems(option: Option, where: string): string[] {
  const found: string[] = [];
  if (!NAME.test(option.name)) found.push(`${where}: name "${option.name}"`);
  for (const [locale, text] of Object.entries({ en: option.description, ...option.description_localizations })) {
    if (text.length < 1 || text.length > MAX_DESCRIPTION) found.push(`${where}: ${locale} description is ${text.length} characters`);
  }
  if ((option.options?.length ?? 0) > MAX_OPTIONS) found.push(`${where}: ${option.options?.length} options`);
  if ((option.choices?.length ?? 0) > MAX_CHOICES) found.push(`${where}: ${option.choices?.length} choices`);
  for (const choice of option.choices ?? []) for (const name of [choice.name, ...Object.values(choice.name_localizations ?? {})]) if (name.length > MAX_DESCRIPTION) found.push(`${where}: choice "${name}"`);
  return [...found, ...(option.options ?? []).flatMap((child) => problems(child, `${where} ${child.name}`))];
}

/** What counts towards the 8,000 characters: names, descriptions and choice names and values (one locale). */
function characters(option: Option): number {
  const choices = (option.choices ?? []).reduce((sum, choice) => sum + choice.name.length + choice.value.length, 0);
  return option.name.length + option.description.length + choices + (option.options ?? []).reduce((sum, child) => sum + characters(child), 0);
}

describe('/recap as registered with Discord', () => {
  const command = recapSlashCommand() as unknown as Option;

  it('stays within Discord limits on names, descriptions, options and size', () => {
    expect(problems(command, '/recap')).toEqual([]);
    expect(characters(command)).toBeLessThanOrEqual(MAX_TOTAL_CHARS);
  });

  it('has the conversation subcommands with their options', () => {
    const sub = (name: string) => command.options?.find((option) => option.name === name)?.options?.map((option) => option.name);
    expect(sub('thread')).toEqual(['link', 'save']);
    expect(sub('channel')).toEqual(['since', 'channel']);
    expect(sub('purge')).toEqual(['channel']);
  });
});
