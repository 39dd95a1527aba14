import { createDiscordAdapter } from '../adapters/discord/discord-adapter.js';
import { createSlackAdapter } from '../adapters/slack/slack-adapter.js';
import type { ChatAdapter, ChatContext } from '../chat/chat-adapter.js';

/**
 * The chat adapters whose settings are present (tokens set). Each platform adds one line here;
 * its SDK stays inside src/adapters/<platform>/.
 */
export function configuredChatAdapters(context: ChatContext): ChatAdapter[] {
  const adapters: ChatAdapter[] = [];
  if (context.config.discord) adapters.push(createDiscordAdapter(context, context.config.discord));
  if (context.config.slack) adapters.push(createSlackAdapter(context, context.config.slack));
  return adapters;
}
