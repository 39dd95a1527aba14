import type { App } from '@slack/bolt';
import type { ChatCommand } from '../../chat/chat-command.js';
import { inputTooLong } from '../../chat/chat-input.js';
import { asksForConversationRecap } from '../../chat/conversation-target.js';
import { failureReply } from '../../chat/failure-reply.js';
import { runChatCommand } from '../../chat/run-chat-command.js';
import { afterAck } from './after-ack.js';
import { deliverToThread, postPlaceholder, type ThreadTarget } from './deliver.js';
import { ingestSharedFiles } from './file-ingest.js';
import { asksToIngest, plainSlackText } from './mention-text.js';
import { renderSlackReply } from './render-slack.js';
import { slackFrontEnd, slackRequest } from './slack-front-end.js';
import { firstDelivery, type SlackServices } from './slack-services.js';

/**
 * @recap mentions: a question is answered in a thread (the mention's own thread when it is a
 * follow-up there), first as a placeholder that the answer replaces. A mention that says
 * "ingest" with files attached ingests them (admins only). Retried deliveries of one event are
 * answered once. "@recap まとめて" / "@recap recap" recaps the thread it is in (outside a thread,
 * the channel's last 24 hours).
 */
export function registerMentionListener(app: App, services: SlackServices): void {
  app.event('app_mention', async ({ event, body, client }) => {
    const logger = services.logger.child({ channel: event.channel });
    // Other bots (and our own echoes) are not people asking; answering them risks loops.
    if (event.bot_id !== undefined || event.user === undefined) return;
    // bolt acknowledged the event before calling us.
    await afterAck();
    if (!(await firstDelivery(services, body.event_id, logger))) return;
    const threadTs = event.thread_ts ?? event.ts;
    const target: ThreadTarget = { channel: event.channel, threadTs, placeholderTs: null };
    try {
      if (asksToIngest(event.text) && event.files && event.files.length > 0) {
        await ingestSharedFiles(services, { client, teamId: body.team_id, user: event.user, channel: event.channel, threadTs, files: event.files, logger });
        return;
      }
      const command = mentionCommand(event.text, event.thread_ts !== undefined);
      // A question gets a placeholder while it is searched; help and refusals come at once.
      if (command.name === 'ask' && inputTooLong(command.question) === null) {
        target.placeholderTs = await postPlaceholder(client, event.channel, threadTs, 'Searching the notes…', logger);
      } else if (command.name === 'conversation') {
        target.placeholderTs = await postPlaceholder(client, event.channel, threadTs, command.language === 'ja' ? '会話を読んでいます…' : 'Reading the conversation…', logger);
      }
      const where = { channel: event.channel, threadTs: event.thread_ts ?? null };
      const { reply, answerId } = await runChatCommand(services.context, command, slackRequest(event.user, event.channel, logger), slackFrontEnd(services, client, event.user, where));
      await deliverToThread(client, target, renderSlackReply(reply, answerId ? { answerId, feedback: true } : {}), logger);
    } catch (error) {
      logger.error({ err: error }, 'mention not answered');
      await deliverToThread(client, target, renderSlackReply(failureReply(error)), logger).catch((deliveryError: unknown) =>
        logger.error({ err: deliveryError }, 'could not deliver the error message either'),
      );
    }
  });
}

/**
 * A mention as a command: a question, except "help", "ingest" without a file, and a request for
 * a recap of where it was posted ("まとめて", "recap"): its thread, or outside a thread the
 * channel's last day, in the language it was asked in.
 */
function mentionCommand(rawText: string, inThread: boolean): ChatCommand {
  const question = plainSlackText(rawText);
  // Too long for anything: the runner refuses it as it refuses any long input.
  if (inputTooLong(question) !== null) return { name: 'ask', question };
  if (/^(help|ヘルプ|使い方)[?？!.]?$/i.test(question)) return { name: 'help' };
  if (asksForConversationRecap(question)) {
    const language = /[\u3040-\u30ff\u3400-\u9fff]/.test(question) ? 'ja' : 'en';
    return { name: 'conversation', target: inThread ? { kind: 'thread', link: null } : { kind: 'channel', channel: null, since: null }, language };
  }
  if (asksToIngest(rawText)) return { name: 'ingest' };
  return { name: 'ask', question };
}
