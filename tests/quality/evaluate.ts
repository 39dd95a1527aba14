import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chunkNote } from '../../src/notes/chunk.js';
import { decodeNoteBytes } from '../../src/notes/decode.js';
import { parseNote } from '../../src/notes/parse.js';
import { type Answer, answerQuestion } from '../../src/recap/answer.js';
import { SearchIndex } from '../../src/search/search-index.js';
import { corpusNoteFiles, seedNotePath } from '../helpers/corpus.js';

/**
 * Answer-quality evaluation shared by tests/unit/answer-quality.test.ts and
 * scripts/eval-quality.ts: builds an index of the seed note and the shared corpus the way ingest
 * does, asks every question of questions.json and scores the citations.
 */

export type QualityCategory = 'ja' | 'en' | 'cross' | 'paraphrase' | 'typo' | 'unanswerable';

export interface QualityQuestion {
  id: string;
  category: QualityCategory;
  question: string;
  /** Acceptable citations: a file ("seed" or a corpus file name) and lines in it. Empty = not in the notes. */
  expect: Array<{ file: string; lines: number[] }>;
}

export interface QuestionResult {
  question: QualityQuestion;
  answer: Answer;
  /** 1-based rank of the first acceptable citation, or null. */
  rank: number | null;
  /** For answerable questions: grounded; for unanswerable ones: not grounded. */
  groundedCorrectly: boolean;
  millis: number;
}

export interface CategoryScore {
  count: number;
  hitAt1: number;
  hitAt3: number;
  /** Share of questions whose grounded flag was right. */
  grounding: number;
}

const here = path.dirname(fileURLToPath(import.meta.url));
export const SEED_KEY = 'seed';

export function loadQuestions(): QualityQuestion[] {
  const file = JSON.parse(readFileSync(path.join(here, 'questions.json'), 'utf8')) as { questions: QualityQuestion[] };
  return file.questions;
}

/** Whether a question can run without the shared corpus (it only cites the seed note). */
export function isSeedOnly(question: QualityQuestion): boolean {
  return question.expect.length > 0 && question.expect.every((expected) => expected.file === SEED_KEY);
}

/** Index of the seed note plus, when given, the corpus notes, built like ingest builds it. */
export function buildQualityIndex(files: string[] = [seedNotePath, ...corpusNoteFiles()]): SearchIndex {
  const index = new SearchIndex();
  for (const file of files) {
    const decoded = decodeNoteBytes(readFileSync(file), { name: file });
    const note = parseNote(decoded.text, { source: file, encoding: decoded.encoding });
    const chunks = chunkNote(note);
    index.upsertNote({ noteId: note.id, title: note.title, source: file }, chunks);
  }
  return index;
}

/** The key questions.json uses for a cited source. */
export function fileKey(source: string): string {
  return path.resolve(source) === path.resolve(seedNotePath) ? SEED_KEY : path.basename(source);
}

export function evaluateQuestion(index: SearchIndex, question: QualityQuestion): QuestionResult {
  const started = performance.now();
  const answer = answerQuestion(index, question.question, { top: 5 });
  const millis = performance.now() - started;
  const position = answer.citations.findIndex((citation) =>
    question.expect.some((expected) => expected.file === fileKey(citation.source) && expected.lines.includes(citation.line)),
  );
  const answerable = question.expect.length > 0;
  return {
    question,
    answer,
    rank: answerable && position >= 0 ? position + 1 : null,
    groundedCorrectly: answerable ? answer.grounded : !answer.grounded,
    millis,
  };
}

/** hit@1, hit@3 and grounding accuracy per category, plus "all" (answerable questions only for hits). */
export function scoreResults(results: QuestionResult[]): Record<string, CategoryScore> {
  const groups = new Map<string, QuestionResult[]>();
  for (const result of results) {
    const category = result.question.category;
    groups.set(category, [...(groups.get(category) ?? []), result]);
    if (category !== 'unanswerable') groups.set('all', [...(groups.get('all') ?? []), result]);
  }
  const scores: Record<string, CategoryScore> = {};
  for (const [category, group] of groups) {
    const share = (predicate: (result: QuestionResult) => boolean): number => group.filter(predicate).length / group.length;
    scores[category] = {
      count: group.length,
      hitAt1: share((result) => result.rank === 1),
      hitAt3: share((result) => result.rank !== null && result.rank <= 3),
      grounding: share((result) => result.groundedCorrectly),
    };
  }
  return scores;
}

/** A plain table of scores for logs and the README. */
export function formatScores(scores: Record<string, CategoryScore>): string {
  const order = ['all', 'ja', 'en', 'cross', 'paraphrase', 'typo', 'unanswerable'];
  const rows = order
    .filter((category) => scores[category])
    .map((category) => {
      const score = scores[category] as CategoryScore;
      const hits = category === 'unanswerable' ? '    -      -  ' : `${score.hitAt1.toFixed(2).padStart(5)}  ${score.hitAt3.toFixed(2).padStart(5)}`;
      return `${category.padEnd(13)}${String(score.count).padStart(4)}  ${hits}  ${score.grounding.toFixed(2).padStart(6)}`;
    });
  return ['category        n  hit@1  hit@3  grounded-right', ...rows].join('\n');
}
