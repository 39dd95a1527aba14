import { MessageFlags, type ButtonInteraction, type Interaction } from 'discord.js';
import type { ChatContext } from '../../chat/chat-adapter.js';
import { deleteCancelledReply, deleteConfirmed } from '../../chat/delete-commands.js';
import { failureReply } from '../../chat/failure-reply.js';
import { DISCORD_CUSTOM_IDS, noMentions } from './render-discord.js';
import type { Reply } from '../../domain/reply.js';
import type { Logger } from '../../logger.js';
import { canManageNotes } from './can-manage-notes.js';
import { NOT_ADMIN, PLATFORM } from './discord-front-end.js';
import { logFailure } from './log-failure.js';
import { updateClickedMessage } from './send-reply.js';

/** A click on a Delete or Cancel button of a confirmation. */
export function isDeleteButton(interaction: Interaction): interaction is ButtonInteraction {
  return interaction.isButton() && (interaction.customId === DISCORD_CUSTOM_IDS.cancelDelete || interaction.customId.startsWith(DISCORD_CUSTOM_IDS.deleteNotePrefix));
}

/**
 * Deletes the note a button names (its exact id is in the custom_id) once the clicker is found to
 * be an admin now, whoever was shown the buttons; the confirmation then says what happened.
 */
export async function handleDeleteButton(context: ChatContext, adminRoleIds: readonly string[], logger: Logger, interaction: ButtonInteraction): Promise<void> {
  const log = logger.child({ channel: interaction.channelId, guild: interaction.guildId, interaction: interaction.id, button: interaction.customId });
  try {
    // Deleting waits for a queue job; Discord wants an answer within 3 s.
    await interaction.deferUpdate();
  } catch (error) {
    log.error({ err: error }, 'could not acknowledge the button');
    return;
  }
  try {
    if (interaction.customId === DISCORD_CUSTOM_IDS.cancelDelete) {
      await updateClickedMessage(interaction, deleteCancelledReply());
      return;
    }
    if (!canManageNotes(interaction.inCachedGuild() ? interaction.member : null, adminRoleIds)) {
      log.warn({ user: interaction.user.id }, 'delete refused: not an admin');
      await interaction.followUp({ content: NOT_ADMIN.delete, flags: MessageFlags.Ephemeral, allowedMentions: noMentions() });
      return;
    }
    const noteId = interaction.customId.slice(DISCORD_CUSTOM_IDS.deleteNotePrefix.length);
    let reply: Reply;
    try {
      reply = await deleteConfirmed(context.runtime, noteId, `${PLATFORM}:${interaction.user.id}`, log);
    } catch (error) {
      logFailure(log, error, 'delete failed');
      reply = failureReply(error);
    }
    await updateClickedMessage(interaction, reply);
  } catch (error) {
    log.error({ err: error }, 'could not answer the button');
  }
}
