import type { ConversationMessage } from '../../src/domain/conversation.js';

/** A chat message as adapters capture it, for tests: `id` sorts by time, the link is Slack-shaped. */
export function chatMessage(fields: Partial<ConversationMessage> & Pick<ConversationMessage, 'id' | 'text'>): ConversationMessage {
  const channel = fields.channel ?? 'C0TALKS01';
  return {
    channel,
    threadId: null,
    user: 'U0ALICE',
    userName: 'alice',
    at: Date.now(),
    url: `https://example.slack.com/archives/${channel}/p${fields.id.replace('.', '')}`,
    replyCount: 0,
    reactionCount: 0,
    fileCount: 0,
    ...fields,
  };
}
