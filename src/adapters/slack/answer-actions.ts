import type { App, BlockAction, ButtonAction } from '@slack/bolt';
import { failureReply } from '../../chat/failure-reply.js';
import { SLACK_ACTIONS, renderSlackReply, slackText } from './render-slack.js';
import type { FeedbackValue } from '../../store/feedback-store.js';
import { afterAck } from './after-ack.js';
import { PLATFORM, type SlackServices } from './slack-services.js';
import { slackErrorCode } from './slack-error.js';

/** Errors meaning "the bot cannot post here", which the person can fix by inviting it. */
const CANNOT_POST_HERE = new Set(['not_in_channel', 'channel_not_found', 'is_archived', 'restricted_action']);

/**
 * The buttons under answers: "Share in channel" posts an ephemeral answer publicly (and takes the
 * button off the private copy); helpful / not helpful record the person's verdict.
 */
export function registerAnswerActions(app: App, services: SlackServices): void {
  app.action<BlockAction<ButtonAction>>(SLACK_ACTIONS.share, async ({ ack, body, action, client, respond }) => {
    await ack();
    await afterAck();
    const channel = body.channel?.id;
    const logger = services.logger.child({ channel });
    const tell = (text: string) => respond({ response_type: 'ephemeral', replace_original: false, ...slackText(text) });
    try {
      const saved = await services.answers.get(action.value ?? '');
      if (saved === null || channel === undefined) {
        await tell('That answer is no longer available to share (answers are kept for a week). Ask again with /recap ask.');
        return;
      }
      for (const message of renderSlackReply(saved.reply, { question: saved.question, sharedBy: body.user.id, answerId: saved.id, feedback: true })) {
        await client.chat.postMessage({ channel, ...message });
      }
      const privateCopy = renderSlackReply(saved.reply, { question: saved.question, answerId: saved.id, feedback: true, note: 'Shared in the channel.' }).at(-1);
      if (privateCopy) await respond({ response_type: 'ephemeral', replace_original: true, ...privateCopy });
    } catch (error) {
      const code = slackErrorCode(error);
      logger.warn({ err: error, code }, 'answer not shared');
      if (code !== null && CANNOT_POST_HERE.has(code)) {
        await tell(`I cannot post in this conversation (${code}). Invite me first: /invite @recap`).catch(() => undefined);
        return;
      }
      const [message] = renderSlackReply(failureReply(error));
      if (message) await respond({ response_type: 'ephemeral', replace_original: false, ...message }).catch(() => undefined);
    }
  });

  const feedbackButtons: Array<[string, FeedbackValue, string]> = [
    [SLACK_ACTIONS.helpful, 'helpful', 'Thanks! Noted that the answer helped.'],
    [SLACK_ACTIONS.notHelpful, 'not-helpful', 'Thanks for saying so. Noted that the answer did not help; it will be looked at.'],
  ];
  for (const [actionId, value, thanks] of feedbackButtons) {
    app.action<BlockAction<ButtonAction>>(actionId, async ({ ack, body, action, respond }) => {
      await ack();
      await afterAck();
      const logger = services.logger.child({ channel: body.channel?.id });
      try {
        const answerId = action.value ?? '';
        const saved = await services.answers.get(answerId);
        await services.feedback.record({ answerId, question: saved?.question ?? '', platform: PLATFORM, user: body.user.id, value, at: new Date().toISOString() });
        logger.info({ answerId, value }, 'feedback recorded');
        await respond({ response_type: 'ephemeral', replace_original: false, ...slackText(thanks) });
      } catch (error) {
        logger.warn({ err: error }, 'feedback not recorded');
        await respond({ response_type: 'ephemeral', replace_original: false, ...slackText('Sorry, your feedback could not be saved just now; please try again.') }).catch(() => undefined);
      }
    });
  }
}
