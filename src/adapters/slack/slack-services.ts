import type { webApi } from '@slack/bolt';
import type { ChatContext } from '../../chat/chat-adapter.js';
import { slackSettingsReader, type SlackSettings } from './slack-settings.js';
import type { Logger } from '../../logger.js';
import { AnswerStore } from '../../store/answer-store.js';
import { FeedbackStore } from '../../store/feedback-store.js';
import { HandledEvents } from '../../store/handled-events.js';
import { AdminCheck } from './admin-check.js';
import { SlackConversations } from './slack-conversations.js';

export const PLATFORM = slackSettingsReader.id;

/** What the Slack listeners share: the core's use cases and stores, and Slack's settings. */
export interface SlackServices {
  context: ChatContext;
  slack: SlackSettings;
  answers: AnswerStore;
  feedback: FeedbackStore;
  handled: HandledEvents;
  admins: AdminCheck;
  /** Messages as recap keeps them, and the channels' history, for conversation recaps. */
  conversations: SlackConversations;
  /** Child logger {platform: 'slack'}; listeners add {channel}. */
  logger: Logger;
}

export function createSlackServices(context: ChatContext, slack: SlackSettings, options: { retryConfig?: webApi.RetryOptions } = {}): SlackServices {
  const { redis, config } = context.runtime;
  const logger = context.logger.child({ platform: PLATFORM });
  return {
    context,
    slack,
    answers: new AnswerStore(redis, config.keyPrefix),
    feedback: new FeedbackStore(redis, config.keyPrefix),
    handled: new HandledEvents(redis, config.keyPrefix),
    admins: new AdminCheck(slack.adminUserIds, logger),
    conversations: new SlackConversations(slack, logger, config.conversations.offRecordReactions, options.retryConfig),
    logger,
  };
}

/**
 * True the first time an event (by Slack's event id) is seen by any recap process. When Redis
 * cannot say, the event is handled: answering twice beats not answering.
 */
export async function firstDelivery(services: SlackServices, eventId: string | undefined, logger: Logger): Promise<boolean> {
  if (!eventId) return true;
  try {
    const first = await services.handled.claim(PLATFORM, eventId);
    if (!first) logger.info({ eventId }, 'duplicate delivery ignored (already answered)');
    return first;
  } catch (error) {
    logger.warn({ err: error, eventId }, 'could not check for a duplicate delivery; handling it');
    return true;
  }
}
