import type { Chunk, ChunkTranslation } from '../domain/note.js';

/**
 * A note's chunks as the index keeps them: every distinct line (line number + text) once, every
 * heading path once, and per chunk only numbers (its line, its path, its children's lines and
 * depths). A Chunk object carries its children's text, so a deep outline holds each line as
 * often as it has ancestors; here a note costs one string and a few typed arrays. Chunk objects
 * are made again on demand (search hits, answers) and equal the ones given to `fromChunks`.
 */

type ChunkChild = Chunk['children'][number];

// The keys of a chunk and of a child, in the order chunkNote writes them (kept on rebuilding).
const CHUNK_KEYS = ['id', 'noteId', 'section', 'line', 'text', 'children', 'translation'];
const CHILD_KEYS = ['line', 'text', 'depth'];

/** What CompactChunks is made of; also what the stored index record holds (index-record.ts). */
export interface CompactChunkParts {
  /** `noteId` of every chunk. */
  noteId: string;
  /** Every chunk's id is `${idPrefix}:${line}`. */
  idPrefix: string;
  /** The distinct texts, concatenated; entry i is texts.slice(textEnds[i - 1] ?? 0, textEnds[i]). */
  texts: string;
  textEnds: Int32Array;
  /** Line number of each entry. */
  lines: Int32Array;
  /** Distinct heading paths. */
  sections: string[][];
  /** Per chunk: its entry and its heading path. */
  chunkEntry: Int32Array;
  chunkSection: Int32Array;
  /** Per chunk, where its children start in childEntry/childDepth (length = chunks + 1). */
  childStarts: Int32Array;
  childEntry: Int32Array;
  childDepth: Int32Array;
  /** Chunks that do not fit the compact form (other note id, other id shape, other keys), by position. */
  whole: Map<number, Chunk> | null;
  /** Translation details of translated chunks, by position. */
  translations: Map<number, ChunkTranslation> | null;
}

export class CompactChunks {
  private constructor(private readonly parts: CompactChunkParts) {}

  static fromParts(parts: CompactChunkParts): CompactChunks {
    return new CompactChunks(parts);
  }

  /** Packs chunks; `chunk(i)` gives back an object equal to chunks[i]. */
  static fromChunks(chunks: readonly Chunk[]): CompactChunks {
    const first = chunks[0];
    const noteId = first?.noteId ?? '';
    const idPrefix = first ? idPrefixOf(first) : '';
    // An entry is a distinct (line, text): by line first (one text per line, nearly always).
    const entryByLine = new Map<number, number>();
    const otherEntries = new Map<string, number>();
    const texts: string[] = [];
    const textEnds: number[] = [];
    const lines: number[] = [];
    let textLength = 0;
    const entryOf = (line: number, text: string): number => {
      const byLine = entryByLine.get(line);
      if (byLine !== undefined && texts[byLine] === text) return byLine;
      const key = `${line}\u0000${text}`;
      let entry = byLine === undefined ? undefined : otherEntries.get(key);
      if (entry === undefined) {
        entry = lines.length;
        if (byLine === undefined) entryByLine.set(line, entry);
        else otherEntries.set(key, entry);
        lines.push(line);
        texts.push(text);
        textLength += text.length;
        textEnds.push(textLength);
      }
      return entry;
    };
    const sectionIds = new Map<string, number>();
    // chunkNote gives all chunks of a section the same path array: found by identity first.
    const sectionByArray = new Map<readonly string[], number>();
    const sections: string[][] = [];
    const sectionOf = (path: string[]): number => {
      const known = sectionByArray.get(path);
      if (known !== undefined) return known;
      const key = JSON.stringify(path);
      let id = sectionIds.get(key);
      if (id === undefined) {
        id = sections.length;
        sectionIds.set(key, id);
        sections.push([...path]);
      }
      sectionByArray.set(path, id);
      return id;
    };
    const chunkEntry: number[] = [];
    const chunkSection: number[] = [];
    const childStarts: number[] = [];
    const childEntry: number[] = [];
    const childDepth: number[] = [];
    let whole: Map<number, Chunk> | null = null;
    let translations: Map<number, ChunkTranslation> | null = null;
    chunks.forEach((chunk, index) => {
      childStarts[index] = childEntry.length;
      chunkEntry[index] = 0;
      chunkSection[index] = 0;
      if (!fitsCompactForm(chunk, noteId, idPrefix)) {
        (whole ??= new Map()).set(index, chunk);
        return;
      }
      chunkEntry[index] = entryOf(chunk.line, chunk.text);
      chunkSection[index] = sectionOf(chunk.section);
      for (const child of chunk.children) {
        childEntry.push(entryOf(child.line, child.text));
        childDepth.push(child.depth);
      }
      if (chunk.translation !== undefined) (translations ??= new Map()).set(index, chunk.translation);
    });
    childStarts[chunks.length] = childEntry.length;
    return new CompactChunks({
      noteId,
      idPrefix,
      texts: texts.join(''),
      sections,
      ...packInts({ textEnds, lines, chunkEntry, chunkSection, childStarts, childEntry, childDepth }),
      whole,
      translations,
    });
  }

  /** The parts, for storing (see index-record.ts). */
  toParts(): Readonly<CompactChunkParts> {
    return this.parts;
  }

  get count(): number {
    return this.parts.chunkEntry.length;
  }

  /** Chunk `index`, as a new object. */
  chunk(index: number): Chunk {
    const parts = this.parts;
    const kept = parts.whole?.get(index);
    if (kept) return kept;
    const entry = parts.chunkEntry[index] as number;
    const line = parts.lines[entry] as number;
    const children: ChunkChild[] = [];
    for (let child = parts.childStarts[index] as number; child < (parts.childStarts[index + 1] as number); child++) {
      const childEntry = parts.childEntry[child] as number;
      children.push({ line: parts.lines[childEntry] as number, text: this.entryText(childEntry), depth: parts.childDepth[child] as number });
    }
    const chunk: Chunk = {
      id: `${parts.idPrefix}:${line}`,
      noteId: parts.noteId,
      section: [...(parts.sections[parts.chunkSection[index] as number] as string[])],
      line,
      text: this.entryText(entry),
      children,
    };
    const translation = parts.translations?.get(index);
    if (translation !== undefined) chunk.translation = translation;
    return chunk;
  }

  /** Every chunk, in order. */
  all(): Chunk[] {
    return Array.from({ length: this.count }, (_, index) => this.chunk(index));
  }

  line(index: number): number {
    const kept = this.parts.whole?.get(index);
    return kept ? kept.line : (this.parts.lines[this.parts.chunkEntry[index] as number] as number);
  }

  /** Chunk `index`'s heading path (shared: do not change it) and text, without making the chunk. */
  sectionAndText(index: number): { section: readonly string[]; text: string } {
    const parts = this.parts;
    const kept = parts.whole?.get(index);
    if (kept) return { section: kept.section, text: kept.text };
    return { section: parts.sections[parts.chunkSection[index] as number] as string[], text: this.entryText(parts.chunkEntry[index] as number) };
  }

  /** Whether one of chunk `index`'s children starts on `line`. */
  hasChildOnLine(index: number, line: number): boolean {
    const parts = this.parts;
    const kept = parts.whole?.get(index);
    if (kept) return kept.children.some((child) => child.line === line);
    for (let child = parts.childStarts[index] as number; child < (parts.childStarts[index + 1] as number); child++) {
      if (parts.lines[parts.childEntry[child] as number] === line) return true;
    }
    return false;
  }

  private entryText(entry: number): string {
    const { texts, textEnds } = this.parts;
    return texts.slice(entry === 0 ? 0 : (textEnds[entry - 1] as number), textEnds[entry] as number);
  }
}

function idPrefixOf(chunk: Chunk): string {
  const suffix = `:${chunk.line}`;
  return chunk.id.endsWith(suffix) ? chunk.id.slice(0, -suffix.length) : chunk.id;
}

/** Whether a chunk can be rebuilt exactly from the compact form. */
function fitsCompactForm(chunk: Chunk, noteId: string, idPrefix: string): boolean {
  if (chunk.noteId !== noteId || chunk.id !== `${idPrefix}:${chunk.line}` || !isInt32(chunk.line)) return false;
  if (typeof chunk.text !== 'string' || !Array.isArray(chunk.section) || !Array.isArray(chunk.children)) return false;
  if (!hasKeysInOrder(chunk, CHUNK_KEYS, chunk.translation === undefined ? 6 : 7)) return false;
  for (const part of chunk.section) if (typeof part !== 'string') return false;
  for (const child of chunk.children) {
    if (!isInt32(child.line) || !isInt32(child.depth) || typeof child.text !== 'string') return false;
    if (!hasKeysInOrder(child, CHILD_KEYS, 3)) return false;
  }
  return true;
}

/** Whether an object's own enumerable keys are exactly the first `count` of `keys`, in that order. */
function hasKeysInOrder(object: object, keys: readonly string[], count: number): boolean {
  let position = 0;
  for (const key in object) {
    if (!Object.hasOwn(object, key) || keys[position] !== key) return false;
    position++;
  }
  return position === count;
}

function isInt32(value: unknown): value is number {
  return typeof value === 'number' && (value | 0) === value && !Object.is(value, -0);
}

/**
 * Int32Array views of the lists, all over one buffer: a note's numbers cost one allocation
 * (many small ones outside the garbage-collected heap fragment the process's memory).
 */
export function packInts<K extends string>(lists: Record<K, ArrayLike<number>>): Record<K, Int32Array> {
  const keys = Object.keys(lists) as K[];
  let total = 0;
  for (const key of keys) total += lists[key].length;
  const buffer = new Int32Array(total);
  const views = {} as Record<K, Int32Array>;
  let offset = 0;
  for (const key of keys) {
    const list = lists[key];
    const view = buffer.subarray(offset, offset + list.length);
    for (let i = 0; i < list.length; i++) view[i] = list[i] as number;
    views[key] = view;
    offset += list.length;
  }
  return views;
}
