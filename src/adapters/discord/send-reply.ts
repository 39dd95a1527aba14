import { ActionRowBuilder, ButtonBuilder, ButtonStyle, MessageFlags, type ChatInputCommandInteraction, type Message, type MessageComponentInteraction } from 'discord.js';
import { renderDiscord, type DiscordButton, type DiscordMessage } from './render-discord.js';
import type { Reply } from '../../domain/reply.js';

/**
 * Answers a message with a reply to it (shown as "replying to …" without pinging its author);
 * parts past the first follow in the same channel or thread, in order.
 */
export async function replyToMessage(message: Message, reply: Reply): Promise<void> {
  const [first, ...rest] = renderDiscord(reply).map(withComponents);
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
  const [first, ...rest] = renderDiscord(reply).map(withComponents);
  if (!first) return;
  await interaction.editReply(first);
  for (const part of rest) await interaction.followUp(options.ephemeral ? { ...part, flags: MessageFlags.Ephemeral } : part);
}

/** Replaces the message a (deferred) button click came from with the reply, taking its buttons away. */
export async function updateClickedMessage(interaction: MessageComponentInteraction, reply: Reply): Promise<void> {
  const [first] = renderDiscord(reply).map(withComponents);
  if (first) await interaction.editReply({ ...first, components: first.components ?? [] });
}

/** A rendered message with its buttons as discord.js components (one row holds five). */
function withComponents(message: DiscordMessage): Omit<DiscordMessage, 'buttons'> & { components?: Array<ActionRowBuilder<ButtonBuilder>> } {
  const { buttons, ...rest } = message;
  if (!buttons || buttons.length === 0) return rest;
  const rows: Array<ActionRowBuilder<ButtonBuilder>> = [];
  for (let start = 0; start < buttons.length; start += 5) rows.push(new ActionRowBuilder<ButtonBuilder>().addComponents(buttons.slice(start, start + 5).map(toButton)));
  return { ...rest, components: rows };
}

function toButton(button: DiscordButton): ButtonBuilder {
  return new ButtonBuilder()
    .setCustomId(button.customId)
    .setLabel(button.label)
    .setStyle(button.style === 'danger' ? ButtonStyle.Danger : ButtonStyle.Secondary);
}
