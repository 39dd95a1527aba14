import { z } from 'zod';
import { idList, type PlatformSettingsReader } from '../../config.js';
import { RecapError } from '../../errors.js';

/** Slack's default HTTP port for events (`PORT`), as in Slack's own examples. */
const DEFAULT_SLACK_PORT = 3000;

/** Slack: Socket Mode when an app token is set, otherwise HTTP events at /slack/events on `port`. */
export interface SlackSettings {
  /** Never logged, never put in job data. */
  botToken: string;
  mode: 'socket' | 'http';
  appToken: string | null;
  signingSecret: string | null;
  port: number;
  /** Web API base URL ending in "/", e.g. https://slack.com/api/ (a proxy or a test server instead). */
  apiUrl: string;
  /** Users who may ingest and delete notes besides workspace admins and owners. */
  adminUserIds: string[];
}

const slackEnvSchema = z.object({
  SLACK_BOT_TOKEN: z.string().regex(/^xoxb-/, 'a bot token starting with "xoxb-" (OAuth & Permissions → Bot User OAuth Token)').optional(),
  SLACK_APP_TOKEN: z.string().regex(/^xapp-/, 'an app-level token starting with "xapp-" with connections:write (Basic Information → App-Level Tokens)').optional(),
  SLACK_SIGNING_SECRET: z.string().min(8).optional(),
  SLACK_API_URL: z.string().url().optional(),
  SLACK_ADMIN_USER_IDS: z
    .string()
    .regex(/^\s*[UW][A-Z0-9]{2,}(\s*,\s*[UW][A-Z0-9]{2,})*\s*$/, 'comma-separated Slack user ids such as "U012ABCDEF,U034GHIJKL"')
    .optional(),
  // 0 = any free port (tests, benchmarks).
  PORT: z.coerce.number().int().min(0).max(65_535).default(DEFAULT_SLACK_PORT),
});

/** The Slack variables as checked. */
export type SlackEnv = z.infer<typeof slackEnvSchema>;

/** SLACK_* and PORT: the Slack settings, or null when unset; a token without its companion fails with the fix. */
export const slackSettingsReader: PlatformSettingsReader<SlackSettings, SlackEnv> = {
  id: 'slack',
  envSchema: slackEnvSchema,
  settingsFrom(values) {
    const { SLACK_BOT_TOKEN: botToken, SLACK_APP_TOKEN: appToken, SLACK_SIGNING_SECRET: signingSecret } = values;
    if (botToken === undefined) {
      if (appToken === undefined && signingSecret === undefined) return null;
      const given = appToken !== undefined ? 'SLACK_APP_TOKEN' : 'SLACK_SIGNING_SECRET';
      throw new RecapError(
        'config_invalid',
        `Invalid configuration:\n  SLACK_BOT_TOKEN: ${given} is set but SLACK_BOT_TOKEN is not. Set SLACK_BOT_TOKEN to the app's Bot User OAuth Token (xoxb-…, OAuth & Permissions), or unset ${given} to run without Slack.`,
      );
    }
    if (appToken === undefined && signingSecret === undefined) {
      throw new RecapError(
        'config_invalid',
        'Invalid configuration:\n  SLACK_BOT_TOKEN: set either SLACK_APP_TOKEN (Socket Mode: an app-level token xapp-… with connections:write, no public URL needed) or SLACK_SIGNING_SECRET (HTTP: Basic Information → Signing Secret; Slack posts to /slack/events on PORT).',
      );
    }
    const apiUrl = values.SLACK_API_URL ?? 'https://slack.com/api/';
    return {
      botToken,
      mode: appToken !== undefined ? 'socket' : 'http',
      appToken: appToken ?? null,
      signingSecret: signingSecret ?? null,
      port: values.PORT,
      apiUrl: apiUrl.endsWith('/') ? apiUrl : `${apiUrl}/`,
      adminUserIds: idList(values.SLACK_ADMIN_USER_IDS),
    };
  },
};
