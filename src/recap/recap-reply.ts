import type { Note } from '../domain/note.js';
import { EXTRACTIVE_MODEL } from '../domain/recap.js';
import { extractiveLanguageNotice, type ImmediateRecap } from './recap-without-waiting.js';
import type { Reply, ReplyCitation } from '../domain/reply.js';

/**
 * A note's recap as a chat reply: event and date, overview, key points per talk with their
 * lines, the terms the note defines, speakers. Each talk is a citation (note, section, line).
 */
export function recapReply(note: Pick<Note, 'id' | 'title' | 'event' | 'date' | 'source'>, recap: ImmediateRecap): Reply {
  const { summary } = recap;
  const out = [`${note.event ?? note.title} — ${note.date ?? 'date unknown'}`];
  if (summary.overview.trim() !== '') out.push(summary.overview.trim());
  const citations: ReplyCitation[] = [];
  for (const talk of summary.talks) {
    const rank = citations.length + 1;
    const label = [note.title, ...(talk.path.length > 0 ? talk.path : [talk.title])].filter((part) => part.trim() !== '').join(' › ');
    citations.push({ rank, noteId: note.id, label, location: `${note.source}:${talk.line}`, line: talk.line, text: talk.title });
    const by = talk.speakers.length > 0 ? ` (${talk.speakers.join(', ')})` : '';
    const points = talk.keyPoints.map((point) => `- ${point.text}${point.line === undefined ? '' : ` (line ${point.line})`}`);
    out.push([`■ ${talk.title || note.title}${by} [${rank}]`, ...points].join('\n'));
  }
  if (summary.terms.length > 0) {
    out.push(['Terms', ...summary.terms.map((term) => `- ${term.term}: ${term.definition}${term.line === undefined ? '' : ` (line ${term.line})`}`)].join('\n'));
  }
  if (summary.speakers.length > 0) out.push(`Speakers: ${summary.speakers.join(', ')}`);
  return { kind: 'info', text: out.join('\n\n'), citations, footer: footer(note, recap) };
}

function footer(note: Pick<Note, 'id'>, recap: ImmediateRecap): string {
  if (recap.pending) return `Extractive recap (the notes' own lines); a model-written recap of ${note.id} in ${recap.requested} is being prepared, ask again in a minute.`;
  if (recap.model === EXTRACTIVE_MODEL) {
    const notice = extractiveLanguageNotice(recap.language, recap.requested);
    return notice === null ? `Extractive recap: the notes' own lines, no model.` : `${notice[0]?.toUpperCase() ?? ''}${notice.slice(1)}.`;
  }
  return `Recap written by ${recap.model} (${recap.language}) from ${note.id}.`;
}
