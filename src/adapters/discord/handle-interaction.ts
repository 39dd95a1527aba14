import { MessageFlags, type AutocompleteInteraction, type ChatInputCommandInteraction, type Interaction } from 'discord.js';
import type { ChatContext } from '../../chat/chat-adapter.js';
import type { ChatCommand } from '../../chat/chat-command.js';
import { failureReply } from '../../chat/failure-reply.js';
import { runChatCommand } from '../../chat/run-chat-command.js';
import type { Reply } from '../../domain/reply.js';
import type { Logger } from '../../logger.js';
import { completeNote } from '../../recap/complete-note.js';
import { handleDeleteButton, isDeleteButton } from './delete-interaction.js';
import type { DiscordCapture } from './discord-capture.js';
import { discordConversationAccess } from './discord-conversation-access.js';
import { discordFrontEnd, discordRequest } from './discord-front-end.js';
import type { DiscordSettings } from './discord-settings.js';
import { logFailure } from './log-failure.js';
import { CONVERSATION_SUBCOMMANDS, DELETE_SUBCOMMAND, RECAP_COMMAND, SCHEDULE_GROUP } from './recap-slash-command.js';
import { scheduleCommandOf } from './schedule-interaction.js';
import { answerInteraction } from './send-reply.js';

// Discord caps autocomplete choice names and values at 100 characters.
const MAX_CHOICE_CHARS = 100;

/**
 * Handles /recap: acknowledges at once (Discord drops an interaction not answered within 3 s),
 * then edits the answer in. Autocomplete of note names is answered from the in-memory index.
 * `/recap schedule …` and `/recap delete` are for admins, and their replies only the person who
 * asked sees, as do those of `/recap thread save:` and `/recap purge`; the Delete / Cancel
 * buttons of a delete confirmation come back here too. Conversation recaps wait until every
 * message received before the command is captured.
 */
export async function handleInteraction(context: ChatContext, settings: DiscordSettings, logger: Logger, interaction: Interaction, capture: DiscordCapture): Promise<void> {
  if (interaction.isAutocomplete() && interaction.commandName === RECAP_COMMAND) return completeNotes(context, logger, interaction);
  if (isDeleteButton(interaction)) return handleDeleteButton(context, settings.adminRoleIds, logger, interaction);
  if (!interaction.isChatInputCommand() || interaction.commandName !== RECAP_COMMAND) return;
  const group = interaction.options.getSubcommandGroup(false);
  const subcommand = interaction.options.getSubcommand(false) ?? 'ask';
  const command = commandOf(interaction, group, subcommand);
  // Schedule and delete replies (ids, refusals, confirmations) concern the admin alone, not the channel.
  const isPrivate = group === SCHEDULE_GROUP || command.name === 'delete' || command.name === 'save-thread' || command.name === 'purge' || command.name === 'ingest';
  const log = logger.child({ channel: interaction.channelId, guild: interaction.guildId, interaction: interaction.id, subcommand: group ? `${group} ${subcommand}` : subcommand });
  const started = Date.now();
  try {
    await interaction.deferReply(isPrivate ? { flags: MessageFlags.Ephemeral } : {});
  } catch (error) {
    // Too late (over 3 s) or already answered by another instance: nothing can be shown any more.
    log.error({ err: error }, 'could not acknowledge the command');
    return;
  }
  let reply: Reply;
  try {
    const member = interaction.inCachedGuild() ? interaction.member : null;
    if (command.name === 'conversation' || command.name === 'save-thread') await capture.settled();
    const access = discordConversationAccess({ client: interaction.client, guildId: interaction.guildId, channelId: interaction.channelId, member }, capture.history, context.config.timezone);
    ({ reply } = await runChatCommand(context, command, discordRequest(interaction.user.id, interaction.channelId, log), discordFrontEnd(member, settings.adminRoleIds, access)));
  } catch (error) {
    logFailure(log, error, 'command failed');
    reply = failureReply(error);
  }
  try {
    await answerInteraction(interaction, reply, { ephemeral: isPrivate });
    log.info({ kind: reply.kind, ms: Date.now() - started }, 'answered a command');
  } catch (error) {
    log.error({ err: error }, 'could not post the answer');
  }
}

/** The slash command's options as the shared command; checking their values is the core's job. */
function commandOf(interaction: ChatInputCommandInteraction, group: string | null, subcommand: string): ChatCommand {
  if (group === SCHEDULE_GROUP) return scheduleCommandOf(interaction, subcommand);
  const text = (name: string): string => interaction.options.getString(name) ?? '';
  const language = interaction.options.getString('lang')?.trim() || undefined;
  switch (subcommand) {
    case 'summary':
    case 'translate':
      return { name: subcommand, note: text('note'), ...(language ? { language } : {}) };
    case 'list':
      return { name: 'list' };
    case 'define':
      return { name: 'define', term: text('term') };
    case DELETE_SUBCOMMAND:
      return { name: 'delete', note: text('note') };
    case CONVERSATION_SUBCOMMANDS.thread: {
      const target = { kind: 'thread', link: interaction.options.getString('link')?.trim() || null } as const;
      return interaction.options.getBoolean('save') === true ? { name: 'save-thread', target } : { name: 'conversation', target, ...languageOf(interaction) };
    }
    case CONVERSATION_SUBCOMMANDS.channel: {
      const target = { kind: 'channel', channel: interaction.options.getChannel('channel')?.id ?? null, since: interaction.options.getString('since')?.trim() || null } as const;
      return { name: 'conversation', target, ...languageOf(interaction) };
    }
    case CONVERSATION_SUBCOMMANDS.purge:
      return { name: 'purge', channel: interaction.options.getChannel('channel')?.id ?? null };
    case 'ingest':
      return { name: 'ingest', url: text('url').trim() };
    default:
      return { name: 'ask', question: text('question') };
  }
}

/** A recap in the asker's language: their Discord client's (ja or en), else the first of RECAP_LANGUAGES. */
function languageOf(interaction: ChatInputCommandInteraction): { language?: 'ja' | 'en' } {
  if (interaction.locale.startsWith('ja')) return { language: 'ja' };
  if (interaction.locale.startsWith('en')) return { language: 'en' };
  return {};
}

async function completeNotes(context: ChatContext, logger: Logger, interaction: AutocompleteInteraction): Promise<void> {
  try {
    const choices = completeNote(context.index, String(interaction.options.getFocused())).map((meta) => ({
      name: clip(`${meta.title} (${meta.noteId})`),
      value: meta.noteId.slice(0, MAX_CHOICE_CHARS),
    }));
    await interaction.respond(choices);
  } catch (error) {
    // Suggestions are a convenience: a late or failed one leaves the user typing, nothing lost.
    logger.debug({ err: error, interaction: interaction.id }, 'autocomplete not answered');
  }
}

function clip(text: string): string {
  return text.length <= MAX_CHOICE_CHARS ? text : `${text.slice(0, MAX_CHOICE_CHARS - 1)}…`;
}
