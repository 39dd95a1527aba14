import { ConversationUnreadable, type ConversationScope } from '../domain/conversation.js';
import { errorReply, infoReply, type Reply, type ReplyCitation } from '../domain/reply.js';
import type { Logger } from '../logger.js';
import { gatherConversation, type GatheredConversation } from '../recap/conversation-messages.js';
import { extractConversationRecap } from '../recap/conversation-recap.js';
import { summarizeConversationWithLlm } from '../recap/conversation-summary-llm.js';
import { saveThreadAsNote } from '../recap/thread-note.js';
import type { Runtime } from '../runtime.js';
import { conversationRecapReply, coverageLine, footerOf, messageCitation } from './conversation-reply.js';
import type { ConversationAccess, ConversationTarget } from './conversation-target.js';

/** Front ends without conversations (the terminal prompt) say so instead. */
export const NO_CONVERSATIONS = infoReply('Conversation recaps work in Slack and Discord, where recap reads the channels it is in.');

/**
 * A recap of a thread or a channel window: the model's when one is configured (in the asker's
 * language, each bullet citing messages), else (or when the model fails) the extractive one.
 * Either way it says how many messages it covered and cites their links.
 */
export async function conversationRecap(runtime: Runtime, access: ConversationAccess, target: ConversationTarget, language: 'ja' | 'en', logger: Logger): Promise<Reply> {
  const resolved = await scopeOrReply(runtime, access, target);
  if ('reply' in resolved) return resolved.reply;
  const { scope, gathered } = resolved;
  const options = { scope, gathered, language, timeZone: runtime.config.timezone };
  const extractive = extractConversationRecap(gathered.messages);
  if (runtime.llm === null || gathered.messages.length === 0) return conversationRecapReply(extractive, options);
  try {
    const formatTime = (at: number) => new Date(at).toISOString().slice(0, 16).replace('T', ' ');
    const written = await summarizeConversationWithLlm(runtime.llm, gathered.messages, { language, contextTokens: runtime.config.llm.contextTokens, formatTime });
    if (written === null) return conversationRecapReply(extractive, options);
    const citations: ReplyCitation[] = [];
    const rankOf = (message: (typeof written.bullets)[number]['sources'][number]): number => {
      const found = citations.find((citation) => citation.url === message.url);
      if (found) return found.rank;
      citations.push(messageCitation(message, citations.length + 1, options));
      return citations.length;
    };
    const lines = written.bullets.map((bullet) => `- ${bullet.text} ${bullet.sources.map((source) => `[${rankOf(source)}]`).join('')}`);
    const partial = written.read < gathered.messages.length ? (language === 'ja' ? `（モデルが読んだのは最新の${written.read}件）` : ` (the model read the latest ${written.read})`) : '';
    const head = coverageLine({ covered: gathered.messages.length, people: extractive.people }, options) + partial;
    const history = footerOf(options).footer;
    return { kind: 'answer', text: `${head}\n\n${lines.join('\n')}`, citations, language, footer: [`Written by ${written.model}`, history].filter(Boolean).join(' · ') };
  } catch (error) {
    logger.warn({ err: error }, 'conversation recap by the model failed; the extractive one is shown');
    const reply = conversationRecapReply(extractive, options);
    return { ...reply, footer: [reply.footer, 'The model could not be reached: extractive recap.'].filter(Boolean).join(' · ') };
  }
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
