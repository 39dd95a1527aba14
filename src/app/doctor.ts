import type { Config } from '../config.js';
import { isRecapError } from '../errors.js';
import { LlmClient } from '../llm/llm-client.js';
import { redactUrl } from '../logger.js';
import { clusterState, createRedisClient, isCluster, redisAnswers } from '../store/redis-connection.js';
import { ScheduleStore } from '../store/schedule-store.js';
import { UsageStore } from '../store/usage-store.js';
import { chatChecks } from './chat-checks.js';
import type { DoctorCheck } from '../domain/doctor-check.js';

/** BullMQ needs Redis 6.2 or newer. */
const MIN_REDIS_VERSION = [6, 2];

/**
 * Checks what recap needs, without changing anything: Redis (reachable, version, eviction
 * policy), the model (configured, reachable, key accepted, model offered), the chat tokens and
 * the channels of the schedules.
 */
export async function runDoctor(config: Config, redisUrl: string): Promise<DoctorCheck[]> {
  const checks: DoctorCheck[] = [];
  if (!(await redisAnswers(redisUrl))) {
    checks.push({
      name: 'redis',
      ok: false,
      detail: `no answer at ${redactUrl(config.redis.url)}`,
      fix: config.redis.explicit
        ? config.redis.cluster
          ? 'Start the cluster or correct REDIS_CLUSTER_NODES.'
          : 'Start Redis at REDIS_URL or correct the URL.'
        : 'Start Redis, set REDIS_URL, or just run `npm start` (it starts a local redis-server when the binary is installed).',
    });
    return [...checks, ...(await llmChecks(config, null)), ...(await chatChecks(config, null))];
  }
  const redis = createRedisClient(redisUrl);
  try {
    if (isCluster(redis)) {
      // INFO and CONFIG below go to one node of the cluster, the one that answers first.
      const state = await clusterState(redis);
      const masters = redis.nodes('master').length;
      checks.push({
        name: 'redis cluster',
        ok: state === 'ok',
        detail: `Redis Cluster, ${masters} master(s) known; cluster_state:${state}; this install's keys share the hash tag ${config.keyPrefix} (one slot)`,
        fix: state === 'ok' ? undefined : 'The cluster does not serve every slot: check `redis-cli -h <node> cluster info` and that each slot has a master.',
      });
    }
    const info = await redis.info('server');
    const version = /redis_version:(\S+)/.exec(info)?.[1] ?? '0';
    const [major = 0, minor = 0] = version.split('.').map(Number);
    const recentEnough = major > (MIN_REDIS_VERSION[0] ?? 0) || (major === MIN_REDIS_VERSION[0] && minor >= (MIN_REDIS_VERSION[1] ?? 0));
    checks.push({ name: 'redis', ok: recentEnough, detail: `Redis ${version} at ${redactUrl(redisUrl)}`, fix: recentEnough ? undefined : 'BullMQ needs Redis >= 6.2.' });
    const policy = ((await redis.config('GET', 'maxmemory-policy')) as string[])[1] ?? 'unknown';
    checks.push({
      name: 'redis eviction policy',
      ok: policy === 'noeviction',
      detail: `maxmemory-policy ${policy}`,
      fix: policy === 'noeviction' ? undefined : 'Set maxmemory-policy noeviction: with eviction Redis may silently drop queued jobs and notes.',
    });
    return [...checks, ...(await llmChecks(config, new UsageStore(redis, config.keyPrefix))), ...(await chatChecks(config, new ScheduleStore(redis, config.keyPrefix)))];
  } finally {
    redis.disconnect();
  }
}

async function llmChecks(config: Config, usage: UsageStore | null): Promise<DoctorCheck[]> {
  if (config.llm.provider === 'offline') {
    return [{ name: 'llm', ok: true, detail: 'offline mode: extractive answers and recaps; translation needs a model (set OPENAI_API_KEY or OPENAI_BASE_URL)' }];
  }
  const where = config.llm.baseUrl ?? 'https://api.openai.com/v1';
  if (usage === null) return [{ name: 'llm', ok: false, detail: `not checked (needs Redis for usage accounting); server ${where}` }];
  try {
    const models = await new LlmClient(config.llm, usage).listModels();
    const offered = models.includes(config.llm.model);
    return [
      { name: 'llm server', ok: true, detail: `${where} answers; ${models.length} model(s) offered` },
      {
        name: 'llm model',
        ok: offered || models.length === 0,
        detail: offered ? `${config.llm.model} is offered` : `${config.llm.model} is not in the server's list (${models.slice(0, 5).join(', ')}${models.length > 5 ? ', …' : ''})`,
        fix: offered ? undefined : 'Set OPENAI_MODEL to one of the models the server offers.',
      },
    ];
  } catch (error) {
    return [{ name: 'llm server', ok: false, detail: isRecapError(error) ? error.message : String(error), fix: 'Check OPENAI_BASE_URL, OPENAI_API_KEY and that the server is running.' }];
  }
}
