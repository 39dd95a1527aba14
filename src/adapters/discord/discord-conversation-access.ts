import { PermissionFlagsBits, type Channel, type Client, type GuildMember, type GuildTextBasedChannel, type ThreadChannel } from 'discord.js';
import { parseSince, type ConversationAccess, type ConversationTarget } from '../../chat/conversation-target.js';
import type { ConversationScope } from '../../domain/conversation.js';
import { errorReply, type Reply } from '../../domain/reply.js';
import type { DiscordHistory } from './discord-history.js';
import { PLATFORM } from './discord-front-end.js';

/** Where a conversation command was typed, and by whom. */
export interface AskedFrom {
  client: Client;
  guildId: string | null;
  channelId: string;
  member: GuildMember | null;
}

const NOT_A_THREAD =
  'This is not a thread. Ask inside the thread (`@Recap まとめて`, `/recap thread`), or give a link to it or to the message that started it: `/recap thread link:https://discord.com/channels/…`.';
const MESSAGE_LINK = /^<?https:\/\/(?:(?:ptb|canary)\.)?discord(?:app)?\.com\/channels\/(\d+|@me)\/(\d+)(?:\/(\d+))?>?$/;

/**
 * Discord's part in conversation commands: which thread or channel a command means (the one it
 * was typed in, a message link, a #channel or its id), only in this server and only where the
 * asker may read the history themselves, and the channel history (DiscordHistory). A thread
 * is a channel of its own, so its scope has channel = threadId = the thread's id.
 */
export function discordConversationAccess(where: AskedFrom, history: DiscordHistory, timeZone: string): ConversationAccess {
  return {
    history,
    scopeOf: async (target) => (target.kind === 'thread' ? threadScope(where, target.link) : channelScope(where, target, timeZone)),
  };
}

async function threadScope(where: AskedFrom, link: string | null): Promise<ConversationScope | Reply> {
  let thread: Channel | null;
  if (link === null) thread = where.client.channels.cache.get(where.channelId) ?? null;
  else {
    const found = linkedChannel(where, link);
    if ('reply' in found) return found.reply;
    // A link to a message that started a thread: the thread has the message's id.
    thread = (found.message !== null ? where.client.channels.cache.get(found.message) : null) ?? (await channelById(where.client, found.channel));
  }
  if (thread === null || !thread.isThread()) return errorReply(NOT_A_THREAD);
  const refused = refusal(where, thread);
  if (refused !== null) return refused;
  return { platform: PLATFORM, channel: thread.id, threadId: thread.id, channelName: `#${thread.name}`, since: null };
}

async function channelScope(where: AskedFrom, target: Extract<ConversationTarget, { kind: 'channel' }>, timeZone: string): Promise<ConversationScope | Reply> {
  const since = parseSince(target.since, Date.now(), timeZone);
  if ('problem' in since) return errorReply(since.problem);
  const channel = target.channel === null ? (where.client.channels.cache.get(where.channelId) ?? null) : await namedChannel(where, target.channel);
  if (channel === null) return errorReply(`recap does not know the channel "${(target.channel ?? '').slice(0, 80)}" in this server: pick it in the channel option, or write it as #name.`);
  if (!isGuildText(channel)) return errorReply('That is not a text channel or thread: recap recaps what is written.');
  const refused = refusal(where, channel);
  if (refused !== null) return refused;
  return { platform: PLATFORM, channel: channel.id, threadId: null, channelName: `#${channel.name}`, since: since.since };
}

/** A channel as typed: <#id>, an id, #name or name, or a link to it or to one of its messages. */
async function namedChannel(where: AskedFrom, typed: string): Promise<Channel | null> {
  const text = typed.trim();
  const id = /^<#(\d+)>$/.exec(text)?.[1] ?? (/^\d{17,20}$/.test(text) ? text : null);
  if (id !== null) return channelById(where.client, id);
  if (MESSAGE_LINK.test(text)) {
    const found = linkedChannel(where, text);
    return 'reply' in found ? null : channelById(where.client, found.channel);
  }
  const name = text.replace(/^#/, '').toLowerCase();
  const guild = where.guildId === null ? undefined : where.client.guilds.cache.get(where.guildId);
  return guild?.channels.cache.find((channel) => channel.name.toLowerCase() === name && channel.isTextBased()) ?? null;
}

function linkedChannel(where: AskedFrom, link: string): { channel: string; message: string | null } | { reply: Reply } {
  const match = MESSAGE_LINK.exec(link.trim());
  if (!match) return { reply: errorReply(`"${link.slice(0, 80)}" is not a Discord link: right-click the message or thread → Copy Message Link (or Copy Link).`) };
  if (match[1] !== where.guildId) return { reply: errorReply('That link is to another server: recap recaps only the channels of this one.') };
  return { channel: match[2] ?? '', message: match[3] ?? null };
}

/** The cached channel, or Discord's; null when Discord does not show it to the bot. */
async function channelById(client: Client, id: string): Promise<Channel | null> {
  const cached = client.channels.cache.get(id);
  if (cached) return cached;
  try {
    return await client.channels.fetch(id);
  } catch {
    return null;
  }
}

function isGuildText(channel: Channel): channel is GuildTextBasedChannel {
  return channel.isTextBased() && !channel.isDMBased();
}

/**
 * Null when the asker may read the channel's history themselves (View Channel and Read Message
 * History); a recap must never show what they could not read in Discord.
 */
function refusal(where: AskedFrom, channel: GuildTextBasedChannel | ThreadChannel): Reply | null {
  if (channel.guildId !== where.guildId) return errorReply('That channel is in another server: recap recaps only the channels of this one.');
  const permissions = where.member === null ? null : channel.permissionsFor(where.member);
  if (permissions?.has([PermissionFlagsBits.ViewChannel, PermissionFlagsBits.ReadMessageHistory]) !== true) {
    return errorReply(`You cannot read the history of #${channel.name}, so recap will not recap it for you.`);
  }
  return null;
}
