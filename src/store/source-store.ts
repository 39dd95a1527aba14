import type { RedisClient } from './redis-connection.js';
import { z } from 'zod';
import { storeKeys, type StoreKeys } from './keys.js';

/** How a URL source's latest fetch went. */
export type SourceResult = 'ok' | 'unchanged' | 'failed';

const sourceRecordSchema = z.object({
  url: z.string(),
  kind: z.string(),
  addedAt: z.string(),
  lastFetchAt: z.string(),
  result: z.enum(['ok', 'unchanged', 'failed']),
  /** Why the latest fetch failed (or what went wrong with some of its notes). */
  reason: z.string().nullable(),
  etag: z.string().nullable(),
  lastModified: z.string().nullable(),
  /** The source keys of its notes ("url:<page>"): one, or one per file of a folder or gist. */
  sourceKeys: z.array(z.string()),
  noteIds: z.array(z.string()),
});

/** A note source fetched from a URL, kept so it can be fetched again. */
export type SourceRecord = z.infer<typeof sourceRecordSchema>;

/** The URL sources in Redis: one hash, URL -> record. */
export class SourceStore {
  readonly keys: StoreKeys;

  constructor(
    readonly redis: RedisClient,
    prefix: string,
  ) {
    this.keys = storeKeys(prefix);
  }

  async get(url: string): Promise<SourceRecord | null> {
    const raw = await this.redis.hget(this.keys.urlSources, url);
    return raw === null ? null : parseRecord(raw);
  }

  /** Every source, oldest first. */
  async list(): Promise<SourceRecord[]> {
    const all = await this.redis.hvals(this.keys.urlSources);
    return all
      .map(parseRecord)
      .filter((record): record is SourceRecord => record !== null)
      .sort((a, b) => a.addedAt.localeCompare(b.addedAt) || a.url.localeCompare(b.url));
  }

  async put(record: SourceRecord): Promise<void> {
    await this.redis.hset(this.keys.urlSources, record.url, JSON.stringify(record));
  }

  /** Forgets a source; true when there was one. */
  async remove(url: string): Promise<boolean> {
    return (await this.redis.hdel(this.keys.urlSources, url)) > 0;
  }
}

function parseRecord(raw: string): SourceRecord | null {
  try {
    const parsed = sourceRecordSchema.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
