import type { ConversationMessage, ConversationScope } from '../domain/conversation.js';
import type { Reply, ReplyCitation } from '../domain/reply.js';
import type { ConversationRecap } from './conversation-recap.js';
import type { GatheredConversation } from './conversation-messages.js';

// A quoted message is cut to this many characters: the link leads to the rest.
const QUOTE_CHARS = 160;

/** What the words of a conversation recap need besides the picks. */
export interface ConversationReplyOptions {
  scope: ConversationScope;
  gathered: GatheredConversation;
  language: 'ja' | 'en';
  timeZone: string;
}

/**
 * An extractive conversation recap as a Reply: how many messages it covered, then the questions
 * and their answers, the links shared and the most discussed messages, each quoted with [n]
 * citing the message's own link. The renderers keep quoted text from pinging anyone.
 */
export function conversationRecapReply(recap: ConversationRecap, options: ConversationReplyOptions): Reply {
  const ja = options.language === 'ja';
  const { citations, cite } = messageCitations(options);
  const quote = (message: ConversationMessage) => `${message.userName}: ${shorten(message.text, message.fileCount, ja)} [${cite(message)}]`;
  const paragraphs = [coverageLine(recap, options)];
  if (recap.questions.length > 0) {
    const lines = recap.questions.flatMap(({ question, answers }) => [
      `- ${quote(question)}`,
      ...(answers.length === 0 ? [ja ? '  - (まだ回答なし)' : '  - (no answer yet)'] : answers.map((answer) => `  - ${quote(answer)}`)),
    ]);
    paragraphs.push([ja ? '質問と回答' : 'Questions and answers', ...lines].join('\n'));
  }
  if (recap.links.length > 0) {
    paragraphs.push([ja ? '共有されたリンク' : 'Links shared', ...recap.links.map(({ url, message }) => `- ${url} (${message.userName}) [${cite(message)}]`)].join('\n'));
  }
  if (recap.highlights.length > 0) {
    const lines = recap.highlights.map((message) => `- ${quote(message)} (${attentionWords(message, ja)})`);
    paragraphs.push([ja ? '盛り上がった発言' : 'Most discussed', ...lines].join('\n'));
  }
  if (recap.opening.length > 0) {
    paragraphs.push([ja ? '最初の発言' : 'How it started', ...recap.opening.map((message) => `- ${quote(message)}`)].join('\n'));
  }
  return { kind: recap.covered === 0 ? 'info' : 'answer', text: paragraphs.join('\n\n'), citations, language: options.language, ...footerOf(options) };
}

/** "Recap of 42 messages by 7 people in #general since Dec 7 10:00." and what it could not read. */
export function coverageLine(recap: Pick<ConversationRecap, 'covered' | 'people'>, options: ConversationReplyOptions): string {
  const ja = options.language === 'ja';
  const { scope } = options;
  const where = scope.threadId !== null ? (ja ? 'このスレッド' : 'this thread') : (scope.channelName ?? (ja ? 'このチャンネル' : 'this channel'));
  const since = scope.since === null ? '' : formatTime(scope.since, options.timeZone, ja);
  if (recap.covered === 0) {
    return ja ? `${where}${since ? `の${since}以降` : ''}には、まとめる発言がありません（ボットの発言とオフレコは数えません）。` : `Nothing to recap in ${where}${since ? ` since ${since}` : ''} (bots' and off-the-record messages are not counted).`;
  }
  const cut = options.gathered.truncated ? (ja ? `（最新の${recap.covered}件のみ）` : ` (the latest ${recap.covered} only)`) : '';
  return ja
    ? `${where}${since ? `の${since}以降` : ''}の発言 ${recap.covered}件（${recap.people}人）のまとめ${cut}。`
    : `Recap of ${recap.covered} message${recap.covered === 1 ? '' : 's'} by ${recap.people} ${recap.people === 1 ? 'person' : 'people'} in ${where}${since ? ` since ${since}` : ''}${cut}.`;
}

/** The footer: where older messages came from, or why they could not be read. */
export function footerOf(options: Pick<ConversationReplyOptions, 'gathered' | 'language'>): { footer?: string } {
  const ja = options.language === 'ja';
  const { gathered } = options;
  if (gathered.historyProblem !== null) {
    return { footer: ja ? `古い発言は読めませんでした（${gathered.historyProblem}）。記録済みの発言のみです。` : `Older messages could not be read (${gathered.historyProblem}); this covers what recap captured.` };
  }
  if (gathered.fromHistory > 0) {
    return { footer: ja ? `${gathered.fromHistory}件はチャンネルの履歴から読みました。` : `${gathered.fromHistory} of them read from the channel's history.` };
  }
  return {};
}

/** Citations of messages, each message once: `cite` gives a message's rank, adding it when new. */
export function messageCitations(options: Pick<ConversationReplyOptions, 'scope' | 'timeZone' | 'language'>): { citations: ReplyCitation[]; cite(message: ConversationMessage): number } {
  const citations: ReplyCitation[] = [];
  const cite = (message: ConversationMessage): number => {
    const existing = citations.find((citation) => citation.url === message.url);
    if (existing) return existing.rank;
    citations.push(messageCitation(message, citations.length + 1, options));
    return citations.length;
  };
  return { citations, cite };
}

/** A message as a citation: its author and time as the label, its link as where it is. */
export function messageCitation(message: ConversationMessage, rank: number, options: Pick<ConversationReplyOptions, 'scope' | 'timeZone' | 'language'>): ReplyCitation {
  return {
    rank,
    noteId: `${options.scope.platform}:${message.channel}`,
    label: `${message.userName} · ${formatTime(message.at, options.timeZone, options.language === 'ja')}`,
    // Where it was said: the channel's name when known.
    location: options.scope.channelName ?? message.channel,
    line: 0,
    url: message.url,
    text: shorten(message.text, message.fileCount, options.language === 'ja'),
  };
}

function shorten(text: string, fileCount: number, ja: boolean): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat === '') return fileCount > 0 ? (ja ? `（ファイル${fileCount}件）` : `(${fileCount} file${fileCount === 1 ? '' : 's'})`) : '';
  return flat.length > QUOTE_CHARS ? `${flat.slice(0, QUOTE_CHARS - 1)}…` : flat;
}

function attentionWords(message: ConversationMessage, ja: boolean): string {
  const parts: string[] = [];
  if (message.replyCount > 0) parts.push(ja ? `返信${message.replyCount}件` : `${message.replyCount} repl${message.replyCount === 1 ? 'y' : 'ies'}`);
  if (message.reactionCount > 0) parts.push(ja ? `リアクション${message.reactionCount}件` : `${message.reactionCount} reaction${message.reactionCount === 1 ? '' : 's'}`);
  return parts.join(ja ? '、' : ', ');
}

/** "12/7 10:32" in the schedule time zone. */
function formatTime(at: number, timeZone: string, ja: boolean): string {
  return new Intl.DateTimeFormat(ja ? 'ja-JP' : 'en-US', { timeZone, month: ja ? 'numeric' : 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date(at));
}
