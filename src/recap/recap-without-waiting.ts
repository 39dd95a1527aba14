import type { Note } from '../domain/note.js';
import { submitSummarize } from '../queue/submit-jobs.js';
import type { Runtime } from '../runtime.js';
import { EXTRACTIVE_MODEL, type RecapSummary } from '../domain/recap.js';
import { sameBaseLanguage } from '../domain/language.js';
import { recapFromExtractive } from './recap-summary.js';
import { currentRecapVersion } from './summarize-stored-note.js';
import { summarizeNote } from './summary.js';

/** A recap ready to show now, and whether a better one is on its way. */
export interface ImmediateRecap {
  summary: RecapSummary;
  language: string;
  /** The model that wrote it, or 'offline' for the extractive recap. */
  model: string;
  /** A model recap is queued; this one is the extractive recap meanwhile. */
  pending: boolean;
  /** The language asked for: an extractive recap stays in the note's own language whatever was asked. */
  requested: string;
}

/**
 * A note's recap for a chat request, never waiting for a model: the stored model recap when it
 * is current, otherwise the extractive recap at once, with the model recap queued (one job per
 * note text and language, so asking twice queues nothing more) for the next time someone asks.
 */
export async function recapWithoutWaiting(runtime: Runtime, note: Note, language: string): Promise<ImmediateRecap> {
  if (runtime.llm === null) return extractiveRecap(note, false, language);
  const stored = await storedRecap(runtime, note, language);
  if (stored !== null) return stored;
  try {
    await submitSummarize(runtime.summarizeQueue, { noteId: note.id, contentHash: note.contentHash, language });
    return extractiveRecap(note, true, language);
  } catch (error) {
    // The recap shown does not depend on the queue: a Redis hiccup only means no model recap later.
    runtime.logger.warn({ err: error, noteId: note.id, language }, 'could not queue a recap');
    return extractiveRecap(note, false, language);
  }
}

/** The extractive recap, in the note's own language (`pending`: a model recap is on its way). */
export function extractiveRecap(note: Note, pending: boolean, requested: string = note.language): ImmediateRecap {
  return { summary: recapFromExtractive(summarizeNote(note)), language: note.language, model: EXTRACTIVE_MODEL, pending, requested };
}

/**
 * What to say when an extractive recap is shown for a language the note is not written in
 * (it is the notes' own lines, so it cannot change language); null when nothing needs saying.
 */
export function extractiveLanguageNotice(noteLanguage: string, requested: string): string | null {
  if (sameBaseLanguage(noteLanguage, requested)) return null;
  return `extractive recap in ${noteLanguage} (the notes' own lines); a model is needed to write it in ${requested} (set OPENAI_API_KEY or OPENAI_BASE_URL)`;
}

/** The stored recap when it is current for this text, model and language; null otherwise (or offline). */
export async function storedRecap(runtime: Runtime, note: Note, language: string): Promise<ImmediateRecap | null> {
  if (runtime.llm === null) return null;
  const stored = await runtime.summaries.findCurrent(note.id, language, currentRecapVersion(runtime.llm, note.contentHash));
  return stored === null ? null : { summary: stored.summary, language, model: stored.model, pending: false, requested: language };
}
