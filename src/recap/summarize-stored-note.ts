import type { LlmClient } from '../llm/llm-client.js';
import { SUMMARY_PROMPT_VERSION } from '../llm/prompts/summary-prompt.js';
import type { Note } from '../domain/note.js';
import type { SummarizeJobData } from '../queue/summarize-queue.js';
import type { NoteStore } from '../store/note-store.js';
import type { RecapVersion } from '../store/note-artifact-store.js';
import type { StoredSummary, SummaryStore } from '../store/summary-store.js';
import { summarizeWithLlm, type LlmRecap } from './llm-summary.js';
import { EXTRACTIVE_MODEL, EXTRACTIVE_RECAP_VERSION } from '../domain/recap.js';
import { recapFromExtractive } from './recap-summary.js';
import { summarizeNote } from './summary.js';

export interface SummarizeDeps {
  notes: NoteStore;
  summaries: SummaryStore;
  /** null = offline: the extractive recap. */
  llm: LlmClient | null;
  contextTokens: number;
}

/**
 * What a summarize job did: `stored` a new recap, found a `cached` current one, or skipped a
 * `stale` request (the note's text changed: the job queued for the new text writes its recap)
 * or one for a `missing` note (deleted meanwhile).
 */
export interface SummarizeOutcome {
  status: 'stored' | 'cached' | 'stale' | 'missing';
  noteId: string;
  language: string;
  model: string;
  llmCalls: number;
  totalTokens: number;
}

/** The model and prompt version a recap made now would carry (with the note hash: the cache key). */
export function currentRecapVersion(llm: LlmClient | null, contentHash: string): RecapVersion {
  return llm
    ? { contentHash, model: llm.model, promptVersion: SUMMARY_PROMPT_VERSION }
    : { contentHash, model: EXTRACTIVE_MODEL, promptVersion: EXTRACTIVE_RECAP_VERSION };
}

/**
 * Writes and stores the recap a summarize job asks for, unless a current one is stored: an
 * unchanged note costs no model call. Model errors propagate (the worker sorts them out).
 */
export async function summarizeStoredNote(deps: SummarizeDeps, request: SummarizeJobData): Promise<SummarizeOutcome> {
  const version = currentRecapVersion(deps.llm, request.contentHash);
  const outcome = (status: SummarizeOutcome['status'], made?: LlmRecap): SummarizeOutcome => ({
    status,
    noteId: request.noteId,
    language: request.language,
    model: version.model,
    llmCalls: made?.llmCalls ?? 0,
    totalTokens: made?.usage.totalTokens ?? 0,
  });
  const note = await deps.notes.getNote(request.noteId);
  if (note === null) return outcome('missing');
  if (note.contentHash !== request.contentHash) return outcome('stale');
  if (!request.refresh && (await deps.summaries.findCurrent(note.id, request.language, version)) !== null) return outcome('cached');

  const made = deps.llm ? await summarizeWithLlm(deps.llm, note, request.language, deps.contextTokens) : extractiveRecap(note);
  const stored: StoredSummary = {
    noteId: note.id,
    language: request.language,
    ...version,
    ...made,
    createdAt: new Date().toISOString(),
  };
  return outcome((await deps.summaries.saveIfNoteUnchanged(stored)) ? 'stored' : 'stale', made);
}

/** The offline recap: chosen from the note's own lines, in the note's language, free. */
function extractiveRecap(note: Note): LlmRecap {
  const started = Date.now();
  const summary = recapFromExtractive(summarizeNote(note));
  return { summary, usage: { promptTokens: 0, completionTokens: 0, totalTokens: 0 }, llmCalls: 0, durationMs: Date.now() - started };
}
