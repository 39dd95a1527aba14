import type { Redis } from 'ioredis';
import type { RecapSummary } from '../recap/recap-summary.js';
import { storeKeys, type StoreKeys } from './keys.js';
import type { TokenUsage } from './usage-store.js';

/** The latest recap of one note in one language, with what it cost to make. */
export interface StoredSummary {
  noteId: string;
  language: string;
  /** Hash of the note text the recap was written from. */
  contentHash: string;
  /** The configured model, or 'offline' for the extractive recap. */
  model: string;
  promptVersion: string;
  summary: RecapSummary;
  usage: TokenUsage;
  llmCalls: number;
  durationMs: number;
  /** ISO timestamp. */
  createdAt: string;
}

/** What makes a stored recap current: the same note text, model, prompt version and language. */
export interface RecapVersion {
  contentHash: string;
  model: string;
  promptVersion: string;
}

// Writes the recap only while the note still has the text it was written from: a recap of an
// older text (the note changed or was deleted during the model call) must not land over a newer one.
const SAVE_IF_NOTE_UNCHANGED = `
local note = redis.call('GET', KEYS[1])
if not note then return 0 end
local ok, decoded = pcall(cjson.decode, note)
if not ok or decoded.contentHash ~= ARGV[1] then return 0 end
redis.call('HSET', KEYS[2], ARGV[2], ARGV[3])
return 1
`;

/** Recaps in Redis: one hash per note, one field per language (deleted with the note). */
export class SummaryStore {
  readonly keys: StoreKeys;

  constructor(
    readonly redis: Redis,
    prefix: string,
  ) {
    this.keys = storeKeys(prefix);
  }

  async get(noteId: string, language: string): Promise<StoredSummary | null> {
    const json = await this.redis.hget(this.keys.summaries(noteId), language);
    return json === null ? null : (JSON.parse(json) as StoredSummary);
  }

  /** The stored recap when it was made from this note text, model, prompt version and language. */
  async findCurrent(noteId: string, language: string, version: RecapVersion): Promise<StoredSummary | null> {
    const stored = await this.get(noteId, language);
    if (stored === null) return null;
    const current =
      stored.contentHash === version.contentHash && stored.model === version.model && stored.promptVersion === version.promptVersion;
    return current ? stored : null;
  }

  /** Saves a recap unless its note changed or went away meanwhile; returns whether it was saved. */
  async saveIfNoteUnchanged(summary: StoredSummary): Promise<boolean> {
    const saved = await this.redis.eval(
      SAVE_IF_NOTE_UNCHANGED,
      2,
      this.keys.note(summary.noteId),
      this.keys.summaries(summary.noteId),
      summary.contentHash,
      summary.language,
      JSON.stringify(summary),
    );
    return saved === 1;
  }

  async languages(noteId: string): Promise<string[]> {
    return (await this.redis.hkeys(this.keys.summaries(noteId))).sort();
  }
}
