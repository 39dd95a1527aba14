import { ConversationUnreadable, type ConversationScope } from '../domain/conversation.js';
import { errorReply, infoReply, type Reply } from '../domain/reply.js';
import type { Logger } from '../logger.js';
import { gatherConversation, type GatheredConversation } from '../recap/conversation-messages.js';
import { saveThreadAsNote } from '../recap/thread-note.js';
import { writeConversationRecap } from '../recap/write-conversation-recap.js';
import type { Runtime } from '../runtime.js';
import type { ConversationAccess, ConversationTarget } from './conversation-target.js';

/** Front ends without conversations (the terminal prompt) say so instead. */
export const NO_CONVERSATIONS = infoReply('Conversation recaps work in Slack and Discord, where recap reads the channels it is in.');

/** A recap of a thread or a channel window, in the asker's language. */
export async function conversationRecap(runtime: Runtime, access: ConversationAccess, target: ConversationTarget, language: string, logger: Logger): Promise<Reply> {
  const resolved = await scopeOrReply(runtime, access, target);
  if ('reply' in resolved) return resolved.reply;
  return writeConversationRecap(runtime, resolved.scope, resolved.gathered, language, logger);
}

/** Saves a thread as a note (indexed and summarized like any note, re-synced as it grows). */
export async function saveThread(runtime: Runtime, access: ConversationAccess, target: ConversationTarget, actor: string): Promise<Reply> {
  if (target.kind !== 'thread') return errorReply('Only a thread can be saved as a note: /recap thread save <message link>.');
  const resolved = await scopeOrReply(runtime, access, target);
  if ('reply' in resolved) return resolved.reply;
  const { scope, gathered } = resolved;
  if (gathered.messages.length === 0) return infoReply('That thread has no messages recap may keep (bots\' and off-the-record ones are never saved).');
  const outcome = await saveThreadAsNote(runtime, scope, gathered.messages, actor);
  if (outcome.status === 'failed') return errorReply(`The thread was not saved: ${outcome.reason}`);
  return infoReply(`Saved ${gathered.messages.length} message${gathered.messages.length === 1 ? '' : 's'} of the thread as the note ${outcome.noteId}. It is searchable now, and new replies in the thread update it.`);
}

/** Forgets what recap stored of a channel (admins). */
export async function purgeChannel(runtime: Runtime, access: ConversationAccess, channel: string | null): Promise<Reply> {
  const resolved = await access.scopeOf({ kind: 'channel', channel, since: null });
  if (!('platform' in resolved)) return resolved;
  const count = await runtime.conversations.purge(resolved.platform, resolved.channel);
  const where = resolved.channelName ?? resolved.channel;
  return infoReply(`Forgot ${count} stored message${count === 1 ? '' : 's'} of ${where}. recap keeps capturing new ones while it is in the channel; remove the bot from the channel to stop that.`);
}

async function scopeOrReply(runtime: Runtime, access: ConversationAccess, target: ConversationTarget): Promise<{ scope: ConversationScope; gathered: GatheredConversation } | { reply: Reply }> {
  const scope = await access.scopeOf(target);
  if (!('platform' in scope)) return { reply: scope };
  try {
    return { scope, gathered: await gatherConversation(runtime.conversations, access.history, scope) };
  } catch (error) {
    if (error instanceof ConversationUnreadable) {
      return { reply: errorReply(`recap cannot read ${scope.channelName ?? scope.channel}: ${error.reason}`) };
    }
    throw error;
  }
}
