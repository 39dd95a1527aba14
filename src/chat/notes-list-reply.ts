import { noteHandles } from '../recap/find-note.js';
import type { NoteListing } from '../store/note-store.js';
import { infoReply, type Reply } from '../domain/reply.js';

// A chat reply lists the newest notes; the full list is one CLI command away.
const MAX_LISTED = 30;

/**
 * The ingested notes, newest first: date, title, the whole id, and the shortest start of the id
 * that names the note alone (any command takes it, or words of the title).
 */
export function notesListReply(notes: readonly NoteListing[]): Reply {
  if (notes.length === 0) return infoReply('No notes yet. An organizer can add some: attach .md or .txt files to a message that mentions me with "ingest".');
  const handles = noteHandles(notes.map((note) => note.id));
  const shown = notes.slice(0, MAX_LISTED).map((note) => {
    const handle = handles.get(note.id) ?? note.id;
    return `- ${note.date ?? 'no date'} · ${note.title} (id: ${note.id})${handle === note.id ? '' : ` · short: ${handle}`}`;
  });
  const more = notes.length > MAX_LISTED ? [`… and ${notes.length - MAX_LISTED} older notes (\`recap list\` shows them all).`] : [];
  const naming = 'Name a note by its id, the short form shown, or words of its title.';
  return infoReply([`${notes.length} note${notes.length === 1 ? '' : 's'}, newest first:`, ...shown, ...more, naming].join('\n'));
}
