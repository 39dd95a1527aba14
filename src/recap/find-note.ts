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
 * Only the exact id (as `recap list` prints it) is acted on at once; anything else (a handle, a
 * title fragment, a case-folded id, shared words) names candidates that a person must confirm.
 */
export function deletionTarget(notes: readonly NoteListing[], query: string): DeletionTarget {
  const asked = query.trim();
  const exact = notes.find((note) => note.id === asked);
  if (exact) return { status: 'exact', note: exact };
  // A handle (a unique prefix of the id) or a title finds the note like everywhere else, but is
  // only a candidate here: deleting still takes the exact id or a confirmation.
  const resolved = resolveNoteReference(notes, asked);
  if (resolved.status === 'found') return { status: 'confirm', candidates: [resolved.note] };
  if (resolved.status === 'ambiguous') return { status: 'confirm', candidates: resolved.candidates };
  return { status: 'none' };
}

/** A typed id prefix shorter than this is read as title words. */
const MIN_PREFIX_CHARS = 2;

/** Handles shorter than this are not offered in listings (a prefix of a date matches too much). */
const MIN_HANDLE_CHARS = 4;

/** How a note reference was resolved: one note, several (say which and ask), or none. */
export type NoteResolution =
  | { status: 'found'; note: NoteListing; by: 'id' | 'prefix' | 'title' }
  | { status: 'ambiguous'; candidates: NoteListing[] }
  | { status: 'none' };

/**
 * The one resolver of note references, for the CLI and chat alike: the exact id (then case
 * folded), else a prefix of exactly one id ("20190604-c"), else the title or words of it when
 * they fit exactly one note (noteCandidates). Several notes sharing a prefix or fitting the
 * words equally are 'ambiguous': the caller lists them and asks for more, and never guesses.
 */
export function resolveNoteReference(notes: readonly NoteListing[], query: string): NoteResolution {
  const asked = query.trim();
  if (asked === '') return { status: 'none' };
  const byId = notes.find((note) => note.id === asked) ?? notes.find((note) => note.id.toLowerCase() === asked.toLowerCase());
  if (byId) return { status: 'found', note: byId, by: 'id' };
  const lower = asked.toLowerCase();
  // A prefix names a note from 2 characters on ("e" alone is a word to look for in titles, not a handle).
  const prefixed = lower.length >= MIN_PREFIX_CHARS ? notes.filter((note) => note.id.toLowerCase().startsWith(lower)) : [];
  const [onlyPrefixed] = prefixed;
  if (prefixed.length === 1 && onlyPrefixed) return { status: 'found', note: onlyPrefixed, by: 'prefix' };
  if (prefixed.length > 1) return { status: 'ambiguous', candidates: prefixed };
  const candidates = noteCandidates(notes, asked);
  const [onlyCandidate] = candidates;
  if (candidates.length === 1 && onlyCandidate) return { status: 'found', note: onlyCandidate, by: 'title' };
  return candidates.length > 1 ? { status: 'ambiguous', candidates } : { status: 'none' };
}

/**
 * For each id, the shortest prefix (at least MIN_HANDLE_CHARS characters) that no other id
 * starts with, case folded: what listings show so a note can be named briefly. An id that is a
 * prefix of another id keeps its whole self (the exact id always wins).
 */
export function noteHandles(ids: readonly string[]): Map<string, string> {
  const lowered = ids.map((id) => id.toLowerCase());
  const handles = new Map<string, string>();
  ids.forEach((id, position) => {
    const own = lowered[position] ?? '';
    let length = Math.min(MIN_HANDLE_CHARS, id.length);
    while (length < id.length && lowered.some((other, at) => at !== position && other.startsWith(own.slice(0, length)))) length += 1;
    handles.set(id, id.slice(0, length));
  });
  return handles;
}

/** "id — title" lines for an ambiguity message, at most `limit` of them. */
export function candidateLines(candidates: readonly NoteListing[], limit = 10): string[] {
  const lines = candidates.slice(0, limit).map((note) => `${note.id}  ${note.title}`);
  if (candidates.length > limit) lines.push(`… and ${candidates.length - limit} more`);
  return lines;
}
