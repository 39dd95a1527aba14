import { normalizeText } from '../search/normalize.js';
import { tokenize } from '../search/tokenize.js';
import type { NoteListing } from '../store/note-store.js';

/** Below this share of the query's words found in a title, a note is not what was meant. */
const MIN_WORD_OVERLAP = 0.5;

/**
 * The note a person means by a chat argument ("20190604-cloud-native-meetup-tokyo-8",
 * "cloud native #8", "ｃｌｏｕｄ ｎａｔｉｖｅ"): the best of noteCandidates. Ties go to the newest
 * note (`notes` come newest first, as NoteStore.listNotes returns them).
 */
export function findNote(notes: readonly NoteListing[], query: string): NoteListing | null {
  return noteCandidates(notes, query)[0] ?? null;
}

/**
 * Every note that fits an argument equally well, newest first: the id (exact, then case
 * folded), else the notes whose id starts with it, else the notes titled exactly so, else those whose title (or event) contains the
 * text, case and width folded (NFKC), else those sharing the most words with it. Destructive
 * commands show these for confirmation instead of acting on the first.
 */
export function noteCandidates(notes: readonly NoteListing[], query: string): NoteListing[] {
  const asked = query.trim();
  if (asked === '') return [];
  const byId = notes.find((note) => note.id === asked) ?? notes.find((note) => note.id.toLowerCase() === asked.toLowerCase());
  if (byId) return [byId];
  // The start of an id, as tab completion leaves it or a person types it: 20190604-cloud.
  const lowered = asked.toLowerCase();
  const byIdStart = /^[\w.-]{3,}$/.test(asked) ? notes.filter((note) => note.id.toLowerCase().startsWith(lowered)) : [];
  if (byIdStart.length > 0) return byIdStart;

  const folded = fold(asked);
  const titled = notes.filter((note) => fold(note.title) === folded);
  if (titled.length > 0) return titled;
  const containing = notes.filter((note) => fold(note.title).includes(folded) || (note.event !== null && fold(note.event).includes(folded)));
  if (containing.length > 0) return containing;

  const wanted = new Set(tokenize(asked));
  if (wanted.size === 0) return [];
  const overlaps = notes.map((note) => {
    const words = new Set(tokenize(`${note.title} ${note.event ?? ''} ${note.id.replace(/[-_]/g, ' ')}`));
    let shared = 0;
    for (const word of wanted) if (words.has(word)) shared += 1;
    return shared / wanted.size;
  });
  const best = Math.max(...overlaps);
  return best >= MIN_WORD_OVERLAP ? notes.filter((_note, position) => overlaps[position] === best) : [];
}

/** NFKC, lower case, runs of spaces as one. */
function fold(text: string): string {
  return normalizeText(text).replace(/\s+/g, ' ').trim();
}

/** What a destructive command may do with an argument: act on an exact id, or ask about candidates. */
export type DeletionTarget = { status: 'exact'; note: NoteListing } | { status: 'confirm'; candidates: NoteListing[] } | { status: 'none' };

/**
 * Only the exact id (as `recap list` prints it) is acted on at once; anything else (a title
 * fragment, a case-folded id, shared words) names candidates that a person must confirm.
 */
export function deletionTarget(notes: readonly NoteListing[], query: string): DeletionTarget {
  const asked = query.trim();
  const exact = notes.find((note) => note.id === asked);
  if (exact) return { status: 'exact', note: exact };
  const candidates = noteCandidates(notes, asked);
  return candidates.length > 0 ? { status: 'confirm', candidates } : { status: 'none' };
}
