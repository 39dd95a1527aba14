import { discordPlatform } from '../adapters/discord/platform.js';
import { slackPlatform } from '../adapters/slack/platform.js';
import type { ChatPlatform } from '../chat/chat-platform.js';
import { loadConfig, type Config } from '../config.js';

/**
 * The chat platforms of this build: the one list. Each is the platform module its adapter exports
 * (src/adapters/<platform>/platform.ts); adding one is a new folder and a line here (README
 * "Adding a chat platform"). Importing this loads no chat SDK.
 */
export const PLATFORMS: readonly ChatPlatform[] = [slackPlatform, discordPlatform];

/** A platform of this build configured here, with its settings. */
export interface ConfiguredPlatform {
  platform: ChatPlatform;
  settings: unknown;
}

/** The platforms whose settings are present (tokens set), in registry order. */
export function configuredPlatforms(config: Config): ConfiguredPlatform[] {
  return PLATFORMS.flatMap((platform) => (isConfigured(config, platform.id) ? [{ platform, settings: config.platforms[platform.id] }] : []));
}

/** Whether the platform with this id has its settings here. */
export function isConfigured(config: Config, id: string): boolean {
  return Object.hasOwn(config.platforms, id);
}

/** The platform with this id, or null when this build has none. */
export function platformById(id: string): ChatPlatform | null {
  return PLATFORMS.find((platform) => platform.id === id) ?? null;
}

/** recap's configuration with every platform's settings: what entry points load (the only reader of process.env is loadConfig). */
export function loadAppConfig(env?: NodeJS.ProcessEnv): Config {
  return loadConfig(env, PLATFORMS);
}
