import { deleteNoteViaQueue } from '../ingest/run-ingest.js';
import type { Logger } from '../logger.js';
import { deletionTarget } from '../recap/find-note.js';
import type { Runtime } from '../runtime.js';
import type { NoteListing } from '../store/note-store.js';
import { noteLookupReply } from './note-lookup-reply.js';
import { notesListReply } from './notes-list-reply.js';
import { infoReply, type Reply } from '../domain/reply.js';

/**
 * Candidates offered for confirmation at once: Discord fits five buttons in a row, one of them
 * Cancel; past that, the person is better served by the exact id from the list.
 */
export const MAX_CONFIRM_TARGETS = 4;
/** Notes offered when nothing matches. */
const NOTE_SUGGESTIONS = 10;

/**
 * `delete <note>` in chat, after the adapter has checked that the person is an admin: an exact
 * note id is deleted at once; anything else only finds the candidates and asks, with their full
 * titles and ids, which the buttons of a 'confirm' reply then delete (deleteConfirmed).
 */
export async function runDeleteCommand(runtime: Runtime, query: string, actor: string, logger: Logger): Promise<Reply> {
  const listings = await runtime.store.listNotes();
  const target = deletionTarget(listings, query);
  switch (target.status) {
    case 'exact':
      return deleteConfirmed(runtime, target.note.id, actor, logger);
    case 'confirm':
      return deleteConfirmationReply(query, target.candidates);
    case 'none': {
      if (listings.length === 0) return notesListReply([]);
      const candidates = listings.slice(0, NOTE_SUGGESTIONS).map((entry) => ({ noteId: entry.id, title: entry.title, source: entry.source }));
      return noteLookupReply(query, { status: 'not-found', candidates });
    }
  }
}

/** Asks whether to delete the candidate(s), showing each one's full title and id. */
export function deleteConfirmationReply(query: string, candidates: readonly NoteListing[]): Reply {
  const targets = candidates.slice(0, MAX_CONFIRM_TARGETS).map((note) => ({ id: note.id, title: note.title }));
  const [only] = targets;
  const lines =
    targets.length === 1 && only
      ? [`Delete ${only.title} (id: ${only.id})?`, `"${query}" is not a note id, so nothing is deleted until you confirm.`]
      : [
          `${candidates.length} notes match "${query}". Nothing is deleted until you pick one:`,
          ...targets.map((target, position) => `${position + 1}. ${target.title} (id: ${target.id})`),
          ...(candidates.length > targets.length ? [`… and ${candidates.length - targets.length} more: give the exact id of the one you mean (the list command shows them).`] : []),
        ];
  return { kind: 'confirm', text: lines.join('\n'), citations: [], confirmation: { action: 'delete-note', targets } };
}

/**
 * "Delete note X", confirmed by `actor` ("slack:U123"), who the adapter has checked is an
 * admin: deletes it from Redis and every index and says what happened, naming the note.
 */
export async function deleteConfirmed(runtime: Runtime, noteId: string, actor: string, logger: Logger): Promise<Reply> {
  const note = await runtime.store.getNote(noteId);
  if (note === null) return infoReply(`${noteId} is already gone; nothing was deleted.`);
  const existed = await deleteNoteViaQueue(runtime, noteId);
  logger.info({ noteId, by: actor, existed }, 'note deleted');
  return infoReply(existed ? `Deleted ${note.title} (${noteId}) from the notes.` : `${noteId} is already gone; nothing was deleted.`);
}

/** What a confirmation says once Cancel is clicked. */
export function deleteCancelledReply(): Reply {
  return infoReply('Cancelled: nothing was deleted.');
}
