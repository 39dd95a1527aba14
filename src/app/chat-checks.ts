import type { Config } from '../config.js';
import { createLogger } from '../logger.js';
import type { Posters } from '../domain/channel-poster.js';
import type { DoctorCheck } from '../domain/doctor-check.js';
import { tokenVariableOf } from '../domain/platform.js';
import type { ScheduleStore } from '../store/schedule-store.js';
import { createPosters } from './create-posters.js';
import { configuredPlatforms, PLATFORMS } from './platforms.js';

/**
 * Doctor checks for the chat platforms: each configured platform's own checks (its token is
 * accepted), and every schedule's channel can be reached by its platform's bot (so a schedule
 * fails here, not at its first window).
 */
export async function chatChecks(config: Config, schedules: ScheduleStore | null, given?: Posters): Promise<DoctorCheck[]> {
  const posters = given ?? (await createPosters(config, createLogger('silent')));
  const checks: DoctorCheck[] = [];
  const configured = configuredPlatforms(config);
  if (configured.length === 0) {
    // Not a failure (the CLI and `recap start`'s prompt work without one), but said, not left out.
    const variables = PLATFORMS.map((platform) => tokenVariableOf(PLATFORMS, platform.id)).join(' or ');
    checks.push({ name: 'chat', ok: true, detail: `no chat platform configured: set ${variables} to answer in Slack or Discord (the CLI and the terminal prompt work without one)` });
  }
  for (const { platform, settings } of configured) {
    const poster = posters[platform.id];
    if (poster) checks.push(...(await platform.doctorChecks(settings, poster)));
  }
  for (const schedule of (await schedules?.all()) ?? []) {
    const name = `schedule ${schedule.id}`;
    const where = `${schedule.platform} channel ${schedule.channel}`;
    const poster = posters[schedule.platform];
    if (!poster) {
      checks.push({ name, ok: false, detail: `posts to ${schedule.platform}, which is not configured`, fix: `Set ${tokenVariableOf(PLATFORMS, schedule.platform)} where the workers run, or remove the schedule.` });
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
