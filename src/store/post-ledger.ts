import { randomUUID } from 'node:crypto';
import type { RedisClient } from './redis-connection.js';
import type { Platform } from '../domain/platform.js';
import type { ScheduleKind } from '../domain/schedule.js';
import { storeKeys, type StoreKeys } from './keys.js';

/**
 * One post: a schedule's window and what it shows. Written before anything is sent, so that a
 * retry (after a crash, by another worker) posts the same notes and knows which parts went out.
 */
export interface PostRecord {
  scheduleId: string;
  window: string;
  platform: Platform;
  channel: string;
  /** The schedule's kind and time zone when posted (an edit renders the post the same way). */
  kind: ScheduleKind;
  timezone: string;
  state: 'posting' | 'posted' | 'nothing-new' | 'failed' | 'uncertain';
  /** The notes the post recaps (empty for a "nothing new" line). */
  noteIds: string[];
  languages: string[];
  /** Digest: the notes are those that arrived after this time (ms); null otherwise. */
  sinceMs: number | null;
  /** Channel digest: the messages are those posted before this time (the window's fire time); null otherwise. */
  untilMs: number | null;
  /** When the window's post was first attempted (ms). */
  startedAt: number;
  /** Message ids (Slack ts, Discord message id) of the parts posted so far, in order. */
  parts: string[];
  /** A part whose sending started but whose id was not recorded: it may or may not be out. */
  inFlightPart: number | null;
  /** Hash of what was rendered: an edit is made only when it changes. */
  contentHash: string | null;
}

// Deletes the lease only when it is still ours (a late worker must not free someone else's).
const RELEASE = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) else return 0 end`;
const RENEW = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) else return 0 end`;
/** Posts are kept (and edited when their notes change) for this long. */
const POST_TTL_SECONDS = 90 * 24 * 60 * 60;

/** A held lease on one window: only its holder posts or edits it. */
export interface PostLease {
  renew(): Promise<boolean>;
  release(): Promise<void>;
}

/** The record of every post, its lease, and which posts show which note. */
export class PostLedger {
  readonly keys: StoreKeys;

  constructor(
    readonly redis: RedisClient,
    prefix: string,
  ) {
    this.keys = storeKeys(prefix);
  }

  /** The lease on a window for `leaseMs`, or null while another worker holds it. */
  async lease(scheduleId: string, window: string, leaseMs: number): Promise<PostLease | null> {
    const key = this.keys.postLease(scheduleId, window);
    const token = randomUUID();
    if ((await this.redis.set(key, token, 'PX', leaseMs, 'NX')) !== 'OK') return null;
    return {
      renew: async () => (await this.redis.eval(RENEW, 1, key, token, String(leaseMs))) === 1,
      release: async () => {
        await this.redis.eval(RELEASE, 1, key, token);
      },
    };
  }

  async get(scheduleId: string, window: string): Promise<PostRecord | null> {
    const fields = await this.redis.hgetall(this.keys.post(scheduleId, window));
    if (!fields.state) return null;
    return {
      scheduleId,
      window,
      platform: fields.platform as Platform,
      channel: fields.channel ?? '',
      kind: fields.kind as ScheduleKind,
      timezone: fields.timezone ?? 'UTC',
      state: fields.state as PostRecord['state'],
      noteIds: JSON.parse(fields.noteIds ?? '[]') as string[],
      languages: JSON.parse(fields.languages ?? '[]') as string[],
      sinceMs: fields.sinceMs ? Number(fields.sinceMs) : null,
      untilMs: fields.untilMs ? Number(fields.untilMs) : null,
      startedAt: Number(fields.startedAt ?? 0),
      parts: JSON.parse(fields.parts ?? '[]') as string[],
      inFlightPart: fields.inFlightPart ? Number(fields.inFlightPart) : null,
      contentHash: fields.contentHash || null,
    };
  }

  /** Writes a new record (the notes chosen for the window), with the notes' reverse index. */
  async create(record: PostRecord): Promise<void> {
    const key = this.keys.post(record.scheduleId, record.window);
    const transaction = this.redis.multi().hset(key, {
      platform: record.platform,
      channel: record.channel,
      kind: record.kind,
      timezone: record.timezone,
      state: record.state,
      noteIds: JSON.stringify(record.noteIds),
      languages: JSON.stringify(record.languages),
      sinceMs: record.sinceMs === null ? '' : String(record.sinceMs),
      untilMs: record.untilMs === null ? '' : String(record.untilMs),
      startedAt: String(record.startedAt),
      parts: JSON.stringify(record.parts),
      contentHash: record.contentHash ?? '',
    });
    transaction.expire(key, POST_TTL_SECONDS);
    for (const noteId of record.noteIds) {
      transaction.sadd(this.keys.postsByNote(noteId), `${record.scheduleId} ${record.window}`).expire(this.keys.postsByNote(noteId), POST_TTL_SECONDS);
    }
    await transaction.exec();
  }

  /** Part `index` is about to be sent: until its id is recorded, a retry must look before posting it. */
  async markInFlight(scheduleId: string, window: string, index: number): Promise<void> {
    await this.redis.hset(this.keys.post(scheduleId, window), 'inFlightPart', String(index));
  }

  /** The parts now out, in order (the in-flight mark is cleared). */
  async recordParts(scheduleId: string, window: string, parts: readonly string[]): Promise<void> {
    await this.redis.multi().hset(this.keys.post(scheduleId, window), 'parts', JSON.stringify(parts)).hdel(this.keys.post(scheduleId, window), 'inFlightPart').exec();
  }

  async finish(scheduleId: string, window: string, state: PostRecord['state'], contentHash: string | null): Promise<void> {
    await this.redis.hset(this.keys.post(scheduleId, window), 'state', state, 'contentHash', contentHash ?? '');
  }

  /** "<schedule id> <window>" of the posts showing a note. */
  async postsShowing(noteId: string): Promise<Array<{ scheduleId: string; window: string }>> {
    const members = await this.redis.smembers(this.keys.postsByNote(noteId));
    return members.flatMap((member) => {
      const [scheduleId, window] = member.split(' ');
      return scheduleId && window ? [{ scheduleId, window }] : [];
    });
  }
}
