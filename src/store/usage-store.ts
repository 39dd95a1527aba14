import type { RedisClient } from './redis-connection.js';

/** Usage is kept a little over a year: enough for "tokens by month" questions, bounded in size. */
const USAGE_TTL_SECONDS = 400 * 24 * 60 * 60;

export interface TokenUsage {
  promptTokens: number;
  completionTokens: number;
  totalTokens: number;
}

export interface DailyUsage {
  day: string;
  model: string;
  calls: number;
  promptTokens: number;
  completionTokens: number;
  totalTokens: number;
}

/** The UTC day a call counts for (the daily budget resets at 00:00 UTC). */
export function usageDay(date = new Date()): string {
  return date.toISOString().slice(0, 10);
}

/** LLM token usage per day and model, in one Redis hash per day. */
export class UsageStore {
  constructor(
    private readonly redis: RedisClient,
    private readonly prefix: string,
  ) {}

  private key(day: string): string {
    return `${this.prefix}:usage:${day}`;
  }

  async record(model: string, usage: TokenUsage, date = new Date()): Promise<void> {
    const key = this.key(usageDay(date));
    await this.redis
      .multi()
      .hincrby(key, `${model}|calls`, 1)
      .hincrby(key, `${model}|prompt`, usage.promptTokens)
      .hincrby(key, `${model}|completion`, usage.completionTokens)
      .hincrby(key, 'total', usage.totalTokens)
      .expire(key, USAGE_TTL_SECONDS)
      .exec();
  }

  async tokensToday(date = new Date()): Promise<number> {
    return Number((await this.redis.hget(this.key(usageDay(date)), 'total')) ?? 0);
  }

  /** Usage of the last `days` days (today included), newest first, one row per day and model. */
  async byDay(days: number, today = new Date()): Promise<DailyUsage[]> {
    const rows: DailyUsage[] = [];
    for (let back = 0; back < days; back += 1) {
      const day = usageDay(new Date(today.getTime() - back * 24 * 60 * 60 * 1000));
      const fields = await this.redis.hgetall(this.key(day));
      const models = new Set(Object.keys(fields).filter((field) => field.includes('|')).map((field) => field.slice(0, field.lastIndexOf('|'))));
      for (const model of [...models].sort()) {
        const prompt = Number(fields[`${model}|prompt`] ?? 0);
        const completion = Number(fields[`${model}|completion`] ?? 0);
        rows.push({ day, model, calls: Number(fields[`${model}|calls`] ?? 0), promptTokens: prompt, completionTokens: completion, totalTokens: prompt + completion });
      }
    }
    return rows;
  }
}
