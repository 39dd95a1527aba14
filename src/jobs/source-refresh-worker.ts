import { Worker } from 'bullmq';
import { refreshSources } from '../ingest/url-ingest.js';
import { createSourceRefreshQueue, SOURCE_REFRESH_JOB_OPTIONS, SOURCE_REFRESH_QUEUE, SOURCE_REFRESH_SCHEDULER } from '../queue/source-refresh-queue.js';
import type { Runtime } from '../runtime.js';

/**
 * The worker that fetches URL sources again (one job at a time: each waits for the ingest jobs
 * it queues). It also makes the queue's job scheduler match RECAP_SOURCE_REFRESH: an interval or
 * a cron pattern, or none when it is "off".
 */
export function startSourceRefreshWorker(runtime: Runtime): Worker {
  const logger = runtime.logger.child({ worker: 'source-refresh' });
  const worker = new Worker(
    SOURCE_REFRESH_QUEUE,
    async () => {
      const refreshes = await refreshSources(runtime);
      const counts = { ok: 0, unchanged: 0, failed: 0 };
      for (const refresh of refreshes) counts[refresh.result] += 1;
      for (const refresh of refreshes.filter((entry) => entry.result === 'failed')) logger.warn({ url: refresh.url, reason: refresh.reason }, 'source re-fetch failed');
      logger.info(counts, 'sources re-fetched');
      return counts;
    },
    { connection: runtime.bullConnection, prefix: runtime.bullPrefix, concurrency: 1 },
  );
  worker.on('error', (error) => logger.error({ err: error }, 'source-refresh worker error'));
  syncSourceRefreshScheduler(runtime).catch((error: unknown) => logger.warn({ err: error }, 'could not set the source re-fetch schedule'));
  return worker;
}

/** Puts RECAP_SOURCE_REFRESH into the queue's job scheduler (removes it when "off"). */
export async function syncSourceRefreshScheduler(runtime: Runtime): Promise<void> {
  const queue = createSourceRefreshQueue(runtime.bullConnection, runtime.bullPrefix);
  try {
    const refresh = runtime.config.sources.refresh;
    if (refresh.kind === 'off') {
      await queue.removeJobScheduler(SOURCE_REFRESH_SCHEDULER);
      return;
    }
    const repeat = refresh.kind === 'every' ? { every: refresh.ms } : { pattern: refresh.pattern, tz: runtime.config.timezone };
    await queue.upsertJobScheduler(SOURCE_REFRESH_SCHEDULER, repeat, { name: 'refresh', data: {}, opts: SOURCE_REFRESH_JOB_OPTIONS });
  } finally {
    await queue.close();
  }
}
