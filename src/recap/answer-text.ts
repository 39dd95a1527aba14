import type { Chunk } from '../domain/note.js';
import type { IndexedNoteMeta } from '../search/types.js';
import { definitionOf } from '../notes/definitions.js';

/**
 * Wording of extractive answers: the notes' own lines, laid out as "term (where, line N):" and
 * the bullets that explain it; and the fixed messages (empty question, not in the notes) in the
 * question's language.
 */

export type AnswerLanguage = 'ja' | 'en';

// An answer is read in a chat message: show the explaining bullets, not a whole talk.
const MAX_ANSWER_LINES = 8;
// A line under a parent is shown with a few of its siblings, for context.
const MAX_SIBLING_LINES = 5;
// Paragraph notes (English write-ups) have long paragraphs; cut them at a readable length.
const MAX_TEXT_CHARS = 600;
const MAX_HEADER_CHARS = 120;

/** "Title › Section › Sub, line 24" (in Japanese "…、24行目"). */
export function whereLabel(note: IndexedNoteMeta, section: string[], line: number, language: AnswerLanguage = 'en'): string {
  const path = [note.title, ...section].filter((part) => part.trim() !== '').join(' › ');
  return language === 'ja' ? `${path}、${line}行目` : `${path}, line ${line}`;
}

/**
 * One answer block in the notes' words. A bullet with sub-bullets shows them; "X - explanation"
 * shows the explanation under X; a lone sub-bullet shows the bullet it belongs to as its header.
 */
export function answerBlock(chunk: Chunk, note: IndexedNoteMeta, parent: Chunk | null, language: AnswerLanguage = 'en'): string {
  const where = whereLabel(note, chunk.section, chunk.line, language);
  if (chunk.children.length > 0) return `${header(chunk.text)} (${where}):\n${childLines(chunk)}`;
  // An inline definition ("登壇者: 山田さん", "CNI - Container Network Interface") is quoted whole:
  // its own words are the answer.
  const definition = definitionOf(chunk);
  if (definition && definition.term !== chunk.text.trim() && !parent) {
    return `${header(definition.term)} (${where}):\n- ${clip(chunk.text)}`;
  }
  // Under its parent, with the sibling lines around it: "Istioがメモリ使う" / "IP Tablesのせい".
  if (parent) return `${header(parent.text)} (${where}):\n${siblingLines(parent, chunk)}`;
  return `${where}:\n${clip(chunk.text)}`;
}

/** The parent's direct children around `chunk` (it always among them), as bullets. */
function siblingLines(parent: Chunk, chunk: Chunk): string {
  const direct = parent.children.filter((child) => child.depth === 1);
  const at = direct.findIndex((child) => child.line === chunk.line);
  if (at < 0) return `- ${clip(chunk.text)}`;
  const start = Math.max(0, Math.min(at - 2, direct.length - MAX_SIBLING_LINES));
  const shown = direct.slice(start, start + MAX_SIBLING_LINES);
  const lines = shown.map((child) => `- ${clip(child.text)}`);
  if (start > 0) lines.unshift('- …');
  if (start + shown.length < direct.length) lines.push('- …');
  return lines.join('\n');
}

function childLines(chunk: Chunk): string {
  const minDepth = Math.min(...chunk.children.map((child) => child.depth));
  const shown = chunk.children.slice(0, MAX_ANSWER_LINES);
  const lines = shown.map((child) => `${'  '.repeat(Math.max(0, child.depth - minDepth))}- ${clip(child.text)}`);
  if (chunk.children.length > shown.length) lines.push(`- … (${chunk.children.length - shown.length} more)`);
  return lines.join('\n');
}

function header(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > MAX_HEADER_CHARS ? `${line.slice(0, MAX_HEADER_CHARS - 1)}…` : line;
}

function clip(text: string): string {
  const flat = text.replace(/\s*\n\s*/g, ' ').trim();
  return flat.length > MAX_TEXT_CHARS ? `${flat.slice(0, MAX_TEXT_CHARS - 1)}…` : flat;
}

export function emptyQuestionMessage(): string {
  return (
    'Please ask a question about the notes, for example "what is Brown Field?".\n' +
    'ノートについて質問してください（例:「Brown Fieldとは?」）。'
  );
}

export function noNotesMessage(language: AnswerLanguage): string {
  return language === 'ja'
    ? 'まだノートが取り込まれていません。notes/ フォルダに Markdown のノートを置くか、`recap ingest <file>` で取り込んでください。'
    : 'No notes have been ingested yet. Put Markdown notes in the notes/ folder or run `recap ingest <file>`.';
}

export function noSearchableWordsMessage(language: AnswerLanguage): string {
  return language === 'ja'
    ? '質問から検索できる語が見つかりませんでした。知りたい用語やトピックを含めて質問してください（例:「Brown Fieldとは?」）。'
    : 'Your question has no words to search the notes for. Ask about a term or topic, for example "what is Brown Field?".';
}

/** A line near a question: where it is and the bullet it sits under. */
export interface NearLine {
  note: IndexedNoteMeta;
  chunk: Chunk;
  parent: Chunk | null;
}

/** "The notes do not say" plus the nearest lines with their text, in the question's language. */
export function notCoveredMessage(nearest: readonly NearLine[], language: AnswerLanguage): string {
  if (nearest.length === 0) {
    return language === 'ja'
      ? 'ノートにはこの質問に関する記述が見つかりませんでした。近い記述もありません。'
      : 'The notes do not cover this, and nothing in them comes close.';
  }
  const lines = nearest.map(({ note, chunk, parent }) => {
    const context = parent && parent.text !== chunk.section.at(-1) ? `${header(parent.text)} › ` : '';
    // A label's first sub-bullets say what the notes say about it ("Modern codebase: C++ 11").
    const under = chunk.children.filter((child) => child.depth === 1).slice(0, 2).map((child) => header(child.text));
    const text = under.length > 0 ? `${header(chunk.text)}: ${under.join(' / ')}` : header(chunk.text);
    const quoted = language === 'ja' ? `「${context}${text}」` : `"${context}${text}"`;
    return `- ${quoted} (${whereLabel(note, chunk.section, chunk.line, language)})`;
  });
  return language === 'ja'
    ? `ノートにはこの質問への答えが見つかりませんでした。近い記述:\n${lines.join('\n')}`
    : `The notes do not cover this. Nearest lines:\n${lines.join('\n')}`;
}
