import type { Note } from '../domain/note.js';
import type { StoredSummary } from '../store/summary-store.js';
import { EXTRACTIVE_MODEL } from '../domain/recap.js';

/** Model output and notes are untrusted: control characters (terminal escapes) are not printed. */
export function stripControlChars(text: string): string {
  return text.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, '');
}

function at(line: number | undefined): string {
  return line === undefined ? '' : `  [line ${line}]`;
}

/** A stored recap for a terminal: overview, key points per talk with lines, terms, speakers, then what it cost. */
export function renderStoredSummaryText(stored: StoredSummary, note: Pick<Note, 'title' | 'event' | 'date'>): string {
  const { summary } = stored;
  const out = [stripControlChars(`${note.event ?? note.title} — ${note.date ?? 'date unknown'}`)];
  if (note.event !== null && note.event !== note.title) out.push(stripControlChars(note.title));
  out.push('', stripControlChars(summary.overview));
  for (const talk of summary.talks) {
    const by = talk.speakers.length > 0 ? ` (${talk.speakers.join(', ')})` : '';
    out.push('', stripControlChars(`■ ${talk.title}${by}`) + at(talk.line));
    for (const point of talk.keyPoints) out.push(stripControlChars(`  - ${point.text}`) + at(point.line));
  }
  if (summary.terms.length > 0) {
    out.push('', 'Terms');
    for (const term of summary.terms) out.push(stripControlChars(`  - ${term.term}: ${term.definition}`) + at(term.line));
  }
  if (summary.speakers.length > 0) out.push('', stripControlChars(`Speakers: ${summary.speakers.join(', ')}`));
  out.push('', `— ${costFooter(stored)}`);
  return out.join('\n');
}

/** What a stored recap or translation cost and when it was made: model, calls, tokens, time. */
export function costFooter(stored: Pick<StoredSummary, 'model' | 'llmCalls' | 'usage' | 'durationMs' | 'language' | 'createdAt'>): string {
  const when = `${stored.language}, ${stored.createdAt.slice(0, 16).replace('T', ' ')} UTC`;
  if (stored.model === EXTRACTIVE_MODEL) return `extractive recap (no model, 0 tokens) · ${when}`;
  const { usage } = stored;
  const calls = `${stored.llmCalls} call${stored.llmCalls === 1 ? '' : 's'}`;
  const tokens = `${usage.totalTokens} tokens (${usage.promptTokens} prompt + ${usage.completionTokens} completion)`;
  return `model ${stripControlChars(stored.model)} · ${calls} · ${tokens} · ${(stored.durationMs / 1000).toFixed(1)} s · ${when}`;
}
