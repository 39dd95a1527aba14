import { inSameSection } from '../notes/chunk.js';
import type { AnswerSource } from '../llm/prompts/answer-prompt.js';
import type { QueryResult } from '../search/search-index.js';
import type { SearchHit } from '../search/types.js';
import { whereLabel } from './answer-text.js';

/**
 * What a model answers from: the section around each of the best hits, not the lone hit line. The
 * answer to "why X?" is often two bullets below the line that matched, the speaker in the
 * section's heading; a model given the whole section can use them. Each source is one section,
 * its lines numbered as in the note ("L24: Brown Field"), cited by the hit that led to it.
 */

/** Sections given to the model: enough to answer from, few enough to keep the prompt small. */
export const MAX_SOURCES = 5;
// A section's lines around its hit: most talks' sections are shorter; a long one is cut around the hit.
const LINES_BEFORE = 12;
const LINES_AFTER = 20;
const MAX_LINES_PER_SOURCE = 30;

export interface ModelSources {
  sources: AnswerSource[];
  /** The hit each source was made for, in source order (citation [n] is hits[n - 1]). */
  hits: SearchHit[];
  /** Every note line sent, as "noteId:line" (for recall@sent in scripts/eval-quality.ts). */
  sent: Set<string>;
}

export function modelSources(result: QueryResult, hits: readonly SearchHit[]): ModelSources {
  const sources: AnswerSource[] = [];
  const chosen: SearchHit[] = [];
  const sent = new Set<string>();
  const sections = new Set<string>();
  for (const hit of hits) {
    if (sources.length >= MAX_SOURCES) break;
    const key = `${hit.note.noteId}\u0000${hit.chunk.section.join('\u0000')}`;
    if (sections.has(key)) continue;
    sections.add(key);
    const lines = sectionLines(result, hit);
    for (const { line } of lines) sent.add(`${hit.chunk.noteId}:${line}`);
    chosen.push(hit);
    sources.push({
      number: sources.length + 1,
      where: whereLabel(hit.note, hit.chunk.section, hit.chunk.line),
      lines: lines.map(({ line, text }) => `L${line}: ${text}`),
    });
  }
  return { sources, hits: chosen, sent };
}

/** The lines of a hit's section near it, in order: its heading, the items around it. */
function sectionLines(result: QueryResult, hit: SearchHit): Array<{ line: number; text: string }> {
  const heading = result.headingOf(hit);
  const from = Math.max(heading?.chunk.line ?? 1, hit.chunk.line - LINES_BEFORE);
  const near = result
    .around(hit, from, hit.chunk.line + LINES_AFTER)
    .filter((entry) => inSameSection(entry.chunk, hit.chunk))
    .map((entry) => ({ line: entry.chunk.line, text: entry.chunk.text.replace(/\s+/g, ' ').trim() }));
  const lines = heading && heading.chunk.line < from ? [{ line: heading.chunk.line, text: heading.chunk.text }, ...near] : near;
  if (!lines.some((entry) => entry.line === hit.chunk.line)) lines.push({ line: hit.chunk.line, text: hit.chunk.text });
  lines.sort((a, b) => a.line - b.line);
  // Cut around the hit, keeping it in view.
  const at = lines.findIndex((entry) => entry.line === hit.chunk.line);
  const start = Math.max(0, Math.min(at - Math.floor(MAX_LINES_PER_SOURCE / 3), lines.length - MAX_LINES_PER_SOURCE));
  return lines.slice(start, start + MAX_LINES_PER_SOURCE);
}
