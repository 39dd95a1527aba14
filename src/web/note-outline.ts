import type { Note, NoteItem } from '../domain/note.js';
import { noteLineUrl } from '../domain/reply.js';
import { html, type Html } from './html.js';

/** The link to one line of a note's page (`/notes/<id>#L24`), relative or under a base URL. */
export function noteLineHref(noteId: string, line: number, base = ''): string {
  return noteLineUrl(base, noteId, line);
}

/**
 * A note as an outline: each heading and item on its own row with its source line number, the
 * row's id the anchor a citation links to (`#L24`). Text is escaped: notes are untrusted.
 */
export function noteOutline(note: Note): Html {
  const rows = new Map<number, Html>();
  // One row per line (its anchor must be unique); the first thing on a line names it.
  const add = (line: number, text: string, kind: RowKind, depth = 0): void => {
    if (!rows.has(line)) rows.set(line, row(line, text, kind, depth));
  };
  const addItem = (item: NoteItem): void => {
    add(item.line, item.kind === 'bullet' ? `- ${item.text}` : item.text, item.kind === 'code' ? 'code' : 'item', item.depth);
    for (const child of item.children) addItem(child);
  };
  if (note.titleLine !== undefined) add(note.titleLine, note.title, 'heading');
  for (const section of note.sections) {
    if (section.level > 0) add(section.line, `${'#'.repeat(section.level)} ${section.title}`, 'heading');
    for (const item of section.items) addItem(item);
  }
  return html`<div class="outline">${[...rows.values()]}</div>`;
}

type RowKind = 'heading' | 'item' | 'code';

function row(line: number, text: string, kind: RowKind, depth: number): Html {
  // Nesting as a left margin (not spaces), so a wrapped line stays under its bullet.
  const indent = depth > 0 ? html` style="margin-left: ${Math.min(depth, 8) * 1.2}em"` : '';
  const body = kind === 'code' ? html`<pre class="text"${indent}>${text}</pre>` : html`<span class="text"${indent}>${text}</span>`;
  return html`<div class="row${kind === 'heading' ? ' heading' : ''}" id="L${line}"><a class="ln" href="#L${line}">${line}</a>${body}</div>`;
}
