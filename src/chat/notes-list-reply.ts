import type { NoteListing } from '../store/note-store.js';
import { infoReply, type Reply } from '../domain/reply.js';

// A chat reply lists the newest notes; the full list is one CLI command away.
const MAX_LISTED = 30;

/** The ingested notes, newest first: date, title and the id to use in other commands. */
export function notesListReply(notes: readonly NoteListing[]): Reply {
  if (notes.length === 0) return infoReply('No notes yet. An organizer can add some: attach .md or .txt files to a message that mentions me with "ingest".');
  const shown = notes.slice(0, MAX_LISTED).map((note) => `- ${note.date ?? 'no date'} · ${note.title} (id: ${note.id})`);
  const more = notes.length > MAX_LISTED ? [`… and ${notes.length - MAX_LISTED} older notes (\`recap list\` shows them all).`] : [];
  return infoReply([`${notes.length} note${notes.length === 1 ? '' : 's'}, newest first:`, ...shown, ...more].join('\n'));
}
