import { MessageFlags, type ChatInputCommandInteraction, type Message } from 'discord.js';
import { renderDiscord } from '../../chat/render-discord.js';
import type { Reply } from '../../chat/reply.js';

/**
 * Answers a message with a reply to it (shown as "replying to …" without pinging its author);
 * parts past the first follow in the same channel or thread, in order.
 */
export async function replyToMessage(message: Message, reply: Reply): Promise<void> {
  const [first, ...rest] = renderDiscord(reply);
  if (!first) return;
  // failIfNotExists false: a question deleted meanwhile still gets its answer, as a plain message.
  await message.reply({ ...first, failIfNotExists: false });
  if (!message.channel.isSendable()) return;
  for (const part of rest) await message.channel.send(part);
}

/**
 * Completes a deferred slash command: the first part replaces "thinking…", the rest follow up.
 * A deferred ephemeral reply stays ephemeral when edited; follow-ups must say so themselves.
 */
export async function answerInteraction(interaction: ChatInputCommandInteraction, reply: Reply, options: { ephemeral?: boolean } = {}): Promise<void> {
  const [first, ...rest] = renderDiscord(reply);
  if (!first) return;
  await interaction.editReply(first);
  for (const part of rest) await interaction.followUp(options.ephemeral ? { ...part, flags: MessageFlags.Ephemeral } : part);
}
