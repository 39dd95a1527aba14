import { RecapError } from '../errors.js';
import type { Chunk, Note, NoteItem, Section } from '../domain/note.js';

/** Enough context for "X - explanation" answers without turning one chunk into a whole talk. */
export const MAX_CHUNK_CHILDREN = 40;

type ChunkChild = Chunk['children'][number];

/**
 * Splits a note into search chunks: one per section heading (text = heading, children = the
 * section's top items) and one per non-empty item at every depth (children = its descendants,
 * flattened in document order with depth relative to the item: 1 = direct child).
 */
export function chunkNote(note: Note): Chunk[] {
  const chunks: Chunk[] = [];
  const seen = new Set<string>();
  const add = (chunk: Chunk): void => {
    // Two items can start on one line ("- - x"); the first one keeps the citation.
    if (seen.has(chunk.id)) return;
    seen.add(chunk.id);
    chunks.push(chunk);
  };
  // The title line is citable: "who gave this talk?" is answered by "# Talk by @speaker".
  if (note.titleLine !== undefined) add({ id: `${note.id}:${note.titleLine}`, noteId: note.id, section: [], line: note.titleLine, text: note.title, children: [] });
  for (const section of note.sections) {
    if (section.title !== '') add(headingChunk(note.id, section));
    for (const item of section.items) itemChunks(note.id, section.path, item, add);
  }
  return chunks;
}

function headingChunk(noteId: string, section: Section): Chunk {
  const children = section.items
    .filter((item) => item.text !== '')
    .slice(0, MAX_CHUNK_CHILDREN)
    .map((item) => ({ line: item.line, text: item.text, depth: 1 }));
  return { id: `${noteId}:${section.line}`, noteId, section: section.path, line: section.line, text: section.title, children };
}

function itemChunks(noteId: string, path: string[], item: NoteItem, add: (chunk: Chunk) => void): void {
  if (item.text !== '') {
    const children = descendants(item.children, 1, []);
    add({ id: `${noteId}:${item.line}`, noteId, section: path, line: item.line, text: item.text, children });
  }
  for (const child of item.children) itemChunks(noteId, path, child, add);
}

/** Non-empty descendants in document order, up to MAX_CHUNK_CHILDREN. */
function descendants(items: readonly NoteItem[], depth: number, out: ChunkChild[]): ChunkChild[] {
  for (const item of items) {
    if (out.length >= MAX_CHUNK_CHILDREN) break;
    if (item.text !== '') out.push({ line: item.line, text: item.text, depth });
    descendants(item.children, depth + 1, out);
  }
  return out;
}

/**
 * chunkNote for ingest: a note with nothing to search (only markup, comments, front matter or
 * off-the-record parts) is refused with RecapError input_empty, not stored as a note no question
 * can ever find.
 */
export function searchableChunks(note: Note): Chunk[] {
  const chunks = chunkNote(note);
  if (chunks.length === 0) {
    throw new RecapError('input_empty', `${note.source} has no searchable text (only markup, comments, front matter or off-the-record parts): nothing to ingest.`);
  }
  return chunks;
}

/** Heading chunks carry their own title as the last element of their section path. */
export function isHeadingChunk(chunk: Chunk): boolean {
  return chunk.section.length > 0 && chunk.section[chunk.section.length - 1] === chunk.text;
}

/** Whether two chunks sit in the same section (the same heading path). */
export function inSameSection(a: Pick<Chunk, 'section'>, b: Pick<Chunk, 'section'>): boolean {
  return a.section.length === b.section.length && a.section.every((part, index) => part === b.section[index]);
}
