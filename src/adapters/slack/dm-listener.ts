import type { App } from '@slack/bolt';
import type { ChatCommand } from '../../chat/chat-command.js';
import { inputTooLong } from '../../chat/chat-input.js';
import { failureReply } from '../../chat/failure-reply.js';
import { runChatCommand } from '../../chat/run-chat-command.js';
import { afterAck } from './after-ack.js';
import { deliverToThread, postPlaceholder, type ThreadTarget } from './deliver.js';
import { ingestSharedFiles, type SharedFile } from './file-ingest.js';
import { asksToIngest, plainSlackText } from './mention-text.js';
import { parseRecapCommand } from './parse-recap-command.js';
import { renderSlackReply } from './render-slack.js';
import { slackFrontEnd, slackRequest } from './slack-front-end.js';
import { firstDelivery, type SlackServices } from './slack-services.js';

/** A `message` event in a direct message with the bot (message.im). */
interface SlackDirectMessageEvent {
  channel?: string;
  channel_type?: string;
  subtype?: string;
  user?: string;
  bot_id?: string;
  text?: string;
  ts?: string;
  thread_ts?: string;
  files?: SharedFile[];
}

/**
 * The first words that make a direct message a command, typed as after `/recap` ("list",
 * "summary cloud native #8", "define Brown Field"); anything else is a question.
 */
const COMMAND_WORDS = new Set(['ask', 'summary', 'recap', 'translate', 'list', 'notes', 'define', 'ingest', 'upload', 'delete', 'schedule', 'thread', 'channel', 'purge', 'help']);

/**
 * Direct messages to the bot (the App Home's Messages tab, the message.im event): a question is
 * answered in the DM, first as a placeholder that the answer replaces; `help` and the commands
 * of /recap typed without it (`list`, `summary …`) run as /recap would run them; files sent with
 * "ingest" are ingested (admins only). Only people's new messages count: edits, deletions, bots
 * (ours included) are not asked. Retried deliveries are answered once. The capture listener
 * leaves DMs alone, and Slack sends no app_mention for a DM, so each DM is answered here only.
 */
export function registerDirectMessageListener(app: App, services: SlackServices): void {
  app.event('message', async ({ event, body, client, context }) => {
    const message = event as SlackDirectMessageEvent;
    if (message.channel_type !== 'im' || message.channel === undefined || message.ts === undefined) return;
    // A file shared with a message comes as the file_share subtype; every other subtype is not a person asking.
    if (message.subtype !== undefined && message.subtype !== 'file_share') return;
    if (message.bot_id !== undefined || message.user === undefined || message.user === context.botUserId) return;
    const { channel, user, ts } = message;
    const logger = services.logger.child({ channel });
    await afterAck();
    if (!(await firstDelivery(services, body.event_id, logger))) return;
    // A reply in a thread of the DM stays in that thread; otherwise the answer is a message of the DM.
    const threadTs = message.thread_ts ?? null;
    const target: ThreadTarget = { channel, threadTs, placeholderTs: null };
    const text = message.text ?? '';
    try {
      if (asksToIngest(text) && message.files && message.files.length > 0) {
        await ingestSharedFiles(services, { client, teamId: body.team_id, user, channel, threadTs: threadTs ?? ts, files: message.files, logger });
        return;
      }
      const command = directMessageCommand(text);
      if (command.name === 'ask' && inputTooLong(command.question) === null) {
        target.placeholderTs = await postPlaceholder(client, channel, threadTs, 'Searching the notes…', logger);
      }
      const { reply, answerId } = await runChatCommand(services.context, command, slackRequest(user, channel, logger), slackFrontEnd(services, client, user, { channel, threadTs }));
      await deliverToThread(client, target, renderSlackReply(reply, answerId ? { answerId, feedback: true } : {}), logger);
    } catch (error) {
      logger.error({ err: error }, 'direct message not answered');
      await deliverToThread(client, target, renderSlackReply(failureReply(error)), logger).catch((deliveryError: unknown) =>
        logger.error({ err: deliveryError }, 'could not deliver the error message either'),
      );
    }
  });
}

/** A direct message as a command: /recap's subcommands typed without "/recap", "help" (or ヘルプ), else a question. */
export function directMessageCommand(rawText: string): ChatCommand {
  const text = plainSlackText(rawText).replace(/^\/recap\s+/i, '');
  if (inputTooLong(text) !== null) return { name: 'ask', question: text };
  if (text === '' || /^(help|ヘルプ|使い方)[?？!.]?$/i.test(text)) return { name: 'help' };
  const first = /^\S+/.exec(text.normalize('NFKC'))?.[0].toLowerCase() ?? '';
  if (!COMMAND_WORDS.has(first)) return { name: 'ask', question: text };
  return parseRecapCommand(rawText.replace(/^\s*\/recap\s+/i, ''));
}
