import type { Command } from 'commander';
import { runDoctor } from '../../app/doctor.js';
import { jobsReport } from '../../reports/jobs.js';
import { usageReport } from '../../reports/usage.js';
import { EXIT } from '../exit-codes.js';
import { loadConfigOrExit, withRuntime } from '../with-runtime.js';
import { writeOut } from '../terminal-output.js';

/** How many failed jobs `recap jobs` shows per queue by default. */
const FAILED_JOBS_SHOWN = 10;

export function registerAdminCommands(program: Command): void {
  program
    .command('doctor')
    .description('Check the configuration: Redis (reachable, version, eviction policy) and the model (reachable, key, model name)')
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

  program
    .command('jobs')
    .description('Show queued, active, delayed and failed jobs of every queue, with failure reasons')
    .option('--json', 'print JSON')
    .option('--failed <n>', 'failed jobs to show per queue', (value) => Number(value), FAILED_JOBS_SHOWN)
    .action(async (options: { json?: boolean; failed: number }) => {
      await withRuntime(async (runtime) => {
        const report = await jobsReport([runtime.queue, runtime.summarizeQueue, runtime.translateQueue, runtime.postRecapQueue], Math.max(1, options.failed));
        if (options.json) {
          writeOut(`${JSON.stringify(report)}\n`);
          return;
        }
        for (const entry of report) {
          const counts = Object.entries(entry.counts).map(([state, count]) => `${count} ${state}`).join(', ');
          writeOut(`${entry.queue}: ${counts}\n`);
          for (const job of entry.failed) writeOut(`  failed ${job.id} (${job.attempts} attempt(s), ${job.at ?? '?'}): ${job.reason}\n`);
        }
      });
    });

  program
    .command('usage')
    .description('Show LLM tokens used by day and model')
    .option('--days <n>', 'how many days back', (value) => Number(value), 7)
    .option('--json', 'print JSON')
    .action(async (options: { days: number; json?: boolean }) => {
      await withRuntime(async (runtime) => {
        const report = await usageReport(runtime.usage, { days: Math.min(Math.max(options.days, 1), 400), modelConfigured: runtime.llm !== null, dailyBudget: runtime.config.llm.dailyTokenBudget });
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
