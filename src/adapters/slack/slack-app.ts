import { App, type webApi } from '@slack/bolt';
import type { SlackSettings } from './slack-settings.js';
import type { Logger } from '../../logger.js';
import { boltLogger } from './bolt-logger.js';
import { CheckedHttpReceiver } from './checked-http-receiver.js';

/**
 * A reply a minute late is worth little and the default policy retries for about 30 minutes:
 * three quick retries (rate limits are honoured separately, by Retry-After), then the failure
 * is handled (logged, and the person told when possible).
 */
export const WEB_API_RETRY: webApi.RetryOptions = { retries: 3, factor: 2, minTimeout: 500, maxTimeout: 5_000 };

export interface SlackAppOptions {
  /** Web API retry policy; tests use { retries: 0 }. */
  retryConfig?: webApi.RetryOptions;
}

/**
 * The bolt App: Socket Mode when an app token is configured, otherwise HTTP (events, commands
 * and interactivity all at POST /slack/events on PORT, signatures checked with the signing
 * secret, bad bodies and future timestamps refused by CheckedHttpReceiver). Initialization (auth.test) is deferred to start(), where a refused token becomes a
 * clear error instead of an unhandled rejection.
 */
export function createSlackApp(slack: SlackSettings, logger: Logger, options: SlackAppOptions = {}): App {
  const common = {
    token: slack.botToken,
    logger: boltLogger(logger),
    clientOptions: { slackApiUrl: slack.apiUrl, retryConfig: options.retryConfig ?? WEB_API_RETRY },
    deferInitialization: true,
    // Conversation state is not used; the default in-memory store would only grow.
    convoStore: false as const,
  };
  if (slack.mode === 'socket' && slack.appToken !== null) {
    return new App({ ...common, socketMode: true, appToken: slack.appToken });
  }
  const receiver = new CheckedHttpReceiver({
    signingSecret: slack.signingSecret ?? '',
    port: slack.port,
    // Listeners ack first and work after: Slack gets its response at ack(), within its 3 s.
    processBeforeResponse: false,
    boltLogger: common.logger,
    logger,
  });
  return new App({ ...common, receiver });
}
