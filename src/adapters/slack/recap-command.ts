import type { App } from '@slack/bolt';
import { answersAtOnce, type ChatCommand } from '../../chat/chat-command.js';
import { failureReply } from '../../chat/failure-reply.js';
import { runChatCommand } from '../../chat/run-chat-command.js';
import { afterAck } from './after-ack.js';
import { deliverViaRespond } from './deliver.js';
import { parseRecapCommand } from './parse-recap-command.js';
import { renderSlackReply, slackText } from './render-slack.js';
import { slackFrontEnd, slackRequest } from './slack-front-end.js';
import type { SlackServices } from './slack-services.js';

/**
 * `/recap <subcommand>`: acknowledged at once, with the whole reply when it needs no work (help)
 * or with a placeholder that the reply then replaces (respond with replace_original). Replies are
 * ephemeral: only the person who asked sees them, until they share one.
 */
export function registerRecapCommand(app: App, services: SlackServices): void {
  app.command('/recap', async ({ command, ack, respond, client }) => {
    const logger = services.logger.child({ channel: command.channel_id });
    const parsed = parseRecapCommand(command.text);
    const where = { channel: command.channel_id, channelName: channelNameOf(command.channel_name) };
    const run = () => runChatCommand(services.context, parsed, slackRequest(command.user_id, command.channel_id, logger), slackFrontEnd(services, client, command.user_id, where));
    if (answersAtOnce(parsed)) {
      const [message] = renderSlackReply((await run()).reply);
      await ack({ response_type: 'ephemeral', ...message });
      return;
    }
    await ack({ response_type: 'ephemeral', ...slackText(placeholderFor(parsed)) });
    // Everything below runs after Slack has its ack; it must end in a message the person sees.
    await afterAck();
    try {
      // No dedupe here: Slack does not retry slash commands (events are deduped by event id).
      const { reply, answerId } = await run();
      const buttons = parsed.name === 'ask' && answerId !== null ? { answerId, share: true, feedback: true } : {};
      await deliverViaRespond(respond, renderSlackReply(reply, parsed.name === 'ask' ? { question: parsed.question, ...buttons } : {}));
    } catch (error) {
      logger.error({ err: error, subcommand: parsed.name }, '/recap failed');
      await deliverViaRespond(respond, renderSlackReply(failureReply(error))).catch((deliveryError: unknown) =>
        logger.error({ err: deliveryError }, 'could not deliver the error message either'),
      );
    }
  });
}

/** A slash command's channel_name, unless it is one of Slack's stand-ins for conversations without a name. */
function channelNameOf(name: string | undefined): string | null {
  if (name === undefined || name === '' || name === 'directmessage' || name === 'privategroup' || name.startsWith('mpdm-')) return null;
  return name;
}

/** What the placeholder says while a subcommand works. */
function placeholderFor(command: ChatCommand): string {
  switch (command.name) {
    case 'ask':
    case 'define':
      return 'Searching the notes…';
    case 'summary':
      return 'Preparing the recap…';
    case 'translate':
      return 'Translating the note… (a model translation can take a minute)';
    case 'list':
      return 'Listing the notes…';
    case 'delete':
      return 'Finding the note…';
    case 'schedule':
      return command.command.action === 'list' ? 'Listing the schedules…' : 'Updating the schedules…';
    case 'conversation':
      return 'Reading the conversation…';
    case 'save-thread':
      return 'Saving the thread as a note…';
    case 'purge':
      return 'Forgetting the stored messages…';
    case 'ingest':
    case 'help':
      return 'Working…';
  }
}
