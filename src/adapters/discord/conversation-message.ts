import { cleanContent, MessageType, type Message } from 'discord.js';
import type { ConversationMessage } from '../../domain/conversation.js';
import type { CaptureFacts } from '../../chat/capture-message.js';

// The schema's caps: a longer name or text is cut rather than dropped.
const MAX_NAME_CHARS = 120;
const MAX_TEXT_CHARS = 40_000;

/** A guild message as recap keeps it, with what capture needs to know besides; null for messages that are never kept. */
export interface DiscordConversationMessage {
  message: ConversationMessage;
  facts: CaptureFacts;
}

/**
 * A guild message as a ConversationMessage: plain text (mentions as names, @everyone and @here
 * without their "@", custom emoji as :name:), the thread it is in (a Discord thread is a channel
 * of its own, so a message in one has channel = threadId = the thread's id), its link, its
 * thread's size and its reactions. Null for what recap never keeps: DMs, system messages
 * (joins, pins, "thread started"), webhooks, messages addressed to the bot itself (commands,
 * not conversation) and messages with neither text nor files. Bots' messages come back with
 * facts.fromBot so that capture can skip them.
 */
export function conversationMessageOf(message: Message, botUserId: string): DiscordConversationMessage | null {
  if (!message.inGuild() || message.partial) return null;
  if (message.type !== MessageType.Default && message.type !== MessageType.Reply) return null;
  if (message.webhookId !== null) return null;
  if (addressesBot(message, botUserId)) return null;
  const text = plainText(message);
  if (text === '' && message.attachments.size === 0) return null;
  const inThread = message.channel.isThread();
  const reactions = [...message.reactions.cache.values()];
  return {
    message: {
      id: message.id,
      channel: message.channelId,
      threadId: inThread ? message.channelId : null,
      user: message.author.id,
      userName: (message.member?.displayName ?? message.author.displayName).slice(0, MAX_NAME_CHARS),
      text: text.slice(0, MAX_TEXT_CHARS),
      at: message.createdTimestamp,
      url: `https://discord.com/channels/${message.guildId}/${message.channelId}/${message.id}`,
      // A message that started a thread: the thread's size (the thread has the message's id).
      replyCount: message.thread?.messageCount ?? 0,
      reactionCount: reactions.reduce((sum, reaction) => sum + (reaction.count ?? 0), 0),
      fileCount: message.attachments.size,
    },
    facts: { fromBot: message.author.bot || message.system, reactions: reactions.flatMap((reaction) => (reaction.emoji.name ? [reaction.emoji.name] : [])) },
  };
}

/** Whether the message mentions the bot itself or its managed role (what handle-message answers). */
function addressesBot(message: Message<true>, botUserId: string): boolean {
  if (new RegExp(`<@!?${botUserId}>`).test(message.content)) return true;
  return message.mentions.roles.some((role) => role.tags?.botId === botUserId && message.content.includes(`<@&${role.id}>`));
}

/**
 * The text with no mention syntax left: users, roles and channels by name (cleanContent), then
 * whatever it did not know (an uncached user: "@user"), @everyone and @here as plain words.
 */
export function plainText(message: Message<true>): string {
  return cleanContent(message.content, message.channel)
    .replace(/<@!?\d+>/g, '@user')
    .replace(/<@&\d+>/g, '@role')
    .replace(/<#\d+>/g, '#channel')
    .replace(/<a?:(\w+):\d+>/g, ':$1:')
    .replace(/@(everyone|here)\b/gi, '$1')
    .trim();
}
