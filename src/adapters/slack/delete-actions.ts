import type { App, BlockAction, ButtonAction } from '@slack/bolt';
import { deleteCancelledReply, deleteConfirmed } from '../../chat/delete-commands.js';
import { failureReply } from '../../chat/failure-reply.js';
import { SLACK_ACTIONS, SLACK_DELETE_NOTE_ACTION, renderSlackReply } from './render-slack.js';
import type { Reply } from '../../domain/reply.js';
import { afterAck } from './after-ack.js';
import { notAdminReply } from './recap-help.js';
import { PLATFORM, type SlackServices } from './slack-services.js';

/**
 * The buttons of a delete confirmation (`/recap delete <title words>`): "Delete" deletes the note
 * whose exact id the button carries, once the clicker is found to be an admin now (the check is
 * made again: roles change, and a click is a request like any other); "Cancel" deletes nothing.
 * Either way the confirmation is replaced by what happened.
 */
export function registerDeleteActions(app: App, services: SlackServices): void {
  app.action<BlockAction<ButtonAction>>(SLACK_DELETE_NOTE_ACTION, async ({ ack, body, action, client, respond }) => {
    await ack();
    await afterAck();
    const logger = services.logger.child({ channel: body.channel?.id, user: body.user.id });
    const replace = (reply: Reply, original: boolean) => respond({ response_type: 'ephemeral', replace_original: original, ...renderSlackReply(reply)[0] });
    try {
      if (!(await services.admins.isAdmin(client, body.user.id))) {
        logger.warn({ noteId: action.value }, 'delete refused: not an admin');
        await replace(notAdminReply(), false);
        return;
      }
      await replace(await deleteConfirmed(services.context.runtime, action.value ?? '', `${PLATFORM}:${body.user.id}`, logger), true);
    } catch (error) {
      logger.error({ err: error }, 'delete failed');
      await replace(failureReply(error), false).catch(() => undefined);
    }
  });

  app.action<BlockAction<ButtonAction>>(SLACK_ACTIONS.cancelDelete, async ({ ack, respond, body }) => {
    await ack();
    await respond({ response_type: 'ephemeral', replace_original: true, ...renderSlackReply(deleteCancelledReply())[0] }).catch((error: unknown) =>
      services.logger.warn({ err: error, channel: body.channel?.id }, 'cancel not shown'),
    );
  });
}
