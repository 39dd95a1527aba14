import type { SearchIndex } from '../search/search-index.js';
import type { IndexedNoteMeta } from '../search/types.js';

/** Discord shows at most 25 suggestions. */
export const MAX_COMPLETIONS = 25;

/**
 * Notes whose id or title contain every word typed so far (autocomplete of a note argument),
 * recent meetups first. Read from the in-memory index: no Redis round trip per keystroke.
 */
export function completeNote(index: SearchIndex, typed: string): IndexedNoteMeta[] {
  const words = fold(typed).split(' ').filter((word) => word !== '');
  const metas = index.noteIds().flatMap((id) => index.noteMeta(id) ?? []);
  const matches = metas.filter((meta) => {
    const text = `${fold(meta.noteId)} ${fold(meta.title)}`;
    return words.every((word) => text.includes(word));
  });
  // Ids of dated notes start with the date: reverse order puts recent meetups first.
  return matches.sort((a, b) => b.noteId.localeCompare(a.noteId)).slice(0, MAX_COMPLETIONS);
}

function fold(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();
}
