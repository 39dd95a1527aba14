import { isRecapError } from '../errors.js';
import type { Posters } from '../domain/channel-poster.js';
import { channelProblem } from '../schedule/check-channel.js';
import { describeSchedule, describeScheduleView, formatIn } from '../schedule/describe-schedule.js';
import { addSchedule, listSchedules, removeSchedule, runScheduleNow, scheduleDepsOf } from '../schedule/schedule-service.js';
import { type Platform } from '../domain/platform.js';
import { nextRuns } from '../schedule/schedule.js';
import type { Runtime } from '../runtime.js';
import { errorReply, infoReply, type Reply } from '../domain/reply.js';

/** `/recap schedule …` on any platform, parsed by the adapter. Admins only (the adapter checks). */
export type ScheduleCommand =
  | { action: 'add'; kind: string; cron: string | null; timezone?: string; languages?: string[]; sayNothingNew?: boolean; channel?: string }
  | { action: 'list'; all?: boolean }
  | { action: 'remove'; id: string }
  | { action: 'run-now'; id: string };

/** Where the command was typed and by whom ("slack:U123"): a new schedule posts to that channel by default. */
export interface ScheduleCommandOrigin {
  platform: Platform;
  channel: string;
  actor: string;
}

/** Runs a schedule command and says what happened; a bad cron or time zone is an error reply naming it. */
export async function runScheduleCommand(runtime: Runtime, origin: ScheduleCommandOrigin, command: ScheduleCommand, posters?: Posters): Promise<Reply> {
  const deps = scheduleDepsOf(runtime);
  try {
    switch (command.action) {
      case 'add': {
        const schedule = await addSchedule(deps, {
          platform: origin.platform,
          channel: command.channel ?? origin.channel,
          kind: command.kind,
          cron: command.cron,
          timezone: command.timezone ?? null,
          languages: command.languages ?? null,
          sayNothingNew: command.sayNothingNew ?? false,
          createdBy: origin.actor,
        });
        const [next] = nextRuns(schedule, 1);
        const problem = await channelProblem(posters ?? (await runtime.posters()), schedule, runtime.parts.platforms);
        return infoReply(
          [
            `Scheduled ${schedule.id}: ${describeSchedule(schedule)}.`,
            next ? `First post: ${formatIn(next.toISOString(), schedule.timezone)}.` : 'It posts each new note as it lands.',
            ...(problem ? [`Warning: ${problem}.`] : []),
            `Remove it with: /recap schedule remove ${schedule.id}`,
          ].join('\n'),
        );
      }
      case 'list': {
        const views = await listSchedules(deps, command.all ? { platform: origin.platform } : { platform: origin.platform, channel: origin.channel });
        if (views.length === 0) return infoReply(command.all ? 'No schedules yet. Add one with: /recap schedule add digest 0 9 * * 1' : 'No schedules post to this channel. `/recap schedule list all` shows every channel.');
        return infoReply(views.map((view) => describeScheduleView(view).join('\n')).join('\n\n'));
      }
      case 'remove': {
        const removed = await removeSchedule(deps, command.id);
        return infoReply(removed ? `Removed ${command.id}; it posts no more (messages already posted stay).` : `No schedule ${command.id}. /recap schedule list shows them.`);
      }
      case 'run-now': {
        const { schedule } = await runScheduleNow(deps, command.id);
        return infoReply(`Posting ${schedule.id} (${schedule.kind}) to its channel now.`);
      }
    }
  } catch (error) {
    if (isRecapError(error)) return errorReply(error.message);
    throw error;
  }
}
