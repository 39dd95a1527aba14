import type { RedisClient } from './redis-connection.js';
import { storeKeys, type StoreKeys } from './keys.js';
import { saveIfNoteUnchanged } from './save-if-note-unchanged.js';
import type { TokenUsage } from './usage-store.js';

/** What makes a stored artifact (recap, translation) current: the same note text, model and prompt version. */
export interface RecapVersion {
  contentHash: string;
  model: string;
  promptVersion: string;
}

/** Whether something stored was made from the same note text, model and prompt version (the cache key, with the language). */
export function isSameVersion(stored: RecapVersion, version: RecapVersion): boolean {
  return stored.contentHash === version.contentHash && stored.model === version.model && stored.promptVersion === version.promptVersion;
}

/** Something made from one note text (contentHash) in one language: a recap or a translation. */
export interface NoteArtifact extends RecapVersion {
  noteId: string;
  language: string;
}

/** An artifact as stored: with what it cost to make. */
export interface StoredArtifact extends NoteArtifact {
  usage: TokenUsage;
  llmCalls: number;
  durationMs: number;
  /** ISO timestamp. */
  createdAt: string;
}

/**
 * Artifacts of one kind in Redis: one hash per note (deleted with the note), one field per
 * language, each the JSON of the latest artifact. Recaps and translations are both kept so.
 */
export class NoteArtifactStore<Artifact extends NoteArtifact> {
  readonly keys: StoreKeys;
  private readonly hashOf: (noteId: string) => string;

  constructor(
    readonly redis: RedisClient,
    prefix: string,
    kind: 'summaries' | 'translations',
  ) {
    this.keys = storeKeys(prefix);
    this.hashOf = this.keys[kind];
  }

  async get(noteId: string, language: string): Promise<Artifact | null> {
    const json = await this.redis.hget(this.hashOf(noteId), language);
    return json === null ? null : (JSON.parse(json) as Artifact);
  }

  /** The stored artifact when it was made from this note text, model, prompt version and language. */
  async findCurrent(noteId: string, language: string, version: RecapVersion): Promise<Artifact | null> {
    const stored = await this.get(noteId, language);
    return stored !== null && isSameVersion(stored, version) ? stored : null;
  }

  /** Saves an artifact unless its note changed or went away meanwhile; returns whether it was saved. */
  async saveIfNoteUnchanged(artifact: Artifact): Promise<boolean> {
    const keys = { note: this.keys.note(artifact.noteId), hash: this.hashOf(artifact.noteId) };
    return saveIfNoteUnchanged(this.redis, keys, artifact.contentHash, artifact.language, JSON.stringify(artifact));
  }

  async languages(noteId: string): Promise<string[]> {
    return (await this.redis.hkeys(this.hashOf(noteId))).sort();
  }

  /** Every stored artifact of some notes, in one round trip; notes without any are left out. */
  async allOf(noteIds: readonly string[]): Promise<Map<string, Artifact[]>> {
    const pipeline = this.redis.pipeline();
    for (const noteId of noteIds) pipeline.hvals(this.hashOf(noteId));
    const replies = (await pipeline.exec()) ?? [];
    const found = new Map<string, Artifact[]>();
    noteIds.forEach((noteId, index) => {
      const values = replies[index]?.[1];
      if (Array.isArray(values) && values.length > 0) found.set(noteId, values.map((json) => JSON.parse(String(json)) as Artifact));
    });
    return found;
  }
}
