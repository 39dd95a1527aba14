/** The parsed shape of one meetup note. Everything here is plain JSON (stored in Redis as is). */

/** One bullet (list item) or paragraph of a note, with its nested bullets. */
export interface NoteItem {
  kind: 'bullet' | 'paragraph' | 'quote' | 'code' | 'table';
  /** Plain text of this item only (inline Markdown flattened, children excluded). */
  text: string;
  /** 1-based line in the source file where the item starts. */
  line: number;
  /** Nesting depth of a bullet (0 = top-level list item); 0 for other kinds. */
  depth: number;
  children: NoteItem[];
}

/** A heading and what stands under it up to the next heading. Sections are listed flat, in order. */
export interface Section {
  /** Heading text, plain. '' for content before the first section heading. */
  title: string;
  /** Heading depth (1-6); 0 for the preamble. */
  level: number;
  /** 1-based line of the heading (1 for the preamble). */
  line: number;
  /** Heading titles from the top of the note down to this one (the note's own title excluded). */
  path: string[];
  items: NoteItem[];
  /** Speakers named in this section (@handles, "Xさん", "by X"). */
  speakers: string[];
}

export interface NoteLink {
  text: string;
  url: string;
  line: number;
}

export interface Note {
  /** Stable id (slug), assigned by the store; the parser proposes one from the file name. */
  id: string;
  title: string;
  /** Event name, e.g. "Cloud Native Meetup Tokyo #8" from "20190604 Cloud Native Meetup Tokyo #8". */
  event: string | null;
  /** ISO date YYYY-MM-DD when known. */
  date: string | null;
  language: 'ja' | 'en';
  /** The file path as given to ingest (or "stdin:<name>"). */
  source: string;
  /** sha256 of the decoded, normalized text: unchanged notes are recognised by it. */
  contentHash: string;
  /** Encoding the bytes were decoded from (utf-8, shift_jis, euc-jp). */
  encoding: string;
  sections: Section[];
  speakers: string[];
  links: NoteLink[];
  lineCount: number;
  /** The title heading's line (a "# Talk by @speaker" line answers "who gave it"); absent in notes parsed before parser 3. */
  titleLine?: number;
}

/** The unit of search: one item of a note, carrying its heading path and its children's text. */
export interface Chunk {
  /** `${noteId}:${line}` */
  id: string;
  noteId: string;
  /** Heading path of the section the item is in. */
  section: string[];
  line: number;
  text: string;
  /** Nested items under this one (all depths, document order), for "X - explanation" answers. */
  children: Array<{ line: number; text: string; depth: number }>;
  /**
   * Set on the chunks of a note's translation (indexed so that a question in that language finds
   * the note): `text`, `section` and `children` are translated, `noteId` and `line` are still the
   * note's. Citations show the note's own words from here, with the translation beside them.
   */
  translation?: ChunkTranslation;
}

export interface ChunkTranslation {
  /** The language `text` is in. */
  language: string;
  /** The heading path as the note writes it. */
  originalSection: string[];
  /** The cited line as the note writes it. */
  originalText: string;
}
