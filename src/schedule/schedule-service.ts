import { randomBytes } from 'node:crypto';
import type { Queue } from 'bullmq';
import { RecapError } from '../errors.js';
import { POST_RECAP_JOB_OPTIONS, scheduleIdOfScheduler, schedulerIdOf, type WindowJobData } from '../queue/post-recap-queue.js';
import type { Runtime } from '../runtime.js';
import type { ScheduleStatus, ScheduleStore } from '../store/schedule-store.js';
import type { PlatformFacts } from '../domain/platform.js';
import { type Schedule } from '../domain/schedule.js';
import { nextRuns, validateSchedule, type ScheduleDefaults, type ScheduleRequest } from './schedule.js';

/** What managing schedules needs (the CLI, Slack and Discord all go through here). */
export interface ScheduleDeps {
  schedules: ScheduleStore;
  postRecapQueue: Queue;
  defaults: ScheduleDefaults;
  /** The chat platforms a schedule may post to (their channel ids are checked). */
  platforms: readonly PlatformFacts[];
}

/** The schedule deps of a process: its stores and queue, RECAP_TIMEZONE and RECAP_LANGUAGES as defaults, its platforms. */
export function scheduleDepsOf(runtime: Runtime): ScheduleDeps {
  return {
    schedules: runtime.schedules,
    postRecapQueue: runtime.postRecapQueue,
    defaults: { timezone: runtime.config.timezone, languages: runtime.config.recapLanguages },
    platforms: runtime.parts.platforms,
  };
}

/** A schedule as `list` shows it: with its state and when it fires next. */
export interface ScheduleView {
  schedule: Schedule;
  status: ScheduleStatus;
  /** Next fire times (ISO), none for on-ingest. */
  nextRuns: string[];
}

const NEXT_RUNS_SHOWN = 3;

/**
 * Validates, stores and schedules a new schedule (a bad cron or time zone is a RecapError naming
 * it). One identical to a stored schedule (same platform, channel, kind, cron, time zone and
 * languages) is refused as schedule_duplicate, naming it: it would post everything twice.
 */
export async function addSchedule(deps: ScheduleDeps, request: ScheduleRequest): Promise<Schedule> {
  const schedule = validateSchedule(request, { ...deps.defaults, platforms: deps.platforms }, newScheduleId());
  const twin = (await deps.schedules.all()).find((stored) => sameSchedule(stored, schedule));
  if (twin) {
    throw new RecapError(
      'schedule_duplicate',
      `Schedule ${twin.id} already posts ${schedule.kind} to ${schedule.platform} channel ${schedule.channel} at the same times, in the same time zone and languages; nothing was added (remove ${twin.id} first to replace it).`,
    );
  }
  await deps.schedules.save(schedule);
  await upsertJobScheduler(deps.postRecapQueue, schedule);
  return schedule;
}

/** Removes a schedule and its job scheduler; false when there was none. Posts already made stay. */
export async function removeSchedule(deps: ScheduleDeps, id: string): Promise<boolean> {
  await deps.postRecapQueue.removeJobScheduler(schedulerIdOf(id));
  return deps.schedules.remove(id);
}

/** Schedules with their state, optionally only those posting to one platform and channel. */
export async function listSchedules(deps: ScheduleDeps, filter: { platform?: string; channel?: string } = {}, now = new Date()): Promise<ScheduleView[]> {
  const schedules = (await deps.schedules.all()).filter(
    (schedule) => (filter.platform === undefined || schedule.platform === filter.platform) && (filter.channel === undefined || schedule.channel === filter.channel),
  );
  return Promise.all(
    schedules.map(async (schedule) => ({
      schedule,
      status: await deps.schedules.status(schedule.id),
      nextRuns: nextRuns(schedule, NEXT_RUNS_SHOWN, now).map((date) => date.toISOString()),
    })),
  );
}

/** Queues a post of the schedule now (its own window, beside the scheduled ones); the job id. */
export async function runScheduleNow(deps: ScheduleDeps, id: string, now = Date.now()): Promise<{ schedule: Schedule; jobId: string }> {
  const schedule = await deps.schedules.get(id);
  if (schedule === null) throw new RecapError('input_not_found', `No schedule ${id}; "schedule list" shows them.`);
  const window = `manual-${now}`;
  const data: WindowJobData = { scheduleId: id, window };
  const job = await deps.postRecapQueue.add('window', data, { jobId: `post-${id}-${window}` });
  return { schedule, jobId: job.id ?? `post-${id}-${window}` };
}

/**
 * Makes BullMQ's job schedulers match the stored schedules (a worker does this at start): every
 * cron schedule gets its scheduler, schedulers of removed schedules go.
 */
export async function syncJobSchedulers(deps: Pick<ScheduleDeps, 'schedules' | 'postRecapQueue'>): Promise<void> {
  const schedules = await deps.schedules.all();
  const wanted = new Set<string>();
  for (const schedule of schedules) {
    if (schedule.cron === null) continue;
    wanted.add(schedulerIdOf(schedule.id));
    if (!(await deps.postRecapQueue.getJobScheduler(schedulerIdOf(schedule.id)))) await upsertJobScheduler(deps.postRecapQueue, schedule);
  }
  for (const scheduler of await deps.postRecapQueue.getJobSchedulers()) {
    const scheduleId = scheduleIdOfScheduler(scheduler.key);
    if (scheduleId === null || wanted.has(scheduler.key)) continue;
    // Looked up again: a schedule added while this ran has its scheduler already, and keeps it.
    if ((await deps.schedules.get(scheduleId)) === null) await deps.postRecapQueue.removeJobScheduler(scheduler.key);
  }
}

async function upsertJobScheduler(queue: Queue, schedule: Schedule): Promise<void> {
  if (schedule.cron === null) return;
  const data: WindowJobData = { scheduleId: schedule.id };
  // BullMQ 6 ignores the old `repeat` job option; job schedulers are the way to repeat.
  await queue.upsertJobScheduler(schedulerIdOf(schedule.id), { pattern: schedule.cron, tz: schedule.timezone }, { name: 'window', data, opts: POST_RECAP_JOB_OPTIONS });
}

function newScheduleId(): string {
  return `sch_${randomBytes(5).toString('hex')}`;
}

/** Two schedules that would post the same thing at the same times to the same place. */
function sameSchedule(a: Schedule, b: Schedule): boolean {
  const languages = (schedule: Schedule): string => [...schedule.languages].sort().join(',');
  return a.platform === b.platform && a.channel === b.channel && a.kind === b.kind && a.cron === b.cron && a.timezone === b.timezone && languages(a) === languages(b);
}
