import type { DailyUsage, UsageStore } from '../store/usage-store.js';

/** Model tokens: today's against the daily budget, and by day and model. */
export interface UsageReport {
  /** False offline (no model configured): there is nothing to count. */
  modelConfigured: boolean;
  tokensToday: number;
  /** LLM_DAILY_TOKEN_BUDGET; 0 = none. */
  dailyBudget: number;
  days: DailyUsage[];
}

export async function usageReport(usage: UsageStore, options: { days: number; modelConfigured: boolean; dailyBudget: number }): Promise<UsageReport> {
  const [tokensToday, days] = await Promise.all([usage.tokensToday(), usage.byDay(options.days)]);
  return { modelConfigured: options.modelConfigured, tokensToday, dailyBudget: options.dailyBudget, days };
}
