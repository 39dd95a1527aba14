import { chunkNote } from '../notes/chunk.js';
import type { Chunk, Note, NoteItem, Section } from '../domain/note.js';
import { definitionOf, type Definition } from '../notes/definitions.js';

/** An extractive recap of one note: its talks with a few key points each, the terms it defines, who spoke. */
export interface NoteSummary {
  noteId: string;
  title: string;
  event: string | null;
  date: string | null;
  talks: TalkSummary[];
  terms: Array<{ term: string; definition: string; line: number; section: string[] }>;
  speakers: string[];
}

export interface TalkSummary {
  title: string;
  path: string[];
  line: number;
  speakers: string[];
  keyPoints: Array<{ text: string; line: number }>;
}

// A recap names the gist of a talk; 3-5 points is what a reader takes in at a glance.
const MAX_KEY_POINTS = 5;
const MIN_KEY_POINTS = 3;
// Below this many characters an item is a fragment ("不明", "OK").
const MIN_POINT_CHARS = 4;
// Deeper bullets are details of details.
const MAX_POINT_DEPTH = 1;
// A term bullet alone ("Brown Field") says little; its first child says what it is.
const SHORT_ITEM_CHARS = 24;
const MAX_TERMS = 30;

/** Summarises a note without a language model: selects key points per talk and the defined terms. */
export function summarizeNote(note: Note): NoteSummary {
  const chunks = chunkNote(note);
  const definitions = new Map(chunks.map((chunk) => [chunk.line, definitionOf(chunk)]));
  return {
    noteId: note.id,
    title: note.title,
    event: note.event,
    date: note.date,
    talks: note.sections.filter(isTalk).map((section) => talkSummary(section, definitions)),
    terms: termsOf(chunks),
    speakers: note.speakers,
  };
}

function isTalk(section: Section): boolean {
  return section.level > 0 && (section.items.length > 0 || section.speakers.length > 0);
}

function talkSummary(section: Section, definitions: ReadonlyMap<number, Definition | null>): TalkSummary {
  const candidates = pointCandidates(section.items).filter((item) => !isNoise(item.text));
  const scored = candidates.map((item) => ({ item, score: score(item, Boolean(definitions.get(item.line))) }));
  const ranked = scored.sort((a, b) => b.score - a.score || a.item.line - b.item.line).map(({ item }) => item);
  const chosen = pickDistinct(ranked, keyPointCount(candidates.length)).sort((a, b) => a.line - b.line);
  return {
    title: section.title,
    path: section.path,
    line: section.line,
    speakers: section.speakers,
    keyPoints: chosen.map((item) => ({ text: pointText(item), line: item.line })),
  };
}

/** The best `count` items, skipping one whose text a chosen point already shows ("Term — child"). */
function pickDistinct(ranked: readonly NoteItem[], count: number): NoteItem[] {
  const chosen: NoteItem[] = [];
  for (const item of ranked) {
    if (chosen.length >= count) break;
    if (chosen.some((other) => pointText(other).includes(item.text) || item.text.includes(other.text))) continue;
    chosen.push(item);
  }
  return chosen;
}

/** Items up to MAX_POINT_DEPTH, code left out. */
function pointCandidates(items: readonly NoteItem[], depth = 0): NoteItem[] {
  if (depth > MAX_POINT_DEPTH) return [];
  return items.flatMap((item) => [
    ...(item.kind === 'code' ? [] : [item]),
    ...pointCandidates(item.children, depth + 1),
  ]);
}

/** Fewer points than candidates, always: a recap that repeats everything is not a recap. */
function keyPointCount(candidates: number): number {
  if (candidates <= MIN_KEY_POINTS) return Math.max(1, candidates - 1);
  return Math.min(MAX_KEY_POINTS, Math.max(MIN_KEY_POINTS, Math.ceil(candidates * 0.3)));
}

function isNoise(text: string): boolean {
  const trimmed = text.trim();
  if (trimmed.length < MIN_POINT_CHARS || /[?？]\s*$/.test(trimmed)) return true;
  if (/^(https?:\/\/\S+|@\w+)$/.test(trimmed)) return true;
  return /^(質問|Q&A|QA|Q\.|A\.)|不明|^以上|(speaker ?deck|twitter)$/i.test(trimmed);
}

/** Outline heads with children, definitions and technical terms make good key points. */
function score(item: NoteItem, isDefinition: boolean): number {
  let points = 0;
  if (item.kind === 'bullet' && item.depth === 0) points += item.children.length > 0 ? 3 : 1;
  else if (item.depth === 1) points += 0.5;
  points += Math.min(item.children.length, 4) * 0.25;
  if (isDefinition) points += 2;
  if (hasTechnicalTerm(item.text)) points += 1;
  if (item.text.length >= 8 && item.text.length <= 80) points += 0.5;
  if (item.text.length > 160) points -= 1;
  return points;
}

/** English words in Japanese text ("Envoy", "iptables"), or acronyms and CamelCase in English. */
function hasTechnicalTerm(text: string): boolean {
  const japanese = /[\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Han}]/u.test(text);
  if (japanese) return /[A-Za-z][A-Za-z0-9.+#-]{2,}/.test(text);
  return /\b[A-Z]{2,}\b|\b[A-Z][a-z]+[A-Z]\w*|\b\w+\.(?:io|js|py|yaml)\b/.test(text);
}

function pointText(item: NoteItem): string {
  const first = item.children.find((child) => child.text !== '');
  return item.text.length <= SHORT_ITEM_CHARS && first ? `${item.text} — ${first.text}` : item.text;
}

function termsOf(chunks: readonly Chunk[]): NoteSummary['terms'] {
  const seen = new Set<string>();
  const terms: NoteSummary['terms'] = [];
  for (const chunk of chunks) {
    const found = definitionOf(chunk);
    const key = found?.term.toLowerCase();
    if (!found || key === undefined || seen.has(key)) continue;
    seen.add(key);
    terms.push({ ...found, section: chunk.section });
  }
  return terms.sort((a, b) => a.line - b.line).slice(0, MAX_TERMS);
}

/** A plain-text recap for a terminal: event and date, key points per talk with lines, terms, speakers. */
export function renderSummaryText(summary: NoteSummary): string {
  const out = [`${summary.event ?? summary.title} — ${summary.date ?? 'date unknown'}`];
  if (summary.event !== null && summary.event !== summary.title) out.push(summary.title);
  for (const talk of summary.talks) {
    const by = talk.speakers.length > 0 ? ` (${talk.speakers.join(', ')})` : '';
    out.push('', `■ ${talk.path.join(' › ')}${by}  [line ${talk.line}]`);
    for (const point of talk.keyPoints) out.push(`  - ${point.text}  [line ${point.line}]`);
  }
  if (summary.terms.length > 0) {
    out.push('', 'Terms');
    for (const term of summary.terms) out.push(`  - ${term.term}: ${term.definition}  [line ${term.line}]`);
  }
  if (summary.speakers.length > 0) out.push('', `Speakers: ${summary.speakers.join(', ')}`);
  return out.join('\n');
}
