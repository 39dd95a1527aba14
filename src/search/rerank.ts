import type { Chunk } from '../domain/note.js';
import { definitionOf } from '../notes/definitions.js';
import { normalizeText } from './normalize.js';
import { tokenize } from './tokenize.js';

/**
 * Second-stage signals for the best BM25 candidates, computed from the chunk's own text:
 * - subject: the term a bullet is about ("Brown Field" with an explaining sub-bullet,
 *   "CNI - Container Network Interface", "SLO(Service Level Objectives)") and how exactly it is
 *   the asked term (CNI beats "CNI (coreos) vs CNM (docker)");
 * - interrogative: notes restate talk questions as bullets ("なぜサービスメッシュなのか",
 *   "Why Enboy", "ECKとは何か"); a question of the same kind about the same thing lands there.
 */

// A short bullet with sub-bullets is a label the sub-bullets explain ("Envoy", "Helm 101").
const MAX_SUBJECT_CHARS = 40;
const MAX_SUBJECT_WORDS = 6;
const PARENTHETICAL = /^(.{1,40}?)\s*[(（][^()（）]{2,}[)）]\s*$/;

const INTERROGATIVES: ReadonlyArray<readonly [string, RegExp]> = [
  ['why', /\bwhy\b|なぜ|どうして|なんで/],
  ['how', /\bhow\b|どうやって|どのように|どうすれば|やり方/],
  ['what', /\bwhat\b|何|なに|とは/],
  ['which', /\bwhich\b|どっち|どちら|どれ/],
  ['who', /\bwho\b|誰|だれ/],
  ['when', /\bwhen\b|いつ/],
  ['where', /\bwhere\b|どこ/],
];

/** The term a chunk is about, and how sure its shape makes that. */
export interface Subject {
  text: string;
  /** 1 for explicit definitions ("X - …", "XとはY", "X(expansion)"), less for a bare label with sub-bullets. */
  confidence: number;
}

// A bare label over sub-bullets is often a definition, but as often a topic ("SLO" over a list of dashboards).
const LABEL_CONFIDENCE = 0.7;
const UNEXPLAINED_LABEL_CONFIDENCE = 0.2;
const MIN_EXPLANATION_CHARS = 4;

/** The term a chunk is about, when its shape says so; null for plain remarks. */
export function subjectOf(chunk: Chunk): Subject | null {
  const definition = definitionOf(chunk);
  if (definition) return { text: definition.term, confidence: 1 };
  const text = chunk.text.trim();
  const parenthetical = PARENTHETICAL.exec(text);
  if (parenthetical?.[1]) return { text: parenthetical[1], confidence: 1 };
  const isLabel = text.length <= MAX_SUBJECT_CHARS && text.split(/\s+/).length <= MAX_SUBJECT_WORDS;
  if (!isLabel || chunk.children.length === 0) return null;
  // A heading whose only bullet repeats it ("## Toil" / "- Toil") explains nothing itself.
  const topDepth = Math.min(...chunk.children.map((child) => child.depth));
  const explains = chunk.children.some(
    (child) => child.depth === topDepth && child.text.trim() !== text && child.text.trim().length >= MIN_EXPLANATION_CHARS,
  );
  return { text, confidence: explains ? LABEL_CONFIDENCE : UNEXPLAINED_LABEL_CONFIDENCE };
}

/** Share of a term set that the question also has (1 = nothing in it that was not asked). */
export function precisionOf(terms: ReadonlySet<string>, questionTerms: ReadonlySet<string>): number {
  if (terms.size === 0) return 0;
  let shared = 0;
  for (const term of terms) if (questionTerms.has(term)) shared++;
  return shared / terms.size;
}

/** Terms of a subject, as a set. */
export function subjectTerms(subject: string): Set<string> {
  return new Set(tokenize(subject));
}

/** Interrogative kinds (why, how, what, …) a text contains, in English or Japanese. */
export function interrogativesOf(text: string): Set<string> {
  const normalized = normalizeText(text);
  const kinds = new Set<string>();
  for (const [kind, pattern] of INTERROGATIVES) if (pattern.test(normalized)) kinds.add(kind);
  return kinds;
}

/** Whether two interrogative sets share a kind. */
export function sharesInterrogative(a: ReadonlySet<string>, b: ReadonlySet<string>): boolean {
  for (const kind of a) if (b.has(kind)) return true;
  return false;
}
