import { CallTally } from '../llm/call-tally.js';
import { estimateTokens } from '../llm/estimate-tokens.js';
import type { LlmClient } from '../llm/llm-client.js';
import { messagesTokens } from '../llm/messages-tokens.js';
import { buildTranslateMessages, renderTranslationLine, translationReplySchema } from '../llm/prompts/translate-prompt.js';
import { flattenItems, splitSectionLines } from '../llm/split-section.js';
import type { Note, NoteItem, Section } from '../domain/note.js';
import type { TokenUsage } from '../store/usage-store.js';
import type { NoteTranslation, TranslatedSection } from '../domain/translation.js';
import { MAX_GLOSSARY_TOKENS, TranslationMemory } from './translation-memory.js';

/** A translation written by the model, with what it cost. */
export interface LlmTranslation {
  translation: NoteTranslation;
  usage: TokenUsage;
  /** Every completion requested, corrective retries included. */
  llmCalls: number;
  durationMs: number;
}

// A reply cut off at LLM_MAX_OUTPUT_TOKENS is broken JSON, so a call is sent no more lines than
// their translations can fill. Japanese runs near a token per character whatever it translates,
// English about four characters per token: Japanese into English shrinks, English into Japanese
// grows about twice (measured loosely on the seed note; these err on the long side).
const REPLY_TOKENS_PER_SOURCE_TOKEN = {
  cjkTarget: { cjk: 1.3, other: 2.5 },
  otherTarget: { cjk: 1, other: 1.3 },
};
const CJK_TARGETS = new Set(['ja', 'zh', 'ko']);
const CJK_SCRIPT = /[\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Han}\p{Script=Hangul}]/gu;
// {"line": 24, "text": ""} around every translated line.
const REPLY_TOKENS_PER_LINE = 10;
// The heading path, the terms and the JSON punctuation of one reply.
const REPLY_TOKENS_RESERVED = 256;
// Whatever the budgets say, a call carries at least this much: a line or two.
const MIN_PIECE_TOKENS = 64;

/**
 * Translates a note section by section, keeping every line's number: each call gets one section
 * (or a piece of a big one) as numbered lines plus a glossary of the terms translated so far, and
 * answers one JSON object. Lines the reply does not have keep the source text (and are counted);
 * lines the section does not have are dropped. Code is not translated.
 */
export async function translateWithLlm(llm: LlmClient, note: Note, language: string, contextTokens: number): Promise<LlmTranslation> {
  const started = Date.now();
  const tally = new CallTally(llm);
  const memory = new TranslationMemory();
  const texts = new Map<number, string>();
  const sections = note.sections.filter((section) => section.level > 0 || section.items.length > 0);
  for (const [index, section] of sections.entries()) {
    if (!needsCall(section, sections[index + 1], memory)) continue;
    const pieces = planSectionPieces(note, section, language, contextTokens, llm.config.maxOutputTokens);
    for (const [pieceIndex, piece] of pieces.entries()) {
      const sent = new Set(piece.items.map((item) => item.line));
      const part = pieces.length > 1 ? ` (part ${pieceIndex + 1} of ${pieces.length})` : '';
      const what = `section "${section.title || 'before the first heading'}"${part} of the translation`;
      const messages = buildTranslateMessages({ note, section: piece, language, glossary: memory.glossary() });
      const reply = await tally.askJson(messages, translationReplySchema(sent), what);
      memory.learnHeadings(section.path, reply.headingPath);
      for (const entry of reply.lines) {
        const text = entry?.text.trim() ?? '';
        if (entry?.line !== undefined && sent.has(entry.line) && text !== '' && !texts.has(entry.line)) texts.set(entry.line, text);
      }
      memory.learnTerms(reply.terms, piece.items.map((item) => item.text).join('\n'));
    }
  }
  return { translation: assemble(sections, texts, memory), usage: tally.usage, llmCalls: tally.calls, durationMs: Date.now() - started };
}

/** The lines of a section worth a model call: not code (kept as written), not empty. */
export function translatableLines(section: Pick<Section, 'items'>): NoteItem[] {
  return flattenItems(section.items).filter(isTranslatable);
}

function isTranslatable(item: NoteItem): boolean {
  return item.kind !== 'code' && item.text.trim() !== '';
}

/**
 * A section with lines needs a call; a bare heading only when no later call covers it (a heading
 * comes along in the heading path of the sections under it).
 */
function needsCall(section: Section, next: Section | undefined, memory: TranslationMemory): boolean {
  if (translatableLines(section).length > 0) return true;
  if (section.path.length === 0 || memory.knowsHeading(section.path)) return false;
  const parentOfNext = next !== undefined && next.path.length > section.path.length && section.path.every((title, depth) => next.path[depth] === title);
  return !parentOfNext;
}

/** A section's lines in calls that fit both the model's context and one reply. */
export function planSectionPieces(note: Pick<Note, 'title'>, section: Section, language: string, contextTokens: number, maxOutputTokens: number): Section[] {
  const lines = translatableLines(section);
  if (lines.length === 0) return [{ ...section, items: [] }];
  // The glossary grows during the note: its whole allowance is reserved from the start.
  const overhead = messagesTokens(buildTranslateMessages({ note, section: { path: section.path, items: [] }, language, glossary: [] })) + MAX_GLOSSARY_TOKENS;
  const inputBudget = contextTokens - maxOutputTokens - overhead;
  const replyBudget = maxOutputTokens - REPLY_TOKENS_RESERVED;
  const budget = Math.max(MIN_PIECE_TOKENS, Math.min(inputBudget, replyBudget));
  // One budget for both sides: a line costs what it takes in the prompt or in the reply, whichever is more.
  const lineCost = (item: NoteItem): number => Math.max(estimateTokens(renderTranslationLine(item)) + 1, replyTokens(item.text, language));
  return splitSectionLines({ ...section, items: lines }, budget, lineCost);
}

/** Estimated tokens of a line's translation in the reply, JSON around it included. */
function replyTokens(text: string, language: string): number {
  const total = estimateTokens(text);
  const other = estimateTokens(text.replace(CJK_SCRIPT, ''));
  const rates = CJK_TARGETS.has(language.split('-')[0] ?? language) ? REPLY_TOKENS_PER_SOURCE_TOKEN.cjkTarget : REPLY_TOKENS_PER_SOURCE_TOKEN.otherTarget;
  return Math.ceil((total - other) * rates.cjk + other * rates.other) + REPLY_TOKENS_PER_LINE;
}

/** The note's outline with every item's translation beside its source text. */
function assemble(sections: readonly Section[], texts: ReadonlyMap<number, string>, memory: TranslationMemory): NoteTranslation {
  let untranslatedLines = 0;
  const translated = sections.map(
    (section): TranslatedSection => ({
      line: section.line,
      level: section.level,
      path: section.path,
      translatedPath: memory.translatePath(section.path),
      items: flattenItems(section.items).map((item) => {
        const text = texts.get(item.line);
        if (text === undefined && isTranslatable(item)) untranslatedLines += 1;
        return { line: item.line, depth: item.depth, source: item.text, text: text ?? item.text };
      }),
    }),
  );
  return { sections: translated, glossary: memory.glossary(), untranslatedLines };
}
