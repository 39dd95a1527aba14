import type { Worker } from 'bullmq';
import type { Runtime } from '../runtime.js';

/** With WORKER_PORT set: this worker's /healthz, /readyz and /metrics (loaded only then). */
export async function workerProbes(runtime: Runtime, workers: Worker[]): Promise<{ close(): Promise<void> } | null> {
  const { web } = runtime.config;
  if (web.workerPort === null || !web.enabled) return null;
  const [{ RecapMetrics }, { serveProbes }] = await Promise.all([import('../web/metrics.js'), import('../web/probe-app.js')]);
  const metrics = new RecapMetrics({ queues: [runtime.queue, runtime.summarizeQueue, runtime.translateQueue, runtime.postRecapQueue], usage: runtime.usage });
  metrics.watchWorkers(workers);
  metrics.watchRedis(runtime.redis, 'main');
  const probes = await serveProbes(web.host, web.workerPort, { redis: runtime.redis, metrics, logger: runtime.logger });
  runtime.logger.info({ url: probes.url }, 'worker probes served (/healthz, /readyz, /metrics)');
  return probes;
}
