import type { Command } from 'commander';
import { RecapError } from '../../errors.js';
import { runQueuedJob } from '../../queue/with-queue-jobs.js';
import { channelProblem } from '../../schedule/check-channel.js';
import { describeSchedule, describeScheduleView, formatIn } from '../../schedule/describe-schedule.js';
import type { WindowOutcome } from '../../schedule/post-window.js';
import { addSchedule, listSchedules, removeSchedule, runScheduleNow, scheduleDepsOf } from '../../schedule/schedule-service.js';
import { PLATFORMS } from '../../app/platforms.js';
import { SCHEDULE_KINDS } from '../../domain/schedule.js';
import { EXIT } from '../exit-codes.js';
import { withRuntime } from '../with-runtime.js';
import { writeOut, writeErr } from '../terminal-output.js';

interface AddOptions {
  platform: string;
  channel: string;
  kind: string;
  cron?: string;
  tz?: string;
  lang?: string;
  sayNothingNew?: boolean;
  json?: boolean;
}

export function registerScheduleCommands(program: Command): void {
  const schedule = program
    .command('schedule')
    .description('Post recaps to Slack or Discord channels on a schedule (digest, latest, on-ingest, channel-digest)')
    .addHelpText(
      'after',
      `
Kinds:
  digest     a recap of every note new since the schedule's last post
  latest     the recap of the newest note (each note once)
  on-ingest  a recap of each new note as it lands (no --cron)
  channel-digest  a recap of the channel's own conversation since the last post
                  (the messages recap captured there: invite the bot to the channel)

Examples:
  recap schedule add --platform slack --channel C0123ABCD --kind digest --cron "0 9 * * 1" --tz Asia/Tokyo
  recap schedule add --platform discord --channel 123456789012345678 --kind on-ingest
  recap schedule list
  recap schedule run-now sch_0a1b2c3d4e
  recap schedule remove sch_0a1b2c3d4e`,
    );

  schedule
    .command('add')
    .description('Add a schedule (a worker posts it: `recap start` or `recap worker`)')
    .requiredOption('--platform <name>', `where to post: ${PLATFORMS.map((platform) => platform.id).join(' | ')}`)
    .requiredOption('--channel <id>', 'Slack channel id (C…) or Discord channel id')
    .requiredOption('--kind <kind>', SCHEDULE_KINDS.join(' | '))
    .option('--cron <pattern>', 'when to post: 5 fields (minute hour day month weekday), or 6 with seconds first; not for on-ingest')
    .option('--tz <zone>', 'time zone the cron pattern is read in (default: RECAP_TIMEZONE)')
    .option('--lang <codes>', 'recap languages, comma-separated (default: RECAP_LANGUAGES)')
    .option('--say-nothing-new', 'post a short "nothing new" line when there is nothing to recap (default: post nothing)')
    .option('--json', 'print the schedule as JSON')
    .action(async (options: AddOptions) => {
      await withRuntime(async (runtime) => {
        const added = await addSchedule(scheduleDepsOf(runtime), {
          platform: options.platform,
          channel: options.channel,
          kind: options.kind,
          cron: options.cron ?? null,
          timezone: options.tz ?? null,
          languages: options.lang === undefined ? null : options.lang.split(','),
          sayNothingNew: options.sayNothingNew ?? false,
          createdBy: 'cli',
        });
        writeOut(options.json ? `${JSON.stringify(added)}\n` : `Added ${added.id}: ${added.platform} ${added.channel}, ${describeSchedule(added)}\n`);
        const problem = await channelProblem(await runtime.posters(), added, runtime.parts.platforms);
        if (problem) writeErr(`Warning: ${problem}.\n`);
      });
    });

  schedule
    .command('list')
    .description('Show schedules with their next runs, last result and failures')
    .option('--json', 'print JSON')
    .action(async (options: { json?: boolean }) => {
      await withRuntime(async (runtime) => {
        const views = await listSchedules(scheduleDepsOf(runtime));
        if (options.json) {
          writeOut(`${JSON.stringify(views)}\n`);
          return;
        }
        if (views.length === 0) {
          writeOut('No schedules. Add one with `recap schedule add --help`.\n');
          return;
        }
        writeOut(`${views.map((view) => describeScheduleView(view).join('\n')).join('\n\n')}\n`);
      });
    });

  schedule
    .command('remove')
    .description('Remove a schedule (messages it posted stay)')
    .argument('<id>', 'a schedule id from `recap schedule list`')
    .action(async (id: string) => {
      await withRuntime(async (runtime) => {
        if (!(await removeSchedule(scheduleDepsOf(runtime), id))) throw new RecapError('input_not_found', `No schedule ${id}; \`recap schedule list\` shows them.`);
        writeOut(`Removed ${id}.\n`);
      });
    });

  schedule
    .command('run-now')
    .description('Post a schedule now and wait for the result (this process posts when no worker runs)')
    .argument('<id>', 'a schedule id from `recap schedule list`')
    .option('--json', 'print the outcome as JSON')
    .action(async (id: string, options: { json?: boolean }) => {
      await withRuntime(async (runtime) => {
        const deps = scheduleDepsOf(runtime);
        const found = await runtime.schedules.get(id);
        if (found === null) throw new RecapError('input_not_found', `No schedule ${id}; \`recap schedule list\` shows them.`);
        const outcome = (await runQueuedJob(runtime, {
          queue: runtime.postRecapQueue,
          startLocalWorker: () => runtime.startLocalWorker('post-recap'),
          submit: async () => (await runScheduleNow(deps, id)).jobId,
          what: `Posting ${id}`,
        })) as WindowOutcome;
        if (options.json) {
          writeOut(`${JSON.stringify(outcome)}\n`);
          return EXIT.ok;
        }
        const status = await runtime.schedules.status(id);
        const at = status.lastResult ? ` at ${formatIn(status.lastResult.at, found.timezone)}` : '';
        writeOut(`${id}: ${outcome.outcome}${at}${status.lastResult ? ` (${status.lastResult.detail})` : ''}\n`);
        return outcome.outcome === 'uncertain' ? EXIT.failure : EXIT.ok;
      });
    });
}
