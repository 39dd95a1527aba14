import type { ConversationHistory, ConversationMessage } from '../domain/conversation.js';
import type { Logger } from '../logger.js';
import { isOffRecordMessage } from '../notes/off-record.js';
import { gatherConversation } from '../recap/conversation-messages.js';
import { saveThreadAsNote } from '../recap/thread-note.js';
import type { Runtime } from '../runtime.js';

/** What an adapter knows of a message besides its content. */
export interface CaptureFacts {
  /** Written by a bot (ours included): never kept. */
  fromBot: boolean;
  /** Reaction names on it (Slack names, Discord emoji): an off-the-record one keeps it out. */
  reactions: readonly string[];
}

/**
 * Keeps a new or edited message for conversation recaps, unless a bot wrote it, it is off the
 * record (an edit that adds the marker removes it) or capture is off. A message in a thread
 * saved as a note re-syncs that note.
 */
export async function captureMessage(runtime: Runtime, platform: string, message: ConversationMessage, facts: CaptureFacts, history: ConversationHistory | null, logger: Logger): Promise<void> {
  const { conversations } = runtime.config;
  if (!conversations.capture || facts.fromBot) return;
  if (isOffRecordMessage(message.text, facts.reactions, conversations.offRecordReactions)) {
    await forgetMessage(runtime, platform, message.channel, message.id, history, logger);
    return;
  }
  await runtime.conversations.save(platform, message);
  if (message.threadId !== null) await resyncSavedThread(runtime, platform, message.channel, message.threadId, history, logger);
}

/** A deleted message (or one newly off the record) leaves the store, and the saved thread note it was in. */
export async function forgetMessage(runtime: Runtime, platform: string, channel: string, id: string, history: ConversationHistory | null, logger: Logger): Promise<void> {
  const removed = await runtime.conversations.remove(platform, channel, id);
  const threadId = removed?.threadId ?? id;
  await resyncSavedThread(runtime, platform, channel, threadId, history, logger);
}

/** A reaction added or removed: the off-the-record one forgets the message; others count towards "most discussed". */
export async function reactionChanged(runtime: Runtime, platform: string, change: { channel: string; id: string; reaction: string; delta: 1 | -1 }, history: ConversationHistory | null, logger: Logger): Promise<void> {
  if (change.delta === 1 && runtime.config.conversations.offRecordReactions.includes(change.reaction)) {
    await forgetMessage(runtime, platform, change.channel, change.id, history, logger);
    return;
  }
  const stored = await runtime.conversations.get(platform, change.channel, change.id);
  if (stored === null) return;
  await runtime.conversations.save(platform, { ...stored, reactionCount: Math.max(0, stored.reactionCount + change.delta) });
}

/** Rebuilds the note of a saved thread from what the thread holds now. */
async function resyncSavedThread(runtime: Runtime, platform: string, channel: string, threadId: string, history: ConversationHistory | null, logger: Logger): Promise<void> {
  const saved = await runtime.conversations.savedThread(platform, channel, threadId);
  if (saved === null) return;
  try {
    const scope = { platform, channel, threadId, since: null, ...(saved.channelName === null ? {} : { channelName: saved.channelName }) };
    const { messages } = await gatherConversation(runtime.conversations, history, scope);
    const outcome = await saveThreadAsNote(runtime, scope, messages, saved.savedBy);
    if (outcome.status === 'failed') logger.warn({ channel, threadId, reason: outcome.reason }, 'saved thread not re-synced');
    else logger.info({ channel, threadId, noteId: outcome.noteId, status: outcome.status }, 'saved thread re-synced');
  } catch (error) {
    logger.warn({ err: error, channel, threadId }, 'saved thread not re-synced');
  }
}
