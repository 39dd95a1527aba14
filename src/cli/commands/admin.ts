import { InvalidArgumentError, type Command } from 'commander';
import type { Queue } from 'bullmq';
import { runDoctor } from '../../app/doctor.js';
import { liveWorkers } from '../../queue/worker-heartbeat.js';
import { clearFailedJobs, jobsReport, pendingJobs } from '../../reports/jobs.js';
import type { Runtime } from '../../runtime.js';
import { usageReport } from '../../reports/usage.js';
import { EXIT } from '../exit-codes.js';
import { loadConfigOrExit, withRuntime } from '../with-runtime.js';
import { writeErr, writeOut } from '../terminal-output.js';

/** How many failed jobs `recap jobs` shows per queue by default. */
const FAILED_JOBS_SHOWN = 10;
/** How far back `recap usage` looks at most (usage is kept by day). */
const MAX_USAGE_DAYS = 400;

export function registerAdminCommands(program: Command): void {
  program
    .command('doctor')
    .description(
      "Check the configuration: Redis (reachable, version, eviction policy), the model (reachable, key accepted, model offered), the Slack and Discord tokens (or that none is set), and that every schedule's channel can be reached",
    )
    .action(async () => {
      const { config } = loadConfigOrExit();
      // The doctor only looks: it never starts a redis-server of its own.
      const checks = await runDoctor(config, config.redis.url);
      for (const check of checks) {
        writeOut(`${check.ok ? 'ok  ' : 'FAIL'}  ${check.name}: ${check.detail}\n`);
        if (!check.ok && check.fix) writeOut(`      -> ${check.fix}\n`);
      }
      process.exitCode = checks.every((check) => check.ok) ? EXIT.ok : EXIT.failure;
    });

  const jobs = program
    .command('jobs')
    .description('Show waiting, active, delayed and failed jobs of every queue, with failure reasons, and whether a worker serves each queue')
    .option('--json', 'print JSON')
    .option('--failed <n>', `failed jobs to show per queue (default ${FAILED_JOBS_SHOWN})`, (value) => positiveInteger(value, '--failed', 1000), FAILED_JOBS_SHOWN)
    .addHelpText('after', '\nExamples:\n  recap jobs\n  recap jobs --failed 50\n  recap jobs clear-failed --queue ingest')
    .action(async (options: { json?: boolean; failed: number }) => {
      await withRuntime(async (runtime) => {
        const report = await jobsReport(queuesOf(runtime), options.failed, (name) => liveWorkers(runtime.redis, runtime.bullPrefix, name));
        if (options.json) {
          writeOut(`${JSON.stringify(report)}\n`);
          return;
        }
        let unserved = 0;
        for (const entry of report) {
          const counts = Object.entries(entry.counts).map(([state, count]) => `${count} ${state}`).join(', ');
          const workers = entry.workers ?? [];
          const served = workers.length > 0 ? ` (${workers.length} worker${workers.length === 1 ? '' : 's'})` : pendingJobs(entry) > 0 ? ' (no worker running: these jobs wait)' : ' (no worker running)';
          if (workers.length === 0 && pendingJobs(entry) > 0) unserved += 1;
          writeOut(`${entry.queue}: ${counts}${served}\n`);
          for (const job of entry.failed) writeOut(`  failed ${job.id} (${job.attempts} attempt(s), ${job.at ?? '?'}): ${job.reason}\n`);
        }
        if (unserved > 0) writeOut('\nNo worker is running for jobs that wait: start `recap start` or `recap worker` (a command like `recap ingest` works its own jobs only).\n');
        if (report.some((entry) => entry.counts.failed > 0)) writeOut('Failed jobs stay until cleared: recap jobs clear-failed [--queue <name>]\n');
      });
    });

  jobs
    .command('clear-failed')
    .description('Remove the failed jobs of every queue (or of one, --queue), after reading their reasons with `recap jobs`')
    .option('--queue <name>', 'only this queue (a name `recap jobs` prints)')
    .option('--json', 'print JSON')
    .action(async (options: { queue?: string; json?: boolean }) => {
      await withRuntime(async (runtime) => {
        const all = queuesOf(runtime);
        const chosen = options.queue === undefined ? all : all.filter((queue) => queue.name === options.queue);
        if (chosen.length === 0) {
          writeErr(`recap: no queue named "${options.queue ?? ''}"; the queues are ${all.map((queue) => queue.name).join(', ')}\n`);
          return EXIT.usage;
        }
        const cleared = await Promise.all(chosen.map(async (queue) => ({ queue: queue.name, cleared: (await clearFailedJobs(queue)).length })));
        if (options.json) writeOut(`${JSON.stringify(cleared)}\n`);
        else for (const entry of cleared) writeOut(`${entry.queue}: cleared ${entry.cleared} failed job(s)\n`);
        return EXIT.ok;
      });
    });

  program
    .command('usage')
    .description('Show LLM tokens used by day and model')
    .option('--days <n>', `how many days back, 1 to ${MAX_USAGE_DAYS}`, (value) => positiveInteger(value, '--days', MAX_USAGE_DAYS), 7)
    .option('--json', 'print JSON')
    .action(async (options: { days: number; json?: boolean }) => {
      await withRuntime(async (runtime) => {
        const report = await usageReport(runtime.usage, { days: options.days, modelConfigured: runtime.llm !== null, dailyBudget: runtime.config.llm.dailyTokenBudget });
        const rows = report.days;
        if (options.json) {
          writeOut(`${JSON.stringify(rows)}\n`);
          return;
        }
        if (rows.length === 0) {
          writeOut(`No LLM calls in the last ${options.days} day(s)${report.modelConfigured ? '' : ' (offline mode: no model configured)'}.\n`);
          return;
        }
        writeOut('day         model                     calls   prompt  completion     total\n');
        for (const row of rows) {
          writeOut(
            `${row.day}  ${row.model.padEnd(24).slice(0, 24)} ${String(row.calls).padStart(6)} ${String(row.promptTokens).padStart(8)} ${String(row.completionTokens).padStart(11)} ${String(row.totalTokens).padStart(9)}\n`,
          );
        }
        if (report.dailyBudget > 0) writeOut(`\nToday: ${report.tokensToday} of ${report.dailyBudget} tokens (LLM_DAILY_TOKEN_BUDGET)\n`);
      });
    });
}

function queuesOf(runtime: Runtime): Queue[] {
  return [runtime.queue, runtime.summarizeQueue, runtime.translateQueue, runtime.postRecapQueue];
}

/** A whole number from 1 to `max`, or a usage error naming the option (exit 2). */
function positiveInteger(value: string, option: string, max: number): number {
  const parsed = Number(value);
  if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(parsed) || parsed < 1 || parsed > max) {
    throw new InvalidArgumentError(`${option} takes a whole number from 1 to ${max}, not "${value}".`);
  }
  return parsed;
}
