import { createHash } from 'node:crypto';
import type { Logger } from '../logger.js';
import type { Runtime } from '../runtime.js';
import type { PostLease, PostRecord } from '../store/post-ledger.js';
import { PostFailure, type ChannelPoster, type Posters } from '../domain/channel-poster.js';
import { postReplies, selectNotes, type WindowSelection } from './post-content.js';
import { tokenVariableOf, type Platform, type PlatformFacts } from '../domain/platform.js';
import { type Schedule } from '../domain/schedule.js';

/** What posting (and editing) needs: the stores, a poster per configured platform, the lease length. */
export interface PostDeps {
  runtime: Runtime;
  posters: Posters;
  /** How long a worker holds a window while posting it; a killed worker's lease ends after this. */
  leaseMs: number;
  logger: Logger;
}

export interface WindowRequest {
  scheduleId: string;
  /** The window's id: "t<fire time ms>" for a scheduler's job, "manual-<ms>", "note-<hash>". */
  window: string;
  /** When the window fired: a digest covers notes that arrived up to here. */
  windowAtMs: number;
  /** On-ingest: the note that landed. */
  landedNoteId?: string;
  /** The job's last attempt: a transient failure then marks the schedule failing. */
  finalAttempt: boolean;
}

export interface WindowOutcome {
  outcome: 'posted' | 'nothing-new' | 'already-done' | 'schedule-removed' | 'uncertain';
  noteIds: string[];
  messages: number;
}

/**
 * Posts one window of a schedule, exactly once: the window's record (its notes) is written
 * before anything is sent, each message's id right after it is sent, and only the holder of the
 * window's lease posts. A retry after a crash sends only what is missing; for the one message
 * that may or may not have gone out it first asks the platform (Slack: the channel's history, by
 * message metadata; Discord: the same nonce returns the message already sent).
 */
export async function postWindow(deps: PostDeps, request: WindowRequest): Promise<WindowOutcome> {
  const { runtime } = deps;
  const { scheduleId, window } = request;
  const schedule = await runtime.schedules.get(scheduleId);
  if (schedule === null) return { outcome: 'schedule-removed', noteIds: [], messages: 0 };
  const done = (record: PostRecord | null): boolean => record !== null && record.state !== 'posting';
  const earlier = await runtime.posts.get(scheduleId, window);
  if (done(earlier)) return { outcome: 'already-done', noteIds: earlier?.noteIds ?? [], messages: earlier?.parts.length ?? 0 };
  const lease = await runtime.posts.lease(scheduleId, window, deps.leaseMs);
  if (lease === null) throw new PostFailure(`another worker is posting ${scheduleId} window ${window}`, false);
  try {
    let record = await runtime.posts.get(scheduleId, window);
    if (done(record)) return { outcome: 'already-done', noteIds: record?.noteIds ?? [], messages: record?.parts.length ?? 0 };
    const poster = posterFor(deps.posters, schedule.platform, runtime.parts.platforms);
    if (record === null) {
      const selection = await selectNotes(runtime, schedule, await runtime.schedules.status(scheduleId), request.windowAtMs, request.landedNoteId);
      record = newRecord(schedule, window, selection);
      await runtime.posts.create(record);
      if (record.state === 'nothing-new') {
        await recordCovered(runtime, record, request.windowAtMs, 'nothing new: no post');
        return { outcome: 'nothing-new', noteIds: [], messages: 0 };
      }
    }
    const parts = poster.render(await postReplies(runtime, record, record));
    const sent = await sendMissingParts(poster, record, parts, lease, runtime);
    if (sent !== 'sent') {
      // The platform's own reason says what to fix (Slack: the history scopes).
      const detail = `a worker stopped while posting and ${schedule.platform} could not say whether the message went out (${sent.uncertain}); not posted again`;
      await runtime.posts.finish(scheduleId, window, 'uncertain', null);
      await runtime.schedules.recordFailure(scheduleId, { window, at: new Date().toISOString(), outcome: 'uncertain', detail });
      return { outcome: 'uncertain', noteIds: record.noteIds, messages: record.parts.length };
    }
    await runtime.posts.finish(scheduleId, window, 'posted', contentHashOf(parts));
    const detail = postDetail(record, parts.length);
    await recordCovered(runtime, record, request.windowAtMs, detail);
    const postedSomething = record.noteIds.length > 0 || record.kind === 'channel-digest';
    return { outcome: postedSomething ? 'posted' : 'nothing-new', noteIds: record.noteIds, messages: parts.length };
  } catch (error) {
    const failure = asPostFailure(error);
    // Only the lease holder writes the window's end (a worker that lost it must not mark it failed).
    if ((failure.permanent || request.finalAttempt) && (await lease.renew().catch(() => false))) {
      const detail = failure.permanent ? failure.message : `gave up after retrying: ${failure.message}`;
      await runtime.posts.finish(scheduleId, window, 'failed', null).catch(() => undefined);
      await runtime.schedules.recordFailure(scheduleId, { window, at: new Date().toISOString(), outcome: 'failed', detail });
    }
    throw failure;
  } finally {
    await lease.release().catch((error: unknown) => deps.logger.warn({ err: error, scheduleId, window }, 'could not release a post lease (it expires by itself)'));
  }
}

/** A window's record before anything is sent: what it will show, fixed for every retry. */
function newRecord(schedule: Schedule, window: string, selection: WindowSelection): PostRecord {
  return {
    scheduleId: schedule.id,
    window,
    platform: schedule.platform,
    channel: schedule.channel,
    kind: schedule.kind,
    timezone: schedule.timezone,
    state: selection.noteIds.length === 0 && selection.messageCount === 0 && !schedule.sayNothingNew ? 'nothing-new' : 'posting',
    noteIds: selection.noteIds,
    languages: schedule.languages,
    sinceMs: selection.sinceMs,
    untilMs: selection.untilMs,
    startedAt: Date.now(),
    parts: [],
    inFlightPart: null,
    contentHash: null,
  };
}

/**
 * Sends the parts not yet recorded. The part an earlier attempt had in flight is looked up first.
 * `uncertain` (with the platform's reason) when it cannot tell whether that part went out.
 */
async function sendMissingParts(poster: ChannelPoster, record: PostRecord, parts: unknown[], lease: PostLease, runtime: Runtime): Promise<'sent' | { uncertain: string }> {
  const ids = [...record.parts];
  for (let index = ids.length; index < parts.length; index++) {
    // Slow enough for the lease to lapse (another worker may have the window now): stop, never post beside it.
    if (!(await lease.renew())) throw new PostFailure(`lost the lease on ${record.scheduleId} window ${record.window} while posting; the next attempt finishes it`, false);
    const marker = { scheduleId: record.scheduleId, window: record.window, part: index };
    if (record.inFlightPart === index) {
      let found: string | null;
      try {
        found = await poster.findPosted(record.channel, marker, record.startedAt);
      } catch (error) {
        if (error instanceof PostFailure && error.permanent) return { uncertain: error.message };
        throw error;
      }
      if (found !== null) {
        ids.push(found);
        await runtime.posts.recordParts(record.scheduleId, record.window, ids);
        continue;
      }
    }
    await runtime.posts.markInFlight(record.scheduleId, record.window, index);
    ids.push(await poster.post(record.channel, parts[index], marker));
    await runtime.posts.recordParts(record.scheduleId, record.window, ids);
  }
  return 'sent';
}

/** What a posted window showed, for the schedule's last result. */
function postDetail(record: PostRecord, messages: number): string {
  const inMessages = `in ${messages} message${messages === 1 ? '' : 's'}`;
  if (record.kind === 'channel-digest') return `the channel's conversation ${inMessages}`;
  return record.noteIds.length === 0 ? 'said nothing is new' : `${record.noteIds.length} note${record.noteIds.length === 1 ? '' : 's'} ${inMessages}`;
}

/** A window went through: the schedule is healthy, and the next digest or latest starts after it. */
async function recordCovered(runtime: Runtime, record: PostRecord, windowAtMs: number, detail: string): Promise<void> {
  if (record.kind === 'digest' || record.kind === 'channel-digest') await runtime.schedules.raiseDigestCutoff(record.scheduleId, windowAtMs);
  const [latest] = record.noteIds;
  if (record.kind === 'latest' && latest !== undefined) await runtime.schedules.setLatestNote(record.scheduleId, latest);
  const showedSomething = record.state !== 'nothing-new' && (record.noteIds.length > 0 || record.kind === 'channel-digest');
  await runtime.schedules.recordSuccess(record.scheduleId, { window: record.window, at: new Date().toISOString(), outcome: showedSomething ? 'posted' : 'nothing-new', detail });
}

export function posterFor(posters: Posters, platform: Platform, platforms: readonly PlatformFacts[]): ChannelPoster {
  const poster = posters[platform];
  if (poster) return poster;
  throw new PostFailure(`${platform} is not configured where the post-recap worker runs (set ${tokenVariableOf(platforms, platform)})`, true);
}

export function asPostFailure(error: unknown): PostFailure {
  if (error instanceof PostFailure) return error;
  return new PostFailure(error instanceof Error ? error.message : String(error), false, { cause: error });
}

export function contentHashOf(parts: readonly unknown[]): string {
  return createHash('sha256').update(JSON.stringify(parts)).digest('hex');
}
