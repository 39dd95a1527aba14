import { normalizeText } from '../search/normalize.js';
import { tokenize } from '../search/tokenize.js';
import type { NoteListing } from '../store/note-store.js';

/** Below this share of the query's words found in a title, a note is not what was meant. */
const MIN_WORD_OVERLAP = 0.5;

/**
 * The note a person means by a chat argument ("20190604-cloud-native-meetup-tokyo-8",
 * "cloud native #8", "ｃｌｏｕｄ ｎａｔｉｖｅ"): the exact id, else a title (or event) that contains
 * the text, case and width folded (NFKC), else the title sharing the most words with it. Ties go
 * to the newest note (`notes` come newest first, as NoteStore.listNotes returns them).
 */
export function findNote(notes: readonly NoteListing[], query: string): NoteListing | null {
  const asked = query.trim();
  if (asked === '') return null;
  const byId = notes.find((note) => note.id === asked) ?? notes.find((note) => note.id.toLowerCase() === asked.toLowerCase());
  if (byId) return byId;

  const folded = fold(asked);
  const titled = notes.filter((note) => fold(note.title) === folded);
  if (titled[0]) return titled[0];
  const containing = notes.find((note) => fold(note.title).includes(folded) || (note.event !== null && fold(note.event).includes(folded)));
  if (containing) return containing;

  const wanted = new Set(tokenize(asked));
  if (wanted.size === 0) return null;
  let best: NoteListing | null = null;
  let bestOverlap = 0;
  for (const note of notes) {
    const words = new Set(tokenize(`${note.title} ${note.event ?? ''} ${note.id.replace(/[-_]/g, ' ')}`));
    let shared = 0;
    for (const word of wanted) if (words.has(word)) shared += 1;
    const overlap = shared / wanted.size;
    if (overlap > bestOverlap) {
      best = note;
      bestOverlap = overlap;
    }
  }
  return bestOverlap >= MIN_WORD_OVERLAP ? best : null;
}

/** NFKC, lower case, runs of spaces as one. */
function fold(text: string): string {
  return normalizeText(text).replace(/\s+/g, ' ').trim();
}
