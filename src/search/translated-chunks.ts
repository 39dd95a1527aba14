import type { Chunk } from '../domain/note.js';
import type { StoredTranslation } from '../store/translation-store.js';

// Note ids are slugs ([a-z0-9-]), so "~" cannot occur in one: keys with it are translations.
const TRANSLATION_KEY_SEPARATOR = '~';

/** The index key of a note's translation: an entry of its own beside the note's, replaced and removed on its own. */
export function translationIndexKey(noteId: string, language: string): string {
  return `${noteId}${TRANSLATION_KEY_SEPARATOR}${language}`;
}

export function isTranslationIndexKey(key: string): boolean {
  return key.includes(TRANSLATION_KEY_SEPARATOR);
}

/** Whether an index key is one of this note's translations. */
export function isTranslationIndexKeyOf(key: string, noteId: string): boolean {
  return key.startsWith(`${noteId}${TRANSLATION_KEY_SEPARATOR}`);
}

/**
 * A note's chunks in a translation: the same chunks (same note id, same lines, same nesting) with
 * their text, children and heading path translated, and the original words kept for citations.
 * Chunks the translation leaves as they were (code, names, lines already in that language) are
 * left out: the note's own chunks already match them.
 */
export function translatedChunks(chunks: readonly Chunk[], translation: StoredTranslation): Chunk[] {
  const lineTexts = new Map<number, string>();
  const paths = new Map<string, string[]>();
  for (const section of translation.sections) {
    paths.set(pathKey(section.path), section.translatedPath);
    const title = section.translatedPath[section.translatedPath.length - 1];
    // A heading chunk's text is its title: the last heading of the translated path.
    if (section.path.length > 0 && title !== undefined) lineTexts.set(section.line, title);
    for (const item of section.items) lineTexts.set(item.line, item.text);
  }
  const key = translationIndexKey(chunks[0]?.noteId ?? translation.noteId, translation.language);
  const translated: Chunk[] = [];
  for (const chunk of chunks) {
    const text = lineTexts.get(chunk.line) ?? chunk.text;
    const section = paths.get(pathKey(chunk.section)) ?? chunk.section;
    const children = chunk.children.map((child) => ({ ...child, text: lineTexts.get(child.line) ?? child.text }));
    const changed = text !== chunk.text || pathKey(section) !== pathKey(chunk.section) || children.some((child, index) => child.text !== chunk.children[index]?.text);
    if (!changed) continue;
    translated.push({
      id: `${key}:${chunk.line}`,
      noteId: chunk.noteId,
      section,
      line: chunk.line,
      text,
      children,
      translation: { language: translation.language, originalSection: chunk.section, originalText: chunk.text },
    });
  }
  return translated;
}

function pathKey(path: readonly string[]): string {
  return path.join('\u0000');
}
