import { parseSince, type ConversationAccess, type ConversationTarget } from '../../chat/conversation-target.js';
import { ConversationUnreadable, type ConversationScope } from '../../domain/conversation.js';
import { errorReply, type Reply } from '../../domain/reply.js';
import type { Runtime } from '../../runtime.js';
import type { SlackConversations } from './slack-conversations.js';
import { parseSlackMessageLink } from './slack-message-text.js';
import { PLATFORM } from './slack-services.js';

/** Where a command was typed, as Slack tells it. */
export interface SlackWhere {
  user: string;
  channel: string;
  /** "general" (a slash command's channel_name), when known. */
  channelName: string | null;
  /** The thread a mention was posted in; null outside a thread (slash commands never know one). */
  threadTs: string | null;
}

const THREAD_HELP = 'Give the link of a message in the thread (hover it → ⋮ → Copy link): /recap thread <link>. Or mention @recap in the thread: "@recap まとめて" / "@recap recap".';

/**
 * Slack's ConversationAccess: a thread by message link (a reply's link leads to its thread) or by
 * the thread a mention is in; a channel by its link (`<#C123|general>`), its id, or the one the
 * command was typed in. A conversation elsewhere is recapped only for members of it: recap is in
 * private channels the asker may not be in.
 */
export function slackConversationAccess(runtime: Runtime, conversations: SlackConversations, where: SlackWhere): ConversationAccess {
  return {
    history: conversations.history,
    scopeOf: async (target) => {
      try {
        return target.kind === 'thread' ? await threadScope(runtime, conversations, where, target.link) : await channelScope(runtime, conversations, where, target);
      } catch (error) {
        if (error instanceof ConversationUnreadable) return errorReply(`recap cannot read that channel: ${error.reason}`);
        throw error;
      }
    },
  };
}

async function threadScope(runtime: Runtime, conversations: SlackConversations, where: SlackWhere, link: string | null): Promise<ConversationScope | Reply> {
  if (link === null) {
    if (where.threadTs === null) return errorReply(THREAD_HELP);
    return { platform: PLATFORM, channel: where.channel, threadId: where.threadTs, since: null, ...nameOf(where.channelName) };
  }
  const parsed = parseSlackMessageLink(link);
  if (parsed === null) return errorReply(`"${link.slice(0, 80)}" is not a Slack message link. ${THREAD_HELP}`);
  const refused = await othersRefused(conversations, where, parsed.channel);
  if (refused !== null) return refused;
  // A reply's link names its thread; without that, a reply recap captured knows its thread.
  const stored = parsed.threadTs === null ? await runtime.conversations.get(PLATFORM, parsed.channel, parsed.ts) : null;
  const threadId = parsed.threadTs ?? stored?.threadId ?? parsed.ts;
  return { platform: PLATFORM, channel: parsed.channel, threadId, since: null, ...(parsed.channel === where.channel ? nameOf(where.channelName) : {}) };
}

async function channelScope(runtime: Runtime, conversations: SlackConversations, where: SlackWhere, target: Extract<ConversationTarget, { kind: 'channel' }>): Promise<ConversationScope | Reply> {
  const named = channelOf(target.channel, where);
  if ('problem' in named) return errorReply(named.problem);
  const since = parseSince(target.since, Date.now(), runtime.config.timezone);
  if ('problem' in since) return errorReply(since.problem);
  const refused = await othersRefused(conversations, where, named.channel);
  if (refused !== null) return refused;
  return { platform: PLATFORM, channel: named.channel, threadId: null, since: since.since, ...nameOf(named.name) };
}

/** The channel a command names: `<#C123|general>`, `<#C123>`, C123, #general (only the one typed in), or none (the one typed in). */
function channelOf(text: string | null, where: SlackWhere): { channel: string; name: string | null } | { problem: string } {
  if (text === null || text.trim() === '') return { channel: where.channel, name: where.channelName };
  const value = text.trim();
  const link = /^<#([CG][A-Z0-9]{2,})(?:\|([^>]*))?>$/.exec(value) ?? /^#?([CG][A-Z0-9]{2,})$/.exec(value);
  if (link) {
    const channel = link[1] ?? '';
    return { channel, name: link[2] || (channel === where.channel ? where.channelName : null) };
  }
  const name = value.replace(/^#/, '');
  if (where.channelName !== null && name.toLowerCase() === where.channelName.toLowerCase()) return { channel: where.channel, name: where.channelName };
  return { problem: `"${value.slice(0, 80)}" does not name a channel recap knows: pick the channel from Slack's #-list so its link is sent, give its id (channel details → About, e.g. C0123ABCD), or type the command in that channel.` };
}

/** A conversation in another channel is recapped only for people in that channel. */
async function othersRefused(conversations: SlackConversations, where: SlackWhere, channel: string): Promise<Reply | null> {
  if (channel === where.channel) return null;
  if (await conversations.isMember(channel, where.user)) return null;
  return errorReply('You can recap only the channels you are in. Join the channel, or ask there.');
}

function nameOf(name: string | null): { channelName?: string } {
  return name === null || name === '' ? {} : { channelName: name.startsWith('#') ? name : `#${name}` };
}
