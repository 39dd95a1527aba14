import Fastify, { LogController, type FastifyBaseLogger } from 'fastify';
import type { RedisClient } from '../store/redis-connection.js';
import type { Logger } from '../logger.js';
import { registerHealthRoutes } from './health-routes.js';
import { registerMetricsRoute, type RecapMetrics } from './metrics.js';
import { listenOn } from './serve-web.js';

/**
 * A worker process's own port: `/healthz`, `/readyz` (Redis answers) and `/metrics`, so an
 * orchestrator can restart a stuck worker and Prometheus can scrape each one. No pages.
 */
export async function serveProbes(host: string, port: number, deps: { redis: RedisClient; metrics: RecapMetrics; logger: Logger }): Promise<{ url: string; close(): Promise<void> }> {
  const app = Fastify({ loggerInstance: deps.logger.child({ component: 'probes' }) as FastifyBaseLogger, logController: new LogController({ disableRequestLogging: true }) });
  registerHealthRoutes(app, { redis: deps.redis });
  registerMetricsRoute(app, deps.metrics);
  const url = await listenOn(app, host, port, 'WORKER_PORT');
  return { url, close: () => app.close() };
}
