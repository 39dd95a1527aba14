import type { webApi } from '@slack/bolt';
import type { ChatFrontEnd, ChatRequest } from '../../chat/run-chat-command.js';
import type { Logger } from '../../logger.js';
import { ingestHelp, notAdminForConversationsReply, notAdminReply, recapHelp } from './recap-help.js';
import { slackConversationAccess } from './slack-conversation-access.js';
import { PLATFORM, type SlackServices } from './slack-services.js';

/** Who asked in Slack, and where, as the shared command runner takes it. */
export function slackRequest(user: string, channel: string, logger: Logger): ChatRequest {
  return { platform: PLATFORM, user, channel, logger };
}

/**
 * Slack's part in running a command: its help, the admin check (workspace admins and owners, and
 * SLACK_ADMIN_USER_IDS, asked of Slack with this client), the answers kept for the buttons, and
 * the threads and channels of conversation recaps (`channelName`/`threadTs`: where it was typed).
 */
export function slackFrontEnd(services: SlackServices, client: webApi.WebClient, user: string, where: { channel: string; channelName?: string | null; threadTs?: string | null }): ChatFrontEnd {
  return {
    help: recapHelp,
    ingestHelp,
    refusal: async (action) => {
      if (await services.admins.isAdmin(client, user)) return null;
      return action === 'conversations' ? notAdminForConversationsReply() : notAdminReply();
    },
    answers: services.answers,
    conversations: slackConversationAccess(services.context.runtime, services.conversations, { user, channel: where.channel, channelName: where.channelName ?? null, threadTs: where.threadTs ?? null }),
  };
}
