import type { FastifyInstance } from 'fastify';
import type { RedisClient } from '../store/redis-connection.js';

/** How long readiness waits for Redis: a probe must answer before the orchestrator's timeout. */
const REDIS_PING_TIMEOUT_MS = 1_000;

export interface HealthDeps {
  redis: RedisClient;
  /** Whatever else must be true to serve (the index loaded); absent for a worker. */
  ready?: () => string | null;
}

/**
 * `/healthz`: the process is alive (answers while Redis is down, so it is not restarted for
 * that). `/readyz`: Redis answers a PING and what `ready` checks holds; 503 with the reason otherwise.
 */
export function registerHealthRoutes(app: FastifyInstance, deps: HealthDeps): void {
  app.get('/healthz', async () => ({ status: 'ok' }));
  app.get('/readyz', async (_request, reply) => {
    const problems: string[] = [];
    if (!(await pings(deps.redis))) problems.push('redis: no answer to PING');
    const notReady = deps.ready?.() ?? null;
    if (notReady !== null) problems.push(notReady);
    return reply.code(problems.length === 0 ? 200 : 503).send({ status: problems.length === 0 ? 'ready' : 'not ready', problems });
  });
}

async function pings(redis: RedisClient): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), REDIS_PING_TIMEOUT_MS);
  });
  try {
    return await Promise.race([redis.ping().then((answer) => answer === 'PONG', () => false), timeout]);
  } finally {
    clearTimeout(timer);
  }
}
