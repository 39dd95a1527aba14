import type { AddressInfo } from 'node:net';
import type { App } from '@slack/bolt';
import type { ChatAdapter, ChatContext } from '../../chat/chat-adapter.js';
import { settingsOf } from '../../config.js';
import { slackSettingsReader, type SlackSettings } from './slack-settings.js';
import { RecapError } from '../../errors.js';
import { registerAnswerActions } from './answer-actions.js';
import { registerCaptureListeners } from './capture-listener.js';
import { registerDeleteActions } from './delete-actions.js';
import { registerDirectMessageListener } from './dm-listener.js';
import { registerMentionListener } from './mention-listener.js';
import { registerRecapCommand } from './recap-command.js';
import { createSlackApp, type SlackAppOptions } from './slack-app.js';
import { slackErrorCode } from './slack-error.js';
import { createSlackServices, type SlackServices } from './slack-services.js';

/** Slack errors of auth.test that mean "fix the token", with the fix. */
const TOKEN_PROBLEMS: Record<string, string> = {
  invalid_auth: 'Slack refused the token; copy the Bot User OAuth Token (xoxb-…) again from OAuth & Permissions.',
  not_authed: 'Slack received no token.',
  account_inactive: 'the app was uninstalled or its bot deactivated; reinstall the app (README "Slack").',
  token_revoked: 'the token was revoked; reinstall the app and copy the new Bot User OAuth Token.',
};

/**
 * The Slack app: /recap, @mentions (answered in threads), direct messages (answered in the DM), file ingest, the answer buttons, the
 * delete confirmations, and the capture of channel messages for conversation recaps.
 * Translates Slack requests into the platform-neutral use cases and replies into Block Kit;
 * knows nothing of notes itself.
 */
export class SlackAdapter implements ChatAdapter {
  readonly platform = 'slack';
  private readonly app: App;
  private readonly services: SlackServices;
  /** The port HTTP mode listens on once started (PORT, or the one picked for PORT=0); null in Socket Mode. */
  httpPort: number | null = null;

  constructor(context: ChatContext, settings: SlackSettings, options: SlackAppOptions = {}) {
    this.services = createSlackServices(context, settings, options.retryConfig ? { retryConfig: options.retryConfig } : {});
    this.app = createSlackApp(settings, this.services.logger, options);
    registerRecapCommand(this.app, this.services);
    registerMentionListener(this.app, this.services);
    registerDirectMessageListener(this.app, this.services);
    registerAnswerActions(this.app, this.services);
    registerDeleteActions(this.app, this.services);
    registerCaptureListeners(this.app, this.services);
    this.app.error(async (error) => {
      // Listeners catch their own errors; this sees bolt's (authorization, unhandled ones).
      this.services.logger.error({ err: error }, 'slack app error');
    });
  }

  /** Checks the token (auth.test), then listens: on PORT in HTTP mode, over a WebSocket in Socket Mode. */
  async start(): Promise<void> {
    const { slack, logger } = this.services;
    try {
      await this.app.init();
    } catch (error) {
      throw startError(error, slack);
    }
    try {
      if (slack.mode === 'http') {
        const server = (await this.app.start(slack.port)) as { address(): AddressInfo | string | null };
        const address = server.address();
        this.httpPort = typeof address === 'object' && address !== null ? address.port : slack.port;
        logger.info({ port: this.httpPort, path: '/slack/events' }, 'slack app listening for events over HTTP');
      } else {
        await this.app.start();
        logger.info('slack app connected in Socket Mode');
      }
    } catch (error) {
      throw startError(error, slack);
    }
  }

  async stop(): Promise<void> {
    await this.app.stop();
  }
}

/** The adapter when Slack is configured (SLACK_BOT_TOKEN and its companion), else a clear error. */
export function createSlackAdapter(context: ChatContext, settings: SlackSettings | null = settingsOf(slackSettingsReader, context.config), options: SlackAppOptions = {}): SlackAdapter {
  if (settings === null) {
    throw new RecapError('config_invalid', 'Invalid configuration:\n  SLACK_BOT_TOKEN: is required for Slack; set it to the Bot User OAuth Token (xoxb-…) and SLACK_APP_TOKEN or SLACK_SIGNING_SECRET (see README "Slack").');
  }
  return new SlackAdapter(context, settings, options);
}

function startError(error: unknown, slack: SlackSettings): RecapError {
  const code = slackErrorCode(error);
  if (code !== null && TOKEN_PROBLEMS[code]) return new RecapError('config_invalid', `Invalid configuration:\n  SLACK_BOT_TOKEN: ${TOKEN_PROBLEMS[code]}`, { cause: error });
  if (code === 'invalid_auth_app_token' || code === 'not_allowed_token_type') {
    return new RecapError('config_invalid', 'Invalid configuration:\n  SLACK_APP_TOKEN: Slack refused the app-level token; create one with the connections:write scope (Basic Information → App-Level Tokens).', { cause: error });
  }
  const reason = error instanceof Error ? error.message : String(error);
  const where = slack.mode === 'http' ? ` or listen on PORT ${slack.port}` : '';
  return new RecapError('config_invalid', `Could not connect to Slack${where}: ${reason} (check SLACK_API_URL, PORT and the network).`, { cause: error });
}
