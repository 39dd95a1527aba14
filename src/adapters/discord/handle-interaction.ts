import { MessageFlags, type AutocompleteInteraction, type ChatInputCommandInteraction, type Interaction } from 'discord.js';
import type { ChatContext } from '../../chat/chat-adapter.js';
import { failureReply } from '../../chat/failure-reply.js';
import { runRecapCommand, type RecapCommand } from '../../chat/recap-commands.js';
import type { Reply } from '../../domain/reply.js';
import type { DiscordConfig } from '../../config.js';
import type { Logger } from '../../logger.js';
import { deleteInteractionReply, handleDeleteButton, isDeleteButton } from './delete-interaction.js';
import { logFailure } from './log-failure.js';
import { completeNote } from '../../recap/complete-note.js';
import { DELETE_SUBCOMMAND, RECAP_COMMAND, SCHEDULE_GROUP } from './recap-slash-command.js';
import { scheduleInteractionReply } from './schedule-interaction.js';
import { answerInteraction } from './send-reply.js';

// Discord caps autocomplete choice names and values at 100 characters.
const MAX_CHOICE_CHARS = 100;

/**
 * Handles /recap: acknowledges at once (Discord drops an interaction not answered within 3 s),
 * then edits the answer in. Autocomplete of note names is answered from the in-memory index.
 * `/recap schedule …` and `/recap delete` are for admins, and their replies only the person who
 * asked sees; the Delete / Cancel buttons of a delete confirmation come back here too.
 */
export async function handleInteraction(context: ChatContext, settings: DiscordConfig, logger: Logger, interaction: Interaction): Promise<void> {
  if (interaction.isAutocomplete() && interaction.commandName === RECAP_COMMAND) return completeNotes(context, logger, interaction);
  if (isDeleteButton(interaction)) return handleDeleteButton(context, settings.adminRoleIds, logger, interaction);
  if (!interaction.isChatInputCommand() || interaction.commandName !== RECAP_COMMAND) return;
  const group = interaction.options.getSubcommandGroup(false);
  const subcommand = interaction.options.getSubcommand(false) ?? 'ask';
  const isSchedule = group === SCHEDULE_GROUP;
  const isDelete = group === null && subcommand === DELETE_SUBCOMMAND;
  // Schedule and delete replies (ids, refusals, confirmations) concern the admin alone, not the channel.
  const isPrivate = isSchedule || isDelete;
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
    if (isSchedule) reply = await scheduleInteractionReply(context, settings.adminRoleIds, interaction, subcommand);
    else if (isDelete) reply = await deleteInteractionReply(context, settings.adminRoleIds, interaction, log);
    else reply = await runRecapCommand(context, commandOf(interaction, subcommand));
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

function commandOf(interaction: ChatInputCommandInteraction, subcommand: string): RecapCommand {
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
    default:
      return { name: 'ask', question: text('question') };
  }
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
