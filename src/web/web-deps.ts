import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Logger } from '../logger.js';
import type { ModelAnswer } from '../recap/grounded-answer.js';
import type { Runtime } from '../runtime.js';
import type { SearchIndex } from '../search/search-index.js';
import type { RecapMetrics } from './metrics.js';
import type { WebOptions } from './web-options.js';

/** What the pages need of the running recap. */
export interface WebDeps {
  /** Stores and queues (the fail-fast chat runtime: a page says "storage is unavailable" at once). */
  runtime: Runtime;
  index: SearchIndex;
  /** The same answering as chat (model or extractive). */
  ask(question: string): Promise<ModelAnswer>;
  /** Whether the index has been loaded from Redis (readiness). */
  indexLoaded(): boolean;
  options: WebOptions;
  metrics: RecapMetrics;
  logger: Logger;
  /** Who is looking, for the page header (admin or not, and the CSRF token for "Log out"). */
  viewer(request: FastifyRequest, reply: FastifyReply): { admin: boolean; csrfToken?: string };
}
