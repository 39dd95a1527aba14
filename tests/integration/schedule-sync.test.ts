import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PLATFORMS } from '../../src/app/platforms.js';
import type { Runtime } from '../../src/runtime.js';
import { syncJobSchedulers } from '../../src/schedule/schedule-service.js';
import { validateSchedule } from '../../src/schedule/schedule.js';
import { openTestRuntime } from '../helpers/test-runtime.js';

describe('job schedulers follow the stored schedules', () => {
  let runtime: Runtime;
  beforeEach(async () => {
    runtime = await openTestRuntime();
  });
  afterEach(async () => {
    await runtime.close();
  });

  it('a worker at start adds missing schedulers and removes those of removed schedules, and only those', async () => {
    const defaults = { timezone: 'Asia/Tokyo', languages: ['ja'], platforms: PLATFORMS };
    const stored = validateSchedule({ platform: 'slack', channel: 'C0SYNC001', kind: 'digest', cron: '0 9 * * 1', createdBy: 'test' }, defaults, 'sch_sync000001');
    await runtime.schedules.save(stored);
    // A scheduler whose schedule is gone (removed while Redis kept the scheduler), and one that is not ours.
    await runtime.postRecapQueue.upsertJobScheduler('schedule-sch_gone000001', { pattern: '0 9 * * 1' }, { name: 'window', data: { scheduleId: 'sch_gone000001' } });
    await runtime.postRecapQueue.upsertJobScheduler('maintenance', { pattern: '0 3 * * *' }, { name: 'other', data: {} });

    await syncJobSchedulers(runtime);

    expect(await runtime.postRecapQueue.getJobScheduler('schedule-sch_sync000001')).toMatchObject({ pattern: '0 9 * * 1', tz: 'Asia/Tokyo' });
    expect(await runtime.postRecapQueue.getJobScheduler('schedule-sch_gone000001')).toBeFalsy();
    expect(await runtime.postRecapQueue.getJobScheduler('maintenance')).toBeTruthy();
    // Running it again changes nothing (workers do it at every start).
    await syncJobSchedulers(runtime);
    expect((await runtime.postRecapQueue.getJobSchedulers()).map((scheduler) => scheduler.key).sort()).toEqual(['maintenance', 'schedule-sch_sync000001']);
  });
});
