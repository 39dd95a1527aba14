import type { Note } from '../domain/note.js';

/** A note's outline, as `recap show` and the prompt's /show print it: its sections and lines with their numbers. */
export function renderNoteOutline(note: Note): string {
  const lines = [`${note.title}  [${note.id}]`, `${note.source}${note.date ? ` · ${note.date}` : ''}${note.event ? ` · ${note.event}` : ''}`];
  for (const section of note.sections) {
    if (section.title) lines.push('', `${'#'.repeat(Math.max(section.level, 1))} ${section.title}  (line ${section.line})`);
    const walk = (items: Note['sections'][number]['items'], depth: number): void => {
      for (const item of items) {
        lines.push(`${String(item.line).padStart(5)}  ${'  '.repeat(depth)}${item.kind === 'bullet' ? '- ' : ''}${item.text}`);
        walk(item.children, depth + 1);
      }
    };
    walk(section.items, 0);
  }
  return `${lines.join('\n')}\n`;
}
