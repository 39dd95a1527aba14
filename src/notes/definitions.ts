import type { Chunk } from '../domain/note.js';

/** A term a note defines, with the line that defines it. */
export interface Definition {
  term: string;
  definition: string;
  line: number;
}

// Terms are short labels ("Brown Field", "Envoy"); longer text is a remark, not a term.
const MAX_TERM_CHARS = 40;
const MAX_TERM_WORDS = 5;
const MIN_DEFINITION_CHARS = 4;

const JAPANESE = /[\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Han}]/u;
const QUESTION = /[?？]|なぜ|何|どう|どっち|どれ|って$|^(?:why|how|what|when|where|who|which)\b/i;
// Code and templates ("{{ toYaml .Values }}", "$ ./app --http=:8000") are not prose definitions.
const CODE_LIKE = /[{}$\\=;<>]|^\s*[-./]/;
const SEPARATOR = /^(.+?)\s+[-–—]\s+(.+)$|^([^:：]+?)\s*[:：]\s*(.+)$/;
const TO_WA = /^(.+?)とは[、,]?\s*(.+)$/;
const WA_DESU = /^(.+?)は(.+?(?:です|である|のこと|を指す|をいう|という意味))[。.!！]*$/;
// A child explains its parent when it names a kind of thing ("…する会社", "…なサービス")
// or, in English, reads as a description ("A tool for …", "… is …").
const KIND_JA = /(会社|企業|サービス|ツール|仕組み|こと|もの|機能|技術|手法|方法|ライブラリ|フレームワーク|プロダクト|製品|OSS|プラットフォーム|言語|仕様|概念|考え方|形式|団体|組織|プロジェクト|ソフトウェア|システム|アーキテクチャ|パターン|基盤|環境|規格)[。.]?$/;
const KIND_EN = /\b(proxy|tool|library|framework|service|platform|protocol|format|language|database|runtime|engine|api|standard|specification|pattern|project|company|system|interface)s?\.?$/i;
// Link titles ("Kubernetes Crossing the Chasm - Speaker Deck") name a site, not a meaning.
const SITE_NAMES = /^(speaker ?deck|slide ?share|connpass|qiita|youtube|twitter|github|booth|medium|note|zenn|docswell)$/i;
const SENTENCE_EN = /^(?:an?|the)\s+\S+\s+\S+|\b(?:is|are|means|refers to)\s+(?:an?|the)\s+\S+/i;

/**
 * Whether a chunk defines a term, and what it says. Recognised shapes:
 * "X - explanation", "X: explanation", "XとはY", "XはYです/である/のこと",
 * and a short term (bullet or heading) whose first child explains it ("Brown Field" / "VM上で…サービス").
 */
export function definitionOf(chunk: Chunk): Definition | null {
  const text = chunk.text.trim();
  if (text === '' || /^https?:\/\//i.test(text)) return null;
  // A section heading ("Recap: Intro to ServiceMesh") is a title, not "term: explanation".
  const isHeading = chunk.section.at(-1) === chunk.text;
  return (isHeading ? null : inlineDefinition(text, chunk.line)) ?? childDefinition(text, chunk);
}

function inlineDefinition(text: string, line: number): Definition | null {
  const toWa = TO_WA.exec(text);
  if (toWa) return make(toWa[1], toWa[2], line);
  const separated = SEPARATOR.exec(text);
  if (separated) return make(separated[1] ?? separated[3], separated[2] ?? separated[4], line);
  const waDesu = WA_DESU.exec(text);
  if (waDesu) return make(waDesu[1], waDesu[2], line);
  return null;
}

function childDefinition(text: string, chunk: Chunk): Definition | null {
  const first = chunk.children[0];
  if (!first || first.depth !== 1 || !explains(first.text)) return null;
  return make(text, first.text, chunk.line);
}

function make(rawTerm: string | undefined, rawDefinition: string | undefined, line: number): Definition | null {
  const term = (rawTerm ?? '').trim().replace(/^[「『"'`*]+|[」』"'`*]+$/g, '');
  const definition = (rawDefinition ?? '').trim();
  if (!isTerm(term) || !isDefinition(definition) || isRange(term, definition)) return null;
  return { term, definition, line };
}

function isTerm(text: string): boolean {
  if (text.length < 2 || text.length > MAX_TERM_CHARS) return false;
  if (text.split(/\s+/).length > MAX_TERM_WORDS || !/^[\p{L}]/u.test(text)) return false;
  if (QUESTION.test(text) || CODE_LIKE.test(text) || /[、。！!]/.test(text) || !balanced(text)) return false;
  // Japanese sentence endings mark a remark ("導入した"), not a label.
  return !/(した|する|です|ます|ない|たい|よね|だった|なった|みる)$/.test(text);
}

function isDefinition(text: string): boolean {
  if (text.length < MIN_DEFINITION_CHARS || QUESTION.test(text) || CODE_LIKE.test(text)) return false;
  // "10:30 - 11:00", "python: 2.7-alpine": values, not explanations.
  if (/^\d/.test(text) || SITE_NAMES.test(text)) return false;
  return JAPANESE.test(text) || text.split(/\s+/).length >= 2;
}

function explains(text: string): boolean {
  if (!isDefinition(text)) return false;
  if (KIND_JA.test(text)) return true;
  return !JAPANESE.test(text) && (KIND_EN.test(text) || SENTENCE_EN.test(text));
}

function balanced(text: string): boolean {
  const opens = (text.match(/[(（[]/g) ?? []).length;
  const closes = (text.match(/[)）\]]/g) ?? []).length;
  return opens === closes;
}

/** "L4 - L7 Proxy", "v1 - v2": a range of similar labels, not a term and its meaning. */
function isRange(term: string, definition: string): boolean {
  const label = /^[A-Za-z]{0,3}\d+(?:[.:]\d+)?$/;
  return label.test(term) && label.test(definition.split(/\s+/)[0] ?? '');
}
