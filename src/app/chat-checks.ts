import type { Config } from '../config.js';
import { createLogger } from '../logger.js';
import type { Posters } from '../domain/channel-poster.js';
import { tokenVariableOf } from '../schedule/schedule.js';
import type { ScheduleStore } from '../store/schedule-store.js';
import { createPosters } from './create-posters.js';
import type { DoctorCheck } from './doctor-check.js';

/**
 * Doctor checks for the chat platforms: each configured token is accepted, and every schedule's
 * channel can be reached by its platform's bot (so a schedule fails here, not at its first window).
 */
export async function chatChecks(config: Config, schedules: ScheduleStore | null, given?: Posters): Promise<DoctorCheck[]> {
  const posters = given ?? (await createPosters(config, createLogger('silent')));
  const checks: DoctorCheck[] = [];
  for (const poster of Object.values(posters)) {
    const { platform } = poster;
    try {
      checks.push({ name: platform, ok: true, detail: `token accepted: ${await poster.identity()}` });
    } catch (error) {
      checks.push({ name: platform, ok: false, detail: reasonOf(error), fix: `Check ${tokenVariableOf(platform)} and ${platform === 'slack' ? 'SLACK_API_URL' : 'DISCORD_API_URL'}.` });
    }
  }
  for (const schedule of (await schedules?.all()) ?? []) {
    const name = `schedule ${schedule.id}`;
    const where = `${schedule.platform} channel ${schedule.channel}`;
    const poster = posters[schedule.platform];
    if (!poster) {
      checks.push({ name, ok: false, detail: `posts to ${schedule.platform}, which is not configured`, fix: `Set ${tokenVariableOf(schedule.platform)} where the workers run, or remove the schedule.` });
      continue;
    }
    try {
      await poster.checkChannel(schedule.channel);
      checks.push({ name, ok: true, detail: `${where} is reachable` });
    } catch (error) {
      checks.push({ name, ok: false, detail: `${where}: ${reasonOf(error)}`, fix: 'Invite the bot to the channel or fix the channel id (recap schedule remove, then add).' });
    }
  }
  return checks;
}

function reasonOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
