import type { RedisClient } from './redis-connection.js';
import { scheduleSchema, type Schedule } from '../domain/schedule.js';
import { storeKeys, type StoreKeys } from './keys.js';

/** How a schedule's latest window ended. */
export interface WindowResult {
  window: string;
  /** ISO time the result was recorded. */
  at: string;
  outcome: 'posted' | 'nothing-new' | 'failed' | 'uncertain';
  /** What was posted, or why not. */
  detail: string;
}

/** A schedule's state beside its definition: what `recap schedule list` shows. */
export interface ScheduleStatus {
  state: 'ok' | 'failing';
  /** Why it is failing (channel gone, bot not in channel, …). */
  reason: string | null;
  failingSince: string | null;
  lastResult: WindowResult | null;
  /** Digest: notes that arrived up to this time (ms) were covered by a post. */
  digestCutoff: number | null;
  /** Latest: the note last posted (posted again only when a newer one arrives). */
  latestNoteId: string | null;
}

// Moves a digest's cutoff forward only: windows may finish out of order.
const RAISE_CUTOFF = `
local current = tonumber(redis.call('HGET', KEYS[1], 'digestCutoff') or '0')
if current < tonumber(ARGV[1]) then redis.call('HSET', KEYS[1], 'digestCutoff', ARGV[1]) end
return 1`;

/** Schedules and their state in Redis: a hash of definitions, one status hash per schedule. */
export class ScheduleStore {
  readonly keys: StoreKeys;

  constructor(
    readonly redis: RedisClient,
    prefix: string,
  ) {
    this.keys = storeKeys(prefix);
  }

  async save(schedule: Schedule): Promise<void> {
    await this.redis.hset(this.keys.schedules, schedule.id, JSON.stringify(schedule));
  }

  async get(id: string): Promise<Schedule | null> {
    const raw = await this.redis.hget(this.keys.schedules, id);
    return raw === null ? null : parseSchedule(raw);
  }

  /** Every schedule, oldest first; entries that no longer parse are left out. */
  async all(): Promise<Schedule[]> {
    const raw = await this.redis.hvals(this.keys.schedules);
    return raw
      .map(parseSchedule)
      .filter((schedule): schedule is Schedule => schedule !== null)
      .sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
  }

  /** Removes a schedule and its status; false when there was none. */
  async remove(id: string): Promise<boolean> {
    const [[, removed] = []] = (await this.redis.multi().hdel(this.keys.schedules, id).del(this.keys.scheduleStatus(id)).exec()) ?? [];
    return removed === 1;
  }

  async status(id: string): Promise<ScheduleStatus> {
    const fields = await this.redis.hgetall(this.keys.scheduleStatus(id));
    return {
      state: fields.state === 'failing' ? 'failing' : 'ok',
      reason: fields.reason ?? null,
      failingSince: fields.failingSince ?? null,
      lastResult: fields.lastResult ? (JSON.parse(fields.lastResult) as WindowResult) : null,
      digestCutoff: fields.digestCutoff ? Number(fields.digestCutoff) : null,
      latestNoteId: fields.latestNoteId ?? null,
    };
  }

  /** Records a window that went through: the schedule is healthy again. */
  async recordSuccess(id: string, result: WindowResult): Promise<void> {
    await this.redis
      .multi()
      .hset(this.keys.scheduleStatus(id), 'state', 'ok', 'lastResult', JSON.stringify(result))
      .hdel(this.keys.scheduleStatus(id), 'reason', 'failingSince')
      .exec();
  }

  /** Marks the schedule failing with the reason `list` shows (the first failure's time is kept). */
  async recordFailure(id: string, result: WindowResult): Promise<void> {
    const key = this.keys.scheduleStatus(id);
    await this.redis
      .multi()
      .hset(key, 'state', 'failing', 'reason', result.detail, 'lastResult', JSON.stringify(result))
      .hsetnx(key, 'failingSince', result.at)
      .exec();
  }

  async raiseDigestCutoff(id: string, cutoffMs: number): Promise<void> {
    await this.redis.eval(RAISE_CUTOFF, 1, this.keys.scheduleStatus(id), String(cutoffMs));
  }

  async setLatestNote(id: string, noteId: string): Promise<void> {
    await this.redis.hset(this.keys.scheduleStatus(id), 'latestNoteId', noteId);
  }
}

function parseSchedule(raw: string): Schedule | null {
  try {
    const parsed = scheduleSchema.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
