import { cleanContent, type Message } from 'discord.js';

/**
 * The question in a message addressed to the bot, or null when the message is not for it.
 * Addressed means a direct message to the bot, or text that mentions the bot itself (<@id>) or the role Discord manages for it
 * (<@&role>, what "@Recap" inserts in some clients). @everyone and @here do not count: a message
 * that only mentions everyone is not a question to the bot. Authors that are bots (this one
 * included), webhooks and system messages are never answered.
 */
export function questionForBot(message: Message, botUserId: string): string | null {
  if (message.author.bot || message.webhookId !== null || message.system) return null;
  // A direct message is addressed to the bot as a whole (a mention in it is allowed too).
  if (!message.inGuild()) return message.content.replace(new RegExp(`<@!?${botUserId}>`, 'g'), ' ').replace(/\s+/g, ' ').trim();
  const botRoleIds = message.mentions.roles.filter((role) => role.tags?.botId === botUserId).map((role) => role.id);
  const mentions = [`<@!?${botUserId}>`, ...botRoleIds.map((id) => `<@&${id}>`)];
  const addressed = new RegExp(mentions.join('|'), 'g');
  if (message.content.search(addressed) === -1) return null;
  const rest = message.content.replace(addressed, ' ');
  // Other mentions become readable names (@alice) rather than ids in the question.
  return cleanContent(rest, message.channel).replace(/\s+/g, ' ').trim();
}

/** "@Recap ingest" (with note files attached): the word first, anything after it ignored. */
export function isIngestRequest(question: string): boolean {
  return /^ingest\b/i.test(question);
}
