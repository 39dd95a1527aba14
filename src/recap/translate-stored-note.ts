import type { LlmClient } from '../llm/llm-client.js';
import { TRANSLATE_PROMPT_VERSION } from '../llm/prompts/translate-prompt.js';
import type { Note } from '../domain/note.js';
import type { TranslateJobData } from '../queue/translate-queue.js';
import type { NoteStore } from '../store/note-store.js';
import type { RecapVersion } from '../store/note-artifact-store.js';
import type { StoredTranslation, TranslationStore } from '../store/translation-store.js';
import { translateWithLlm, type LlmTranslation } from './translate-note.js';

/** Why nothing is translated offline: there is no extractive stand-in for a translation. */
export const OFFLINE_TRANSLATION_REASON = 'translation needs an LLM provider: set OPENAI_API_KEY or OPENAI_BASE_URL';

export interface TranslateDeps {
  notes: NoteStore;
  translations: TranslationStore;
  /** null = offline: jobs are skipped. */
  llm: LlmClient | null;
  contextTokens: number;
}

/**
 * What a translate job did: `stored` a new translation, found a `cached` current one, `skipped`
 * one that cannot or need not be made (offline; the note's own language: see `reason`), or
 * skipped a `stale` request (the note's text changed) or one for a `missing` note.
 */
export interface TranslateOutcome {
  status: 'stored' | 'cached' | 'skipped' | 'stale' | 'missing';
  noteId: string;
  language: string;
  /** null offline. */
  model: string | null;
  llmCalls: number;
  totalTokens: number;
  /** Lines the model left out (they keep the note's own words); set when stored. */
  untranslatedLines?: number;
  /** Set when skipped. */
  reason?: string;
}

/** The model and prompt version a translation made now would carry (with the note hash and language: the cache key). */
export function currentTranslationVersion(llm: LlmClient, contentHash: string): RecapVersion {
  return { contentHash, model: llm.model, promptVersion: TRANSLATE_PROMPT_VERSION };
}

/** Why a note is not translated into a language (offline, or already in it), or null when it is. */
export function translationSkipReason(llm: LlmClient | null, note: Pick<Note, 'id' | 'language'>, language: string): string | null {
  if (llm === null) return OFFLINE_TRANSLATION_REASON;
  if (language.split('-')[0] === note.language) return `${note.id} is written in ${note.language} already: nothing to translate`;
  return null;
}

/**
 * Translates and stores the note a translate job asks for, unless a current translation is
 * stored: an unchanged note costs no model call. A stored translation is announced on the index
 * events channel, so every process indexes it beside the note. Model errors propagate (the
 * worker sorts them out).
 */
export async function translateStoredNote(deps: TranslateDeps, request: TranslateJobData): Promise<TranslateOutcome> {
  const outcome = (status: TranslateOutcome['status'], extra: Partial<TranslateOutcome> = {}, made?: LlmTranslation): TranslateOutcome => ({
    status,
    noteId: request.noteId,
    language: request.language,
    model: deps.llm?.model ?? null,
    llmCalls: made?.llmCalls ?? 0,
    totalTokens: made?.usage.totalTokens ?? 0,
    ...extra,
  });
  if (deps.llm === null) return outcome('skipped', { reason: OFFLINE_TRANSLATION_REASON });
  const llm = deps.llm;
  const note = await deps.notes.getNote(request.noteId);
  if (note === null) return outcome('missing');
  if (note.contentHash !== request.contentHash) return outcome('stale');
  const skipReason = translationSkipReason(llm, note, request.language);
  if (skipReason !== null) return outcome('skipped', { reason: skipReason });
  const version = currentTranslationVersion(llm, note.contentHash);
  if (!request.refresh && (await deps.translations.findCurrent(note.id, request.language, version)) !== null) return outcome('cached');

  const made = await translateWithLlm(llm, note, request.language, deps.contextTokens);
  const stored: StoredTranslation = {
    noteId: note.id,
    language: request.language,
    ...version,
    ...made.translation,
    usage: made.usage,
    llmCalls: made.llmCalls,
    durationMs: made.durationMs,
    createdAt: new Date().toISOString(),
  };
  if (!(await deps.translations.saveIfNoteUnchanged(stored))) return outcome('stale', {}, made);
  await deps.notes.publish({ op: 'upsert-translation', noteId: note.id, language: request.language });
  return outcome('stored', { untranslatedLines: made.translation.untranslatedLines }, made);
}
