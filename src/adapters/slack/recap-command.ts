import type { App } from '@slack/bolt';
import { failureReply } from '../../chat/failure-reply.js';
import { renderSlackReply, slackText } from '../../chat/render-slack.js';
import { afterAck } from './after-ack.js';
import { deliverViaRespond } from './deliver.js';
import { parseRecapCommand } from './parse-recap-command.js';
import { immediateReply, placeholderFor, runSubcommand } from './run-subcommand.js';
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
    const immediate = immediateReply(parsed);
    if (immediate !== null) {
      const [message] = renderSlackReply(immediate);
      await ack({ response_type: 'ephemeral', ...message });
      return;
    }
    await ack({ response_type: 'ephemeral', ...slackText(placeholderFor(parsed) ?? 'Working…') });
    // Everything below runs after Slack has its ack; it must end in a message the person sees.
    await afterAck();
    try {
      // No dedupe here: Slack does not retry slash commands (events are deduped by event id).
      const result = await runSubcommand(services, { command: parsed, user: command.user_id, channel: command.channel_id, client, logger });
      await deliverViaRespond(respond, renderSlackReply(result.reply, result.render));
    } catch (error) {
      logger.error({ err: error, subcommand: parsed.name }, '/recap failed');
      await deliverViaRespond(respond, renderSlackReply(failureReply(error))).catch((deliveryError: unknown) =>
        logger.error({ err: deliveryError }, 'could not deliver the error message either'),
      );
    }
  });
}
