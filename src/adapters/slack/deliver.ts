import type { RespondFn, webApi } from '@slack/bolt';
import { slackText, type SlackMessage } from './render-slack.js';
import type { Logger } from '../../logger.js';

/**
 * A response_url takes at most five messages within 30 minutes (Slack's limit); the last one is
 * kept for saying that the rest did not fit.
 */
const MAX_RESPONSE_URL_MESSAGES = 5;

/** A reply: its channel and thread (null: in the conversation itself, as in a DM), and the placeholder it replaces. */
export interface ThreadTarget {
  channel: string;
  threadTs: string | null;
  placeholderTs: string | null;
}

/** Posts "Searching the notes…" in the thread (null: in the conversation); returns its ts (null when it could not be posted). */
export async function postPlaceholder(client: webApi.WebClient, channel: string, threadTs: string | null, text: string, logger: Logger): Promise<string | null> {
  try {
    const posted = await client.chat.postMessage({ channel, ...inThread(threadTs), ...slackText(text) });
    return posted.ts ?? null;
  } catch (error) {
    logger.warn({ err: error }, 'placeholder not posted');
    return null;
  }
}

/**
 * Puts a reply in a thread: the first message replaces the placeholder (chat.update), the rest
 * follow in the thread. If the update fails the message is posted instead, so it is not lost.
 */
export async function deliverToThread(client: webApi.WebClient, target: ThreadTarget, messages: SlackMessage[], logger: Logger): Promise<void> {
  const post = (message: SlackMessage) => client.chat.postMessage({ channel: target.channel, ...inThread(target.threadTs), ...message });
  const [first, ...rest] = messages;
  if (first) {
    if (target.placeholderTs !== null) {
      try {
        await client.chat.update({ channel: target.channel, ts: target.placeholderTs, text: first.text, blocks: first.blocks });
      } catch (error) {
        logger.warn({ err: error }, 'placeholder not updated; posting the reply instead');
        await post(first);
      }
    } else {
      await post(first);
    }
  }
  for (const message of rest) await post(message);
}

function inThread(threadTs: string | null): { thread_ts?: string } {
  return threadTs === null ? {} : { thread_ts: threadTs };
}

/**
 * Puts a reply where a slash command's placeholder is (replace_original), continuing in further
 * ephemeral messages; beyond Slack's five messages per response_url the last says what is missing.
 */
export async function deliverViaRespond(respond: RespondFn, messages: SlackMessage[], responseType: 'ephemeral' | 'in_channel' = 'ephemeral'): Promise<void> {
  let shown = messages;
  if (messages.length > MAX_RESPONSE_URL_MESSAGES) {
    const left = messages.length - (MAX_RESPONSE_URL_MESSAGES - 1);
    shown = [
      ...messages.slice(0, MAX_RESPONSE_URL_MESSAGES - 1),
      slackText(`This reply has ${left} more part(s) than Slack lets a command show. Mention @recap with the same question in a channel to get all of it in a thread.`),
    ];
  }
  for (const [index, message] of shown.entries()) {
    await respond({ response_type: responseType, replace_original: index === 0, ...message });
  }
}
