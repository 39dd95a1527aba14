import type { Runtime } from '../runtime.js';
import { listSchedules, scheduleDepsOf, type ScheduleView } from '../schedule/schedule-service.js';

/** Every schedule with its state and next runs (the schedules page; `recap schedule list`). */
export function schedulesReport(runtime: Runtime, filter: { platform?: string; channel?: string } = {}): Promise<ScheduleView[]> {
  return listSchedules(scheduleDepsOf(runtime), filter);
}
