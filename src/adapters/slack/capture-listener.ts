import type { App } from '@slack/bolt';
import { captureMessage, forgetMessage, reactionChanged } from '../../chat/capture-message.js';
import { asksForConversationRecap } from '../../chat/conversation-target.js';
import type { Logger } from '../../logger.js';
import { afterAck } from './after-ack.js';
import { plainSlackText } from './mention-text.js';
import { SlackConversations, type SlackRawMessage } from './slack-conversations.js';
import { PLATFORM, firstDelivery, type SlackServices } from './slack-services.js';

/** A `message` event as recap reads it (new messages, and the message_changed / message_deleted subtypes). */
interface SlackMessageEvent extends SlackRawMessage {
  channel?: string;
  channel_type?: string;
  message?: SlackRawMessage;
  deleted_ts?: string;
}

/** A reaction_added / reaction_removed event. */
interface SlackReactionEvent {
  reaction?: string;
  item?: { type?: string; channel?: string; ts?: string };
}

/**
 * Capture for conversation recaps: people's messages in the channels recap is in (the
 * message.channels and message.groups events) are kept, edits replace their text, deletions
 * forget them, reactions count (the off-the-record one forgets the message). Bots' messages,
 * ours included, joins and topic changes are not conversation; "@recap まとめて" itself is not
 * kept either. Nothing here answers anyone: failures are logged.
 */
export function registerCaptureListeners(app: App, services: SlackServices): void {
  app.event('message', async ({ event, context }) => {
    const message = event as SlackMessageEvent;
    const channel = message.channel;
    // Channels only: direct messages are not recap's to keep (the manifest subscribes to none).
    if (!services.context.runtime.config.conversations.capture || channel === undefined || message.channel_type === 'im' || message.channel_type === 'mpim') return;
    await afterAck();
    const logger = services.logger.child({ channel });
    try {
      await captureEvent(services, channel, message, context.botUserId, logger);
    } catch (error) {
      logger.warn({ err: error, ts: message.ts ?? message.message?.ts ?? message.deleted_ts, subtype: message.subtype }, 'message not captured');
    }
  });

  for (const [name, delta] of [
    ['reaction_added', 1],
    ['reaction_removed', -1],
  ] as const) {
    app.event(name, async ({ event, body }) => {
      const { item, reaction } = event as SlackReactionEvent;
      if (!services.context.runtime.config.conversations.capture || item?.type !== 'message' || !item.channel || !item.ts || !reaction) return;
      await afterAck();
      const logger = services.logger.child({ channel: item.channel });
      try {
        // A retried delivery must not count the reaction twice.
        if (!(await firstDelivery(services, body.event_id, logger))) return;
        await reactionChanged(services.context.runtime, PLATFORM, { channel: item.channel, id: item.ts, reaction: reaction.replace(/::skin-tone-\d$/, ''), delta }, services.conversations.history, logger);
      } catch (error) {
        logger.warn({ err: error, ts: item.ts }, 'reaction not recorded');
      }
    });
  }
}

async function captureEvent(services: SlackServices, channel: string, event: SlackMessageEvent, botUserId: string | undefined, logger: Logger): Promise<void> {
  const { runtime } = services.context;
  const { conversations } = services;
  const history = conversations.history;
  if (event.subtype === 'message_deleted') {
    if (event.deleted_ts) await forgetMessage(runtime, PLATFORM, channel, event.deleted_ts, history, logger);
    return;
  }
  if (event.subtype === 'message_changed') {
    const changed = event.message;
    if (changed?.ts === undefined) return;
    // A parent deleted while it has replies stays as a tombstone.
    if (changed.subtype === 'tombstone') {
      await forgetMessage(runtime, PLATFORM, channel, changed.ts, history, logger);
      return;
    }
    // Only what was captured is edited: the history has the current text of anything older.
    const stored = await runtime.conversations.get(PLATFORM, channel, changed.ts);
    if (stored === null || changed.user === undefined || !SlackConversations.fromPerson(changed, botUserId)) return;
    const edited = await conversations.toConversationMessage(channel, { ...changed, ts: changed.ts, user: changed.user });
    const message = {
      ...edited,
      threadId: edited.threadId ?? stored.threadId,
      replyCount: changed.reply_count ?? stored.replyCount,
      reactionCount: changed.reactions === undefined ? stored.reactionCount : edited.reactionCount,
    };
    await captureMessage(runtime, PLATFORM, message, { fromBot: false, reactions: SlackConversations.reactionNames(changed) }, history, logger);
    return;
  }
  if (event.ts === undefined || event.user === undefined || !SlackConversations.fromPerson(event, botUserId)) return;
  if (botUserId !== undefined && (event.text ?? '').includes(`<@${botUserId}`) && asksForConversationRecap(plainSlackText(event.text ?? ''))) return;
  const message = await conversations.toConversationMessage(channel, { ...event, ts: event.ts, user: event.user });
  if (message.threadId !== null && message.threadId !== message.id) {
    // The parent was captured before it had replies: it joins its thread now.
    const parent = await runtime.conversations.get(PLATFORM, channel, message.threadId);
    const known = await runtime.conversations.get(PLATFORM, channel, message.id);
    if (parent !== null && (parent.threadId === null || known === null)) {
      await runtime.conversations.save(PLATFORM, { ...parent, threadId: parent.id, replyCount: parent.replyCount + (known === null ? 1 : 0) });
    }
  }
  await captureMessage(runtime, PLATFORM, message, { fromBot: false, reactions: SlackConversations.reactionNames(event) }, history, logger);
}
