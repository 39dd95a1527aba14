import type { Command } from 'commander';
import { workerProbes } from '../../app/worker-probes.js';
import { startWorkers } from '../../jobs/start-workers.js';
import { openAppRuntime } from '../../app/app-runtime.js';
import { keepRunningOnUnhandledRejections } from '../keep-running.js';
import { waitForShutdownSignal } from '../shutdown.js';
import { loadConfigOrExit, reportError } from '../with-runtime.js';

export function registerWorkerCommand(program: Command): void {
  program
    .command('worker')
    .description('Run the queue workers only (scale out: run more of these against the same Redis)')
    .action(async () => {
      const { config, logger } = loadConfigOrExit();
      keepRunningOnUnhandledRejections(logger);
      try {
        const runtime = await openAppRuntime(config, logger);
        const workers = startWorkers(runtime);
        await Promise.all(workers.map((worker) => worker.waitUntilReady()));
        logger.info({ queues: workers.map((worker) => worker.name), concurrency: config.workerConcurrency }, 'workers ready');
        const probes = await workerProbes(runtime, workers);
        await waitForShutdownSignal();
        logger.info('stopping workers (finishing active jobs)');
        await probes?.close();
        await Promise.all(workers.map((worker) => worker.close()));
        await runtime.close();
        process.exit(0);
      } catch (error) {
        process.exit(reportError(error));
      }
    });
}

