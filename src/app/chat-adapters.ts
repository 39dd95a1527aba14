import type { ChatAdapter, ChatContext } from '../chat/chat-adapter.js';
import { configuredPlatforms } from './platforms.js';

/**
 * The chat adapters whose settings are present (tokens set), one per platform of the registry;
 * each platform's SDK stays inside src/adapters/<platform>/ and loads here.
 */
export async function configuredChatAdapters(context: ChatContext): Promise<ChatAdapter[]> {
  const adapters: ChatAdapter[] = [];
  for (const { platform, settings } of configuredPlatforms(context.config)) adapters.push(await platform.createAdapter(context, settings));
  return adapters;
}
