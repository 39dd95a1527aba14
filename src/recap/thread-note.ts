import type { ConversationMessage, ConversationScope } from '../domain/conversation.js';
import { ingestSubmission, type FileOutcome } from '../ingest/run-ingest.js';
import type { Runtime } from '../runtime.js';

const TITLE_CHARS = 60;

/** The source key of a saved thread: the same thread is the same note, saved again or re-synced. */
export function threadSourceKey(scope: Pick<ConversationScope, 'platform' | 'channel'>, threadId: string): string {
  return `${scope.platform}-thread:${scope.channel}:${threadId}`;
}

/**
 * A thread as a note in recap's own Markdown: front matter (title, event = the channel, date,
 * source = the parent's link), the parent as the heading, then one bullet per message with its
 * author, time and link, so every line the note's citations show leads back to the message.
 */
export function threadMarkdown(scope: ConversationScope, messages: readonly ConversationMessage[], timeZone: string): string {
  const parent = messages[0];
  const firstLine = (parent?.text.split('\n').find((line) => line.trim() !== '') ?? 'Thread').trim();
  const title = firstLine.length > TITLE_CHARS ? `${firstLine.slice(0, TITLE_CHARS - 1)}…` : firstLine;
  const date = parent ? new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(parent.at)) : null;
  const lines = ['---', `title: ${yamlString(title)}`, `event: ${yamlString(scope.channelName ?? scope.channel)}`];
  if (date !== null) lines.push(`date: ${date}`);
  if (parent) lines.push(`source: ${yamlString(parent.url)}`);
  lines.push('---', '', `# ${markdownText(title)}`, '');
  for (const message of messages) {
    const time = new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date(message.at));
    const [first = '', ...rest] = message.text.trim() === '' ? [`(${message.fileCount} file${message.fileCount === 1 ? '' : 's'})`] : message.text.trim().split('\n');
    lines.push(`- ${markdownText(message.userName)} (${time}): ${markdownText(first)} [link](${message.url})`);
    for (const line of rest) if (line.trim() !== '') lines.push(`  - ${markdownText(line.trim())}`);
  }
  return `${lines.join('\n')}\n`;
}

/** Ingests (or re-syncs) a thread as a note and remembers it, so its new messages update the note. */
export async function saveThreadAsNote(runtime: Runtime, scope: ConversationScope, messages: readonly ConversationMessage[], actor: string): Promise<FileOutcome> {
  if (scope.threadId === null) throw new Error('saveThreadAsNote needs a thread');
  const source = threadSourceKey(scope, scope.threadId);
  const bytes = new TextEncoder().encode(threadMarkdown(scope, messages, runtime.config.timezone));
  const outcome = await ingestSubmission(runtime, { source: `${scope.platform}/thread-${scope.channel}-${scope.threadId}.md`, sourceKey: source, bytes });
  if (outcome.status !== 'failed') {
    const existing = await runtime.conversations.savedThread(scope.platform, scope.channel, scope.threadId);
    await runtime.conversations.saveThread({
      platform: scope.platform,
      channel: scope.channel,
      threadId: scope.threadId,
      channelName: scope.channelName ?? existing?.channelName ?? null,
      source,
      savedBy: existing?.savedBy ?? actor,
      savedAt: existing?.savedAt ?? new Date().toISOString(),
    });
  }
  return outcome;
}

/** A line of chat as Markdown text: no headings, HTML or link syntax of its own. */
function markdownText(text: string): string {
  return text.replace(/[\\`*_[\]<>#|]/g, (character) => `\\${character}`);
}

function yamlString(text: string): string {
  return JSON.stringify(text);
}
