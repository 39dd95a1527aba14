import type { Note, NoteItem } from '../domain/note.js';
import type { NoteListing } from '../store/note-store.js';

/** Where a note is as an MCP resource: `recap://notes/<id>`. */
export function noteResourceUri(noteId: string): string {
  return `recap://notes/${encodeURIComponent(noteId)}`;
}

/**
 * A note as plain text for a model: a header (title, event, date, source), then every heading and
 * item on its own line after its source line number, as the web page's outline shows it. The
 * line numbers are the ones citations give, so a client can quote "line 24" back.
 */
export function noteOutlineText(note: Note): string {
  const rows = new Map<number, string>();
  // One row per line, as on the web page: the first thing on a line names it.
  const add = (line: number, text: string): void => {
    if (!rows.has(line)) rows.set(line, text);
  };
  const addItem = (item: NoteItem): void => {
    const indent = '  '.repeat(Math.min(item.depth, 8));
    const text = item.kind === 'bullet' ? `${indent}- ${item.text}` : item.kind === 'code' ? indentLines(item.text, indent) : `${indent}${item.text}`;
    add(item.line, text);
    for (const child of item.children) addItem(child);
  };
  if (note.titleLine !== undefined) add(note.titleLine, `# ${note.title}`);
  for (const section of note.sections) {
    if (section.level > 0) add(section.line, `${'#'.repeat(section.level)} ${section.title}`);
    for (const item of section.items) addItem(item);
  }
  const width = String(Math.max(0, ...rows.keys())).length;
  const header = [
    `Note: ${note.title} (id: ${note.id})`,
    ...(note.event !== null ? [`Event: ${note.event}`] : []),
    `Date: ${note.date ?? 'unknown'}`,
    `Language: ${note.language}`,
    `Source: ${note.source} (${note.lineCount} lines)`,
    ...(note.speakers.length > 0 ? [`Speakers: ${note.speakers.join(', ')}`] : []),
  ];
  const body = [...rows.entries()].sort(([a], [b]) => a - b).map(([line, text]) => `${String(line).padStart(width)}: ${text}`);
  return [...header, '', 'Outline (line: text):', ...body].join('\n');
}

function indentLines(text: string, indent: string): string {
  return text
    .split('\n')
    .map((line) => `${indent}${line}`)
    .join('\n');
}

/** One line per note, newest first: date, title, id. */
export function notesListText(notes: readonly NoteListing[]): string {
  if (notes.length === 0) return 'No notes yet. Ingest some with `recap ingest <folder>` or drop them in the notes folder of `recap start`.';
  const lines = notes.map((note) => `- ${note.date ?? 'no date'} · ${note.title} (id: ${note.id}, ${note.language}, ${note.sections} sections)`);
  return [`${notes.length} note${notes.length === 1 ? '' : 's'}, newest first:`, ...lines].join('\n');
}
