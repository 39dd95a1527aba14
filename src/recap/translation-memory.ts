import { estimateTokens } from '../llm/estimate-tokens.js';
import type { GlossaryEntry } from '../domain/translation.js';
import type { ModelTranslation } from '../llm/prompts/translate-prompt.js';

/** The glossary sent with every call stays this small: it rides along in each prompt. */
export const MAX_GLOSSARY_TOKENS = 400;
// A "term" longer than this is a phrase; phrases are not worth repeating in every prompt.
const MAX_TERM_CHARS = 60;

/**
 * What the earlier sections of one note were translated to: heading translations (so a heading
 * path reads the same in every section under it) and a small glossary of names and terms sent
 * with the next calls (so "技術的負債" is "technical debt" throughout, not a new phrase each time).
 * The first translation of a term wins.
 */
export class TranslationMemory {
  private readonly headings = new Map<string, string>();
  private readonly entries: GlossaryEntry[] = [];
  private readonly sources = new Set<string>();
  private tokens = 0;

  /** Takes a reply's heading path when it has one entry per heading; known headings keep their translation. */
  learnHeadings(path: readonly string[], translated: readonly string[]): void {
    if (translated.length !== path.length) return;
    path.forEach((title, depth) => {
      const key = headingKey(path.slice(0, depth + 1));
      const text = translated[depth]?.trim() ?? '';
      if (text === '' || this.headings.has(key)) return;
      this.headings.set(key, text);
      this.addTerm(title, text);
    });
  }

  /** Takes a reply's terms that really occur in the text it was sent (a model may invent some). */
  learnTerms(terms: ModelTranslation['terms'], sentText: string): void {
    for (const term of terms) if (term && sentText.includes(term.source)) this.addTerm(term.source, term.text);
  }

  knowsHeading(path: readonly string[]): boolean {
    return this.headings.has(headingKey(path));
  }

  /** A heading path translated as far as it is known; unknown headings stay as written. */
  translatePath(path: readonly string[]): string[] {
    return path.map((title, depth) => this.headings.get(headingKey(path.slice(0, depth + 1))) ?? title);
  }

  glossary(): GlossaryEntry[] {
    return [...this.entries];
  }

  private addTerm(source: string, text: string): void {
    const cleanSource = source.trim();
    const cleanText = text.trim();
    if (cleanSource === cleanText || cleanSource.length > MAX_TERM_CHARS || cleanText.length > MAX_TERM_CHARS || this.sources.has(cleanSource)) return;
    const cost = estimateTokens(`- ${cleanSource} → ${cleanText}`) + 1;
    if (this.tokens + cost > MAX_GLOSSARY_TOKENS) return;
    this.tokens += cost;
    this.sources.add(cleanSource);
    this.entries.push({ source: cleanSource, text: cleanText });
  }
}

function headingKey(path: readonly string[]): string {
  return path.join('\u0000');
}
