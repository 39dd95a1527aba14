import type { Queue, Worker } from 'bullmq';
import type { FastifyInstance } from 'fastify';
import type { RedisClient } from '../store/redis-connection.js';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { ModelAnswer } from '../recap/grounded-answer.js';
import type { SearchIndex } from '../search/search-index.js';
import type { UsageStore } from '../store/usage-store.js';

const JOB_STATES = ['waiting', 'active', 'delayed', 'failed', 'completed', 'prioritized', 'waiting-children'] as const;

/** What the process has that a scrape reads when it comes (no polling in between). */
export interface MetricSources {
  queues: readonly Queue[];
  /** The search index, in a process that answers; absent in a worker. */
  index?: SearchIndex;
  usage: UsageStore;
}

/**
 * recap's Prometheus metrics (prom-client), one registry per process: jobs by queue and state,
 * job durations, ask latency and declined answers, notes and chunks indexed, LLM tokens, Redis
 * reconnects, and Node's own process metrics.
 */
export class RecapMetrics {
  readonly registry = new Registry();
  private readonly jobDuration: Histogram<'queue' | 'status'>;
  private readonly askDuration: Histogram;
  private readonly answers: Counter<'outcome'>;
  private readonly redisReconnects: Counter<'connection'>;

  constructor(sources: MetricSources) {
    const registers = [this.registry];
    collectDefaultMetrics({ register: this.registry, prefix: 'recap_' });
    new Gauge({
      name: 'recap_jobs',
      help: 'Jobs per queue and state',
      labelNames: ['queue', 'state'],
      registers,
      async collect() {
        this.reset();
        for (const queue of sources.queues) {
          const counts = await queue.getJobCounts(...JOB_STATES);
          for (const state of JOB_STATES) this.set({ queue: queue.name, state }, counts[state] ?? 0);
        }
      },
    });
    this.jobDuration = new Histogram({ name: 'recap_job_duration_seconds', help: 'Time a worker spent on a job, by queue and outcome', labelNames: ['queue', 'status'], buckets: [0.005, 0.02, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120], registers });
    this.askDuration = new Histogram({ name: 'recap_ask_duration_seconds', help: 'Time to answer a question (search and, with a model, its answer)', buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30], registers });
    this.answers = new Counter({ name: 'recap_answers_total', help: 'Questions answered from the notes, and declined ("not in the notes")', labelNames: ['outcome'], registers });
    this.redisReconnects = new Counter({ name: 'recap_redis_reconnects_total', help: 'Times a Redis connection of this process reconnected', labelNames: ['connection'], registers });
    const index = sources.index;
    if (index) {
      new Gauge({ name: 'recap_notes_indexed', help: 'Notes in this process\'s search index', registers, collect() { this.set(index.noteCount); } });
      new Gauge({ name: 'recap_chunks_indexed', help: 'Chunks (lines) in this process\'s search index, translations included', registers, collect() { this.set(index.size); } });
    }
    new Gauge({
      name: 'recap_llm_tokens_today',
      help: 'LLM tokens used today (UTC), by model and kind, as counted against LLM_DAILY_TOKEN_BUDGET',
      labelNames: ['model', 'kind'],
      registers,
      async collect() {
        this.reset();
        for (const day of await sources.usage.byDay(1)) {
          this.set({ model: day.model, kind: 'prompt' }, day.promptTokens);
          this.set({ model: day.model, kind: 'completion' }, day.completionTokens);
        }
      },
    });
  }

  /** `ask` timed and counted. */
  timedAsk<Args extends unknown[]>(ask: (...args: Args) => Promise<ModelAnswer>): (...args: Args) => Promise<ModelAnswer> {
    return async (...args) => {
      const end = this.askDuration.startTimer();
      try {
        const answer = await ask(...args);
        this.answers.inc({ outcome: answer.grounded ? 'answered' : 'declined' });
        return answer;
      } finally {
        end();
      }
    };
  }

  /** Observes how long each job of these workers took. */
  watchWorkers(workers: readonly Worker[]): void {
    for (const worker of workers) {
      const observe = (job: { processedOn?: number; finishedOn?: number } | undefined, status: 'completed' | 'failed'): void => {
        if (job?.processedOn !== undefined && job.finishedOn !== undefined) this.jobDuration.observe({ queue: worker.name, status }, (job.finishedOn - job.processedOn) / 1000);
      };
      worker.on('completed', (job) => observe(job, 'completed'));
      worker.on('failed', (job) => observe(job, 'failed'));
    }
  }

  /** Counts the reconnects of a Redis connection. */
  watchRedis(redis: RedisClient, connection: string): void {
    redis.on('reconnecting', () => this.redisReconnects.inc({ connection }));
  }
}

/** `/metrics` in the Prometheus text format; a scrape that cannot reach Redis says so with a 503. */
export function registerMetricsRoute(app: FastifyInstance, metrics: RecapMetrics): void {
  app.get('/metrics', async (request, reply) => {
    try {
      const body = await metrics.registry.metrics();
      return reply.type(metrics.registry.contentType).send(body);
    } catch (error) {
      request.log.warn({ err: error }, 'metrics scrape failed');
      return reply.code(503).type('text/plain; charset=utf-8').send(`metrics unavailable: ${error instanceof Error ? error.message : String(error)}\n`);
    }
  });
}
