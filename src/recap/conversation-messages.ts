import { ConversationUnreadable, type ConversationHistory, type ConversationMessage, type ConversationScope } from '../domain/conversation.js';
import type { ConversationStore } from '../store/conversation-store.js';

/** A recap reads at most this many messages (the latest); a 5,000-message thread is read whole. */
export const MAX_RECAP_MESSAGES = 5_000;

/** The messages of a conversation, and where they came from. */
export interface GatheredConversation {
  /** Oldest first, each once. */
  messages: ConversationMessage[];
  /** How many came from the platform's history (older than what recap captured). */
  fromHistory: number;
  /** More messages than MAX_RECAP_MESSAGES: the oldest were left out. */
  truncated: boolean;
  /** The history could not be read (rate limited, down): the recap covers what recap captured, and says why. */
  historyProblem: string | null;
}

/**
 * The messages a recap covers: what recap captured (the store) and, for what came before the
 * capture began, the platform's history. A thread whose parent was not captured is read whole
 * from the history; a channel window that starts before the capture reads the gap. A channel
 * the bot cannot read fails with ConversationUnreadable (the reply says so); any other history
 * failure leaves the captured part, with the reason.
 */
export async function gatherConversation(store: ConversationStore, history: ConversationHistory | null, scope: ConversationScope): Promise<GatheredConversation> {
  const stored =
    scope.threadId !== null
      ? await store.threadMessages(scope.platform, scope.channel, scope.threadId)
      : await store.channelMessages(scope.platform, scope.channel, scope.since ?? 0);
  const capturedSince = await store.capturedSince(scope.platform, scope.channel);
  const needsHistory =
    history !== null &&
    (scope.threadId !== null ? !stored.some((message) => message.id === scope.threadId) : capturedSince === null || (scope.since ?? 0) < capturedSince);
  let older: ConversationMessage[] = [];
  let historyProblem: string | null = null;
  if (needsHistory) {
    try {
      older = await history.read(scope, { until: scope.threadId !== null ? null : capturedSince, limit: MAX_RECAP_MESSAGES });
    } catch (error) {
      if (error instanceof ConversationUnreadable) throw error;
      historyProblem = error instanceof Error ? error.message : String(error);
    }
  }
  // One copy of each message: the captured one (edits applied, deletions gone) over the history's.
  const byId = new Map<string, ConversationMessage>();
  for (const message of older) byId.set(message.id, message);
  for (const message of stored) byId.set(message.id, message);
  const all = [...byId.values()].sort((a, b) => a.at - b.at || a.id.localeCompare(b.id));
  const storedIds = new Set(stored.map((message) => message.id));
  const messages = all.slice(-MAX_RECAP_MESSAGES);
  return {
    messages,
    fromHistory: messages.filter((message) => !storedIds.has(message.id)).length,
    truncated: all.length > messages.length,
    historyProblem,
  };
}
