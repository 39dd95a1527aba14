import { z } from 'zod';

/**
 * A chat platform's id ("slack", "discord"). app/platforms.ts is the one list of the platforms
 * this build has; nothing below the adapters names one.
 */
export type Platform = string;

/** How a platform id is stored (schedules, post records): lowercase letters, digits and "-". */
export const platformIdSchema = z.string().regex(/^[a-z][a-z0-9-]{1,30}$/);

/**
 * What the layers below the adapters may know of a chat platform: enough to check a schedule's
 * channel and to say which variable to set. Each adapter's platform module has these facts; the
 * registry (app/platforms.ts) hands them down through RuntimeParts.
 */
export interface PlatformFacts {
  readonly id: Platform;
  /** The variable that configures its bot ("SLACK_BOT_TOKEN"), for messages that say what to set. */
  readonly tokenVariable: string;
  /** The shape of its channel ids. */
  readonly channelIdPattern: RegExp;
  /** Why `channel` is not one of its channel ids, and where to find one: `"#general" is not a Slack channel id such as …`. */
  describeBadChannel(channel: string): string;
}

/** The facts of the platform with this id, or null when this build has no such platform. */
export function platformFacts(platforms: readonly PlatformFacts[], id: Platform): PlatformFacts | null {
  return platforms.find((platform) => platform.id === id) ?? null;
}

/** The variable to set for a platform ("DISCORD_TOKEN"), or what to say for one this build does not have. */
export function tokenVariableOf(platforms: readonly PlatformFacts[], id: Platform): string {
  return platformFacts(platforms, id)?.tokenVariable ?? `the ${id} settings (this build of recap has no ${id})`;
}
