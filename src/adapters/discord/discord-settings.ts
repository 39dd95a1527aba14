import { z } from 'zod';
import { idList, type PlatformSettingsReader } from '../../config.js';

/** discord.js adds the API version (/v10) itself. */
const DEFAULT_DISCORD_API_URL = 'https://discord.com/api';
/** Discord ids ("snowflakes") are 17-20 digit numbers. */
export const SNOWFLAKE = /^\d{17,20}$/;

/** Discord: a gateway bot (mentions, /recap, attachment ingest). */
export interface DiscordSettings {
  /** Never logged, never put in job data. */
  token: string;
  /** Needed to register slash commands; null = ask Discord (GET /applications/@me). */
  applicationId: string | null;
  /** REST base without the version, e.g. https://discord.com/api (a proxy or a test server instead). */
  apiUrl: string;
  /** Roles whose members may ingest notes besides those with Manage Server. */
  adminRoleIds: string[];
}

const discordEnvSchema = z.object({
  DISCORD_TOKEN: z.string().regex(/^(Bot\s+)?\S+$/, 'the bot token from the Developer Portal (Bot → Reset Token), without spaces').optional(),
  DISCORD_APPLICATION_ID: z.string().regex(SNOWFLAKE, 'the numeric Application ID (Developer Portal → General Information)').optional(),
  DISCORD_API_URL: z.string().url().regex(/^https?:\/\//, 'an http(s) URL such as https://discord.com/api').optional(),
  DISCORD_ADMIN_ROLE_IDS: z
    .string()
    .regex(/^\s*\d{17,20}(\s*,\s*\d{17,20})*\s*$/, 'comma-separated Discord role ids such as "123456789012345678,234567890123456789"')
    .optional(),
});

/** The Discord variables as checked. */
export type DiscordEnv = z.infer<typeof discordEnvSchema>;

/** DISCORD_*: the Discord settings, or null when DISCORD_TOKEN is unset. */
export const discordSettingsReader: PlatformSettingsReader<DiscordSettings, DiscordEnv> = {
  id: 'discord',
  envSchema: discordEnvSchema,
  settingsFrom(values) {
    if (values.DISCORD_TOKEN === undefined) return null;
    const apiUrl = values.DISCORD_API_URL ?? DEFAULT_DISCORD_API_URL;
    return {
      // A token pasted as "Bot xxx" would be sent as "Bot Bot xxx": discord.js adds the prefix itself.
      token: values.DISCORD_TOKEN.replace(/^Bot\s+/, ''),
      applicationId: values.DISCORD_APPLICATION_ID ?? null,
      apiUrl: apiUrl.replace(/\/+$/, ''),
      adminRoleIds: idList(values.DISCORD_ADMIN_ROLE_IDS),
    };
  },
};
