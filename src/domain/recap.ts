/**
 * A note's recap in the shape that is stored and shown, whether a model wrote it or the
 * extractive summarizer picked it. Lines are 1-based source lines of the note (citations).
 */
export interface RecapSummary {
  overview: string;
  talks: RecapTalk[];
  terms: RecapTerm[];
  speakers: string[];
}

export interface RecapTalk {
  title: string;
  /** Heading path of the talk's section in the note. */
  path: string[];
  /** Line of the talk's heading. */
  line: number;
  keyPoints: RecapPoint[];
  speakers: string[];
}

export interface RecapPoint {
  text: string;
  /** The source line the point comes from; absent when the model cited no real line. */
  line?: number;
}

export interface RecapTerm {
  term: string;
  definition: string;
  line?: number;
}

/** The `model` of recaps made without a model. */
export const EXTRACTIVE_MODEL = 'offline';
/** Bump when the extractive recap's selection changes, so cached offline recaps are redone. */
export const EXTRACTIVE_RECAP_VERSION = 'extractive-1';
