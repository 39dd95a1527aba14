import type { Chunk } from '../notes/types.js';

/** A term a note defines, with the line that defines it. */
export interface Definition {
  term: string;
  definition: string;
  line: number;
}

// Terms are short labels ("Brown Field", "Envoy"); longer text is a sentence, not a term.
const MAX_TERM_CHARS = 40;
const MAX_TERM_WORDS = 5;
const MIN_DEFINITION_CHARS = 4;

const QUESTION = /[?？]|なぜ|何|どう|どっち|どれ|って$/;
const SEPARATOR = /^(.+?)\s+[-–—]\s+(.+)$|^([^:：]+?)\s*[:：]\s*(.+)$/;
const TO_WA = /^(.+?)とは[、,]?\s*(.+)$/;
const WA_DESU = /^(.+?)は(.+?(?:です|である|のこと|を指す|をいう|という意味))[。.!！]*$/;
// A child "explains" its parent when it names a kind of thing (…する会社, …なサービス) or is a sentence.
const KIND_JA = /(会社|企業|サービス|ツール|仕組み|こと|もの|機能|技術|手法|方法|ライブラリ|フレームワーク|プロダクト|製品|OSS|プラットフォーム|言語|仕様|概念|考え方|形式|団体|組織|プロジェクト|ソフトウェア|システム|アーキテクチャ|パターン|基盤|環境|規格)[。.]?$/;
const KIND_EN = /\b(proxy|tool|library|framework|service|platform|protocol|format|language|database|runtime|engine|api|standard|specification|pattern|project|company|system|approach|way)s?\.?$/i;
const SENTENCE_EN = /^(an?|the)\s+\S+|\b(is|are|means|refers to)\s+\S+/i;

/**
 * Whether a chunk defines a term, and what it says. Recognised shapes:
 * "X - explanation", "X: explanation", "XとはY", "XはYです/である/のこと",
 * and a short term bullet whose direct child explains it ("Brown Field" / "VM上で…サービス").
 */
export function definitionOf(chunk: Chunk): Definition | null {
  const text = chunk.text.trim();
  if (text === '' || /^https?:\/\//i.test(text)) return null;
  return inlineDefinition(text, chunk.line) ?? childDefinition(text, chunk);
}

function inlineDefinition(text: string, line: number): Definition | null {
  const toWa = TO_WA.exec(text);
  if (toWa) return make(toWa[1], toWa[2], line);
  const sep = SEPARATOR.exec(text);
  if (sep) return make(sep[1] ?? sep[3], sep[2] ?? sep[4], line);
  const waDesu = WA_DESU.exec(text);
  if (waDesu) return make(waDesu[1], waDesu[2], line);
  return null;
}

function childDefinition(text: string, chunk: Chunk): Definition | null {
  if (!isTerm(text)) return null;
  const explaining = chunk.children
    .filter((child) => child.depth === 1)
    .find((child) => explains(child.text));
  return explaining ? make(text, explaining.text, chunk.line) : null;
}

function make(rawTerm: string | undefined, rawDefinition: string | undefined, line: number): Definition | null {
  const term = (rawTerm ?? '').trim().replace(/[「」『』"'`*]/g, '');
  const definition = (rawDefinition ?? '').trim();
  if (!isTerm(term) || definition.length < MIN_DEFINITION_CHARS) return null;
  if (QUESTION.test(definition) || isRange(term, definition)) return null;
  return { term, definition, line };
}

function isTerm(text: string): boolean {
  if (text.length === 0 || text.length > MAX_TERM_CHARS) return false;
  if (text.split(/\s+/).length > MAX_TERM_WORDS) return false;
  if (QUESTION.test(text) || /^https?:/i.test(text) || /^[@#]/.test(text)) return false;
  // Japanese sentence endings and particles mark a remark, not a label.
  return !/(した|する|です|ます|ない|たい|よね|だった|なった|[。、])$/.test(text);
}

function explains(text: string): boolean {
  if (text.length < MIN_DEFINITION_CHARS || QUESTION.test(text)) return false;
  return KIND_JA.test(text) || KIND_EN.test(text) || SENTENCE_EN.test(text);
}

/** "L4 - L7 Proxy" or "10:30 - 11:00" are ranges, not definitions. */
function isRange(term: string, definition: string): boolean {
  const shape = /^[A-Za-z]{0,3}\d+(?:[.:]\d+)?$/;
  return shape.test(term) && shape.test(definition.split(/\s+/)[0] ?? '');
}
