import type { ConversationScope } from '../domain/conversation.js';
import type { Reply } from '../domain/reply.js';
import type { Logger } from '../logger.js';
import type { Runtime } from '../runtime.js';
import type { GatheredConversation } from './conversation-messages.js';
import { extractConversationRecap } from './conversation-recap.js';
import { conversationRecapReply, coverageLine, footerOf, messageCitations } from './conversation-reply.js';
import { summarizeConversationWithLlm } from './conversation-summary-llm.js';

/**
 * A recap of gathered messages as a Reply: the model's when one is configured (in `language`,
 * each bullet citing messages), else (or when the model fails) the extractive one. Either way it
 * says how many messages it covered and cites their links.
 */
export async function writeConversationRecap(runtime: Runtime, scope: ConversationScope, gathered: GatheredConversation, language: string, logger: Logger): Promise<Reply> {
  const options = { scope, gathered, language: wordsLanguage(language), timeZone: runtime.config.timezone };
  const extractive = extractConversationRecap(gathered.messages);
  if (runtime.llm === null || gathered.messages.length === 0) return conversationRecapReply(extractive, options);
  try {
    const formatTime = (at: number) => new Date(at).toISOString().slice(0, 16).replace('T', ' ');
    const written = await summarizeConversationWithLlm(runtime.llm, gathered.messages, { language, contextTokens: runtime.config.llm.contextTokens, formatTime });
    if (written === null) return conversationRecapReply(extractive, options);
    const { citations, cite } = messageCitations(options);
    const lines = written.bullets.map((bullet) => `- ${bullet.text} ${bullet.sources.map((source) => `[${cite(source)}]`).join('')}`);
    const ja = options.language === 'ja';
    const partial = written.read < gathered.messages.length ? (ja ? `（モデルが読んだのは最新の${written.read}件）` : ` (the model read the latest ${written.read})`) : '';
    const head = coverageLine({ covered: gathered.messages.length, people: extractive.people }, options) + partial;
    const footer = [`Written by ${written.model}`, footerOf(options).footer].filter(Boolean).join(' · ');
    return { kind: 'answer', text: `${head}\n\n${lines.join('\n')}`, citations, language: options.language, footer };
  } catch (error) {
    logger.warn({ err: error }, 'conversation recap by the model failed; the extractive one is shown');
    const reply = conversationRecapReply(extractive, options);
    return { ...reply, footer: [reply.footer, 'The model could not be reached: extractive recap.'].filter(Boolean).join(' · ') };
  }
}

/** The words around a recap: Japanese for ja, English otherwise (a model writes the recap itself in any language). */
function wordsLanguage(language: string): 'ja' | 'en' {
  return language.split('-')[0] === 'ja' ? 'ja' : 'en';
}
