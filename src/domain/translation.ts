/**
 * A note translated into another language, section by section, keeping the outline: every item
 * keeps its source line (citations point into the original note) next to its translation.
 */
export interface NoteTranslation {
  sections: TranslatedSection[];
  /** Names and terms and the translation used for them throughout the note. */
  glossary: GlossaryEntry[];
  /** Lines the model left out: they keep the note's own words. */
  untranslatedLines: number;
}

export interface TranslatedSection {
  /** Line of the section's heading (1 for the preamble). */
  line: number;
  /** Heading depth (1-6); 0 for the preamble. */
  level: number;
  /** Heading path as the note writes it. */
  path: string[];
  /** The same headings translated (the original ones where the model gave none). */
  translatedPath: string[];
  /** Every item of the section at every depth, in note order. */
  items: TranslatedItem[];
}

export interface TranslatedItem {
  /** 1-based source line of the item in the note. */
  line: number;
  /** Bullet nesting depth (0 = top level), for indentation. */
  depth: number;
  /** The note's own text of the line. */
  source: string;
  /** The translation; the source text for code, and for lines the model left out. */
  text: string;
}

/** A name or term as the note writes it, and the translation used for it earlier in the note. */
export interface GlossaryEntry {
  source: string;
  text: string;
}
