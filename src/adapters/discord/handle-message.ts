import type { Attachment, Message } from 'discord.js';
import type { ChatContext } from '../../chat/chat-adapter.js';
import { failureReply } from '../../chat/failure-reply.js';
import type { ChatCommand } from '../../chat/chat-command.js';
import { asksForConversationRecap } from '../../chat/conversation-target.js';
import { runChatCommand } from '../../chat/run-chat-command.js';
import { detectLanguage } from '../../notes/language.js';
import { infoReply, type Reply } from '../../domain/reply.js';
import { uploadOutcomesReply } from '../../chat/upload-reply.js';
import type { DiscordSettings } from './discord-settings.js';
import { ingestChatUpload, type ChatUpload } from '../../ingest/ingest-chat-upload.js';
import type { Logger } from '../../logger.js';
import { logFailure } from './log-failure.js';
import { canManageNotes } from './can-manage-notes.js';
import { discordFrontEnd, discordRequest, PLATFORM } from './discord-front-end.js';
import type { DiscordCapture } from './discord-capture.js';
import { discordConversationAccess } from './discord-conversation-access.js';
import { directMessageCommand, directMessageFrontEnd, NEEDS_A_SERVER } from './direct-message.js';
import { downloadAttachment } from './download-attachment.js';
import { isIngestRequest, questionForBot } from './question-for-bot.js';
import { replyToMessage } from './send-reply.js';

const REFUSED =
  'Sorry, only members with the Manage Server permission (or a note-keeper role the server owner set up for recap) can add notes. ' +
  'You can still ask me anything about the notes.';
// Offline answers take milliseconds; "Recap is typing…" is worth a request only for slower ones
// (a model, an ingest). Fewer requests also keep the bot under Discord's 50 requests/s.
const TYPING_AFTER_MS = 300;
const NOTHING_ATTACHED = 'Attach the .md or .txt note files to the same message that says `@Recap ingest`, and I will add them.';

/**
 * Handles one message: when it addresses the bot (a mention, or any message in a DM), answers it ("@Recap what is …?"), recaps the
 * thread or channel it was posted in ("@Recap まとめて", "@Recap recap") once every message
 * before it is captured, or ingests its attachments ("@Recap ingest"), always with a visible
 * reply, errors included.
 */
export async function handleMessage(context: ChatContext, settings: DiscordSettings, logger: Logger, message: Message, capture: DiscordCapture): Promise<void> {
  const botUserId = message.client.user.id;
  const question = questionForBot(message, botUserId);
  if (question === null) return;
  const log = logger.child({ channel: message.channelId, guild: message.guildId, message: message.id });
  const started = Date.now();
  const typing = showTypingIfSlow(message);
  let reply: Reply;
  try {
    if (!message.inGuild()) reply = await answerDirectMessage(context, question, message, log);
    else if (isIngestRequest(question)) reply = await ingestAttachments(context, settings, message);
    else {
      const command = commandOf(question, message);
      if (command.name === 'conversation') await capture.settled();
      const access = discordConversationAccess({ client: message.client, guildId: message.guildId, channelId: message.channelId, member: message.member }, capture.history, context.config.timezone);
      ({ reply } = await runChatCommand(context, command, discordRequest(message.author.id, message.channelId, log), discordFrontEnd(message.member, settings.adminRoleIds, access)));
    }
  } catch (error) {
    logFailure(log, error, 'answering a mention failed');
    reply = failureReply(error);
  } finally {
    clearTimeout(typing);
  }
  try {
    await replyToMessage(message, reply);
    log.info({ kind: reply.kind, ms: Date.now() - started }, 'answered a mention');
  } catch (error) {
    // Nothing more can be shown in the channel (no permission to post, channel gone): log it.
    log.error({ err: error }, 'could not post the reply');
  }
}

/**
 * A direct message to the bot: a question, or a command typed as after /recap (`list`,
 * `summary …`). There is no server to check roles in, so adding, deleting, schedules and
 * conversation recaps are politely sent to a server channel.
 */
async function answerDirectMessage(context: ChatContext, text: string, message: Message, log: Logger): Promise<Reply> {
  if (isIngestRequest(text) && message.attachments.size > 0) return infoReply(NEEDS_A_SERVER.ingest);
  const command = directMessageCommand(text);
  if ('kind' in command) return command;
  return (await runChatCommand(context, command, discordRequest(message.author.id, message.channelId, log), directMessageFrontEnd())).reply;
}

/** "@Recap" alone: how to use it; "まとめて" / "recap" / "summarize this thread": a recap of this thread or channel; anything else: a question. */
function commandOf(question: string, message: Message): ChatCommand {
  if (question === '') return { name: 'help' };
  if (!asksForConversationRecap(question)) return { name: 'ask', question };
  const language = detectLanguage([question]);
  const target = message.channel.isThread() ? ({ kind: 'thread', link: null } as const) : ({ kind: 'channel', channel: null, since: null } as const);
  return { name: 'conversation', target, language };
}

/** Shows "Recap is typing…" if the answer is not ready soon; purely cosmetic, so failures are ignored. */
function showTypingIfSlow(message: Message): NodeJS.Timeout {
  return setTimeout(() => {
    if (message.channel.isSendable()) void message.channel.sendTyping().catch(() => undefined);
  }, TYPING_AFTER_MS);
}

async function ingestAttachments(context: ChatContext, settings: DiscordSettings, message: Message): Promise<Reply> {
  if (!canManageNotes(message.member, settings.adminRoleIds)) return infoReply(REFUSED);
  const attachments = [...message.attachments.values()];
  if (attachments.length === 0) return infoReply(NOTHING_ATTACHED);
  const outcomes = await Promise.all(attachments.map((attachment) => ingestChatUpload(context.runtime, toUpload(message, attachment, settings.apiUrl))));
  return uploadOutcomesReply(outcomes);
}

function toUpload(message: Message, attachment: Attachment, apiUrl: string): ChatUpload {
  return {
    name: attachment.name,
    platform: PLATFORM,
    // One note per posted file: the attachment id is Discord's identity for it.
    sourceKey: `discord:${message.guildId ?? 'dm'}:${attachment.id}`,
    size: attachment.size,
    download: (maxBytes) => downloadAttachment(attachment.url, { apiUrl, maxBytes }),
  };
}
