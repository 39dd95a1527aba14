import type { Note } from '../domain/note.js';
import { EXTRACTIVE_MODEL } from '../domain/recap.js';
import type { ImmediateRecap } from './recap-without-waiting.js';
import type { Reply, ReplyCitation } from '../domain/reply.js';

/** Talks and points per note in a digest: a digest is a pointer to the notes, not their recaps. */
const TALKS_PER_NOTE = 3;
const POINTS_PER_TALK = 2;

/**
 * Several notes in one reply: per note its event and date, the overview, and the first points of
 * its first talks, each note cited once. The full recap is one `/recap summary` away.
 */
export function digestReply(heading: string, entries: ReadonlyArray<{ note: Pick<Note, 'id' | 'title' | 'event' | 'date' | 'source'>; recap: ImmediateRecap }>): Reply {
  const paragraphs = [heading];
  const citations: ReplyCitation[] = [];
  for (const { note, recap } of entries) {
    const rank = citations.length + 1;
    const firstTalk = recap.summary.talks[0];
    citations.push({ rank, noteId: note.id, label: note.title, location: `${note.source}:${firstTalk?.line ?? 1}`, line: firstTalk?.line ?? 1, text: note.event ?? note.title });
    const lines = [`■ ${note.event ?? note.title} — ${note.date ?? 'date unknown'} [${rank}]`];
    if (recap.summary.overview.trim() !== '') lines.push(recap.summary.overview.trim());
    for (const talk of recap.summary.talks.slice(0, TALKS_PER_NOTE)) {
      const points = talk.keyPoints.slice(0, POINTS_PER_TALK).map((point) => point.text);
      lines.push(`- ${talk.title || note.title}${points.length > 0 ? `: ${points.join(' / ')}` : ''}`);
    }
    if (recap.summary.talks.length > TALKS_PER_NOTE) lines.push(`- … ${recap.summary.talks.length - TALKS_PER_NOTE} more talk(s)`);
    lines.push(`Full recap: /recap summary ${note.id}`);
    paragraphs.push(lines.join('\n'));
  }
  const models = [...new Set(entries.map((entry) => entry.recap.model))];
  const written = models.filter((model) => model !== EXTRACTIVE_MODEL);
  const footer = written.length === 0 ? "Extractive recaps: the notes' own lines, no model." : `Recaps written by ${written.join(', ')}.`;
  return { kind: 'info', text: paragraphs.join('\n\n'), citations, footer };
}
