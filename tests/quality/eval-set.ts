import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chunkNote } from '../../src/notes/chunk.js';
import { decodeNoteBytes } from '../../src/notes/decode.js';
import { parseNote } from '../../src/notes/parse.js';
import type { Chunk, Note } from '../../src/domain/note.js';
import { type Answer, answerQuestion } from '../../src/recap/answer.js';
import { SearchIndex } from '../../src/search/search-index.js';
import { corpusNoteFiles, seedNotePath } from '../helpers/corpus.js';

/**
 * The evaluation set of issue 10 (tests/quality/eval-set.json): questions written from the notes
 * by people who did not look at the code, split once into dev (tune on it) and test (report it).
 * Each answerable question names the line(s) that answer it and their parent; a citation of
 * either is a hit, and the answer text must show an answering line.
 */

export type QuestionKind = 'who' | 'when' | 'where' | 'howmany' | 'why' | 'whatis' | 'how' | 'what' | 'yesno';

export interface EvalQuestion {
  id: string;
  split: 'dev' | 'test';
  question: string;
  lang: 'ja' | 'en';
  kind: QuestionKind;
  chatty: boolean;
  typo: boolean;
  /** Where the answer is: the answering lines and their parent lines, per file. Empty = not in the notes. */
  expect: Array<{ file: string; answer: number[]; context: number[] }>;
  subject: string;
}

/** One indexed note as the evaluation sees it: its language, chunks by line and raw lines. */
export interface EvalNote {
  key: string;
  note: Note;
  chunkByLine: Map<number, Chunk>;
  lines: string[];
}

export interface EvalCorpus {
  index: SearchIndex;
  notes: Map<string, EvalNote>;
}

export interface EvalResult {
  question: EvalQuestion;
  answer: Answer;
  /** 1-based rank of the first citation at an answering or parent line, or null. */
  rank: number | null;
  /** The answer text contains the text of an answering line. */
  shows: boolean;
  /** Question in another language than the note that answers it. */
  cross: boolean;
  millis: number;
}

export interface Figures {
  count: number;
  hitAt1: number;
  hitAt3: number;
  shows: number;
  /** Answerable questions: share answered (grounded). Unanswerable: share declined. */
  grounding: number;
}

const here = path.dirname(fileURLToPath(import.meta.url));
export const SEED_KEY = 'seed';

export function loadEvalSet(file = path.join(here, 'eval-set.json')): EvalQuestion[] {
  return (JSON.parse(readFileSync(file, 'utf8')) as { questions: EvalQuestion[] }).questions;
}

export function noteKey(source: string): string {
  return path.resolve(source) === path.resolve(seedNotePath) ? SEED_KEY : path.basename(source);
}

/** The seed note and the shared corpus, parsed and indexed the way ingest does it. */
export function buildEvalCorpus(files: string[] = [seedNotePath, ...corpusNoteFiles()]): EvalCorpus {
  const index = new SearchIndex();
  const notes = new Map<string, EvalNote>();
  for (const file of files) {
    const decoded = decodeNoteBytes(readFileSync(file), { name: file });
    const note = parseNote(decoded.text, { source: file, encoding: decoded.encoding });
    const chunks = chunkNote(note);
    index.upsertNote({ noteId: note.id, title: note.title, source: file }, chunks);
    const key = noteKey(file);
    notes.set(key, { key, note, chunkByLine: new Map(chunks.map((chunk) => [chunk.line, chunk])), lines: decoded.text.split(/\r?\n/) });
  }
  return { index, notes };
}

/** Whether a question can be scored on this corpus (its notes are all indexed). */
export function isAvailable(corpus: EvalCorpus, question: EvalQuestion): boolean {
  return question.expect.every((expected) => corpus.notes.has(expected.file));
}

export function evaluate(corpus: EvalCorpus, question: EvalQuestion, ask: (text: string) => Answer = (text) => answerQuestion(corpus.index, text, { top: 5 })): EvalResult {
  const started = performance.now();
  const answer = ask(question.question);
  const millis = performance.now() - started;
  const acceptable = (file: string, line: number): boolean =>
    question.expect.some((expected) => expected.file === file && (expected.answer.includes(line) || expected.context.includes(line)));
  const position = answer.citations.findIndex((citation) => acceptable(noteKey(citation.source), citation.line));
  const shows = question.expect.some((expected) => {
    const note = corpus.notes.get(expected.file);
    return note !== undefined && expected.answer.some((line) => textShows(answer.answer, lineText(note, line)));
  });
  const cross = question.expect.some((expected) => corpus.notes.get(expected.file)?.note.language !== question.lang);
  return { question, answer, rank: position >= 0 ? position + 1 : null, shows, cross, millis };
}

/** The plain text of a note line: its chunk's text (inline Markdown flattened), else the raw line. */
export function lineText(note: EvalNote, line: number): string {
  const chunk = note.chunkByLine.get(line);
  if (chunk) return chunk.text;
  return (note.lines[line - 1] ?? '').replace(/^\s*(?:[-*+]|\d+\.|#+|>)\s*/, '');
}

// Long lines are clipped in answers: the start of a line is enough to recognise it.
const SHOWN_PREFIX_CHARS = 50;

function comparable(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();
}

export function textShows(answerText: string, line: string): boolean {
  const wanted = comparable(line).slice(0, SHOWN_PREFIX_CHARS);
  return wanted !== '' && comparable(answerText).includes(wanted);
}

/** The groups figures are printed for. A question belongs to several. */
export function groupsOf(result: EvalResult): string[] {
  const { question } = result;
  if (question.expect.length === 0) return ['unanswerable', `unanswerable-${question.lang}`];
  const groups = ['all', question.lang, result.cross ? 'cross' : 'same-language', `kind:${question.kind}`];
  if (question.chatty) groups.push('chatty');
  if (question.typo) groups.push('typo');
  return groups;
}

export function figures(results: EvalResult[]): Map<string, Figures> {
  const groups = new Map<string, EvalResult[]>();
  for (const result of results) for (const group of groupsOf(result)) groups.set(group, [...(groups.get(group) ?? []), result]);
  const out = new Map<string, Figures>();
  for (const [group, members] of groups) {
    const share = (predicate: (result: EvalResult) => boolean): number => members.filter(predicate).length / members.length;
    const unanswerable = group.startsWith('unanswerable');
    out.set(group, {
      count: members.length,
      hitAt1: share((result) => result.rank === 1),
      hitAt3: share((result) => result.rank !== null && result.rank <= 3),
      shows: share((result) => result.shows),
      grounding: share((result) => (unanswerable ? !result.answer.grounded : result.answer.grounded)),
    });
  }
  return out;
}

const GROUP_ORDER = ['all', 'ja', 'en', 'cross', 'same-language', 'chatty', 'typo'];

/** A table of figures; `baseline` adds its hit@1 / hit@3 beside ours. */
export function formatFigures(ours: Map<string, Figures>, baseline?: Map<string, Figures>): string {
  const kinds = [...ours.keys()].filter((group) => group.startsWith('kind:')).sort();
  const unanswerable = [...ours.keys()].filter((group) => group.startsWith('unanswerable')).sort();
  const order = [...GROUP_ORDER.filter((group) => ours.has(group)), ...kinds, ...unanswerable];
  const number = (value: number): string => value.toFixed(2).padStart(6);
  const header = `${'group'.padEnd(20)}${'n'.padStart(4)}${'hit@1'.padStart(7)}${'hit@3'.padStart(7)}${'shows'.padStart(7)}${'answered'.padStart(9)}${'declined'.padStart(9)}${baseline ? `${'base@1'.padStart(8)}${'base@3'.padStart(8)}` : ''}`;
  const rows = order.map((group) => {
    const f = ours.get(group) as Figures;
    const declines = group.startsWith('unanswerable');
    const hits = declines ? `${'-'.padStart(7)}${'-'.padStart(7)}${'-'.padStart(7)}` : `${number(f.hitAt1)} ${number(f.hitAt3)} ${number(f.shows)}`;
    const grounding = declines ? `${'-'.padStart(9)}${number(f.grounding).padStart(9)}` : `${number(f.grounding).padStart(9)}${'-'.padStart(9)}`;
    const base = baseline?.get(group);
    const baseCells = baseline ? (base && !declines ? `${number(base.hitAt1).padStart(8)}${number(base.hitAt3).padStart(8)}` : `${'-'.padStart(8)}${'-'.padStart(8)}`) : '';
    return `${group.padEnd(20)}${String(f.count).padStart(4)}${hits}${grounding}${baseCells}`;
  });
  return [header, ...rows].join('\n');
}
