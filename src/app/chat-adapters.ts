import type { ChatAdapter, ChatContext } from '../chat/chat-adapter.js';

/**
 * The chat adapters whose settings are present (tokens set). Each platform adds one line here;
 * its SDK stays inside src/adapters/<platform>/.
 */
export function configuredChatAdapters(context: ChatContext): ChatAdapter[] {
  const adapters: ChatAdapter[] = [];
  void context;
  return adapters;
}
