import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { feedbackReport } from '../../src/reports/feedback.js';
import { jobsReport } from '../../src/reports/jobs.js';
import { questionsReport } from '../../src/reports/questions.js';
import { schedulesReport } from '../../src/reports/schedules.js';
import { usageReport } from '../../src/reports/usage.js';
import type { Runtime } from '../../src/runtime.js';
import { FeedbackStore } from '../../src/store/feedback-store.js';
import { submitIngest } from '../../src/queue/submit-jobs.js';
import { openTestRuntime } from '../helpers/test-runtime.js';

/** The read models behind `recap jobs`, `recap usage`, `recap feedback` and the admin page, on a real Redis. */
describe('reports', () => {
  let runtime: Runtime;

  beforeAll(async () => {
    runtime = await openTestRuntime();
  });
  afterAll(async () => {
    await runtime.close();
  });

  it('jobs: counts per queue and the failed jobs with their reasons', async () => {
    await submitIngest(runtime.queue, runtime.store, { source: 'notes/binary.md', sourceKey: 'binary', bytes: Buffer.from([0, 1, 2, 0, 0xff, 0xfe, 0, 0]) });
    const worker = runtime.startLocalWorker('ingest');
    try {
      const deadline = Date.now() + 30_000;
      while ((await runtime.queue.getFailedCount()) === 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
    } finally {
      await worker.close();
    }
    const report = await jobsReport([runtime.queue, runtime.summarizeQueue], 5);
    expect(report.map((entry) => entry.queue)).toEqual(['ingest', 'summarize']);
    const [ingest] = report;
    expect(ingest?.counts.failed).toBe(1);
    expect(ingest?.failed).toHaveLength(1);
    expect(ingest?.failed[0]).toMatchObject({ name: 'ingest', attempts: 1 });
    expect(ingest?.failed[0]?.reason).toMatch(/binary|not text/i);
    expect(ingest?.failed[0]?.at).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(JSON.parse(JSON.stringify(report))).toEqual(report);
  });

  it('usage: today against the budget, by day and model', async () => {
    await runtime.usage.record('model-a', { promptTokens: 120, completionTokens: 30, totalTokens: 150 });
    const report = await usageReport(runtime.usage, { days: 3, modelConfigured: true, dailyBudget: 1000 });
    expect(report).toMatchObject({ modelConfigured: true, tokensToday: 150, dailyBudget: 1000 });
    expect(report.days).toEqual([expect.objectContaining({ model: 'model-a', calls: 1, promptTokens: 120, completionTokens: 30, totalTokens: 150 })]);
  });

  it('questions: the latest, newest first, and the declined ones', async () => {
    const at = new Date().toISOString();
    await runtime.questions.record({ question: 'Brown Fieldとは', answered: true, surface: 'chat', cited: { noteId: 'seed', line: 24 }, at });
    await runtime.questions.record({ question: 'who won the cup?', answered: false, surface: 'web', cited: null, at });
    const report = await questionsReport(runtime.questions, 10);
    expect(report.latest.map((entry) => entry.question)).toEqual(['who won the cup?', 'Brown Fieldとは']);
    expect(report.declined.map((entry) => entry.question)).toEqual(['who won the cup?']);
  });

  it('feedback: the votes and the tally', async () => {
    const store = new FeedbackStore(runtime.redis, runtime.config.keyPrefix);
    await store.record({ answerId: 'a1', question: 'q1', platform: 'slack', user: 'U1', value: 'helpful', at: '2026-12-01T00:00:00.000Z' });
    await store.record({ answerId: 'a1', question: 'q1', platform: 'slack', user: 'U2', value: 'not-helpful', at: '2026-12-02T00:00:00.000Z' });
    const report = await feedbackReport(store);
    expect(report).toMatchObject({ helpful: 1, notHelpful: 1 });
    expect(report.votes.map((vote) => vote.user)).toEqual(['U2', 'U1']);
  });

  it('schedules: none yet', async () => {
    expect(await schedulesReport(runtime)).toEqual([]);
  });
});
