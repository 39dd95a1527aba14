import type { Posters } from '../domain/channel-poster.js';
import { tokenVariableOf, type PlatformFacts } from '../domain/platform.js';
import { type Schedule } from '../domain/schedule.js';

/**
 * Why the bot cannot post a new schedule's windows yet (platform not configured here, channel not
 * found, bot not invited), or null when it can. A warning, not a refusal: the bot may be invited
 * after the schedule is made, and the workers may run elsewhere with other settings. `platforms`
 * say what to set for one that is not configured.
 */
export async function channelProblem(posters: Posters, schedule: Pick<Schedule, 'platform' | 'channel'>, platforms: readonly PlatformFacts[]): Promise<string | null> {
  const poster = posters[schedule.platform];
  if (!poster) return `${schedule.platform} is not configured here (${tokenVariableOf(platforms, schedule.platform)}); the workers that post need it`;
  try {
    await poster.checkChannel(schedule.channel);
    return null;
  } catch (error) {
    return `the bot cannot reach ${schedule.channel} yet: ${error instanceof Error ? error.message : String(error)}`;
  }
}
