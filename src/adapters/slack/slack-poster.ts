import { webApi } from '@slack/bolt';
import { renderSlackReply, type SlackMessage } from './render-slack.js';
import type { Reply } from '../../domain/reply.js';
import type { SlackSettings } from './slack-settings.js';
import type { Logger } from '../../logger.js';
import { PostFailure, type ChannelPoster, type PostMarker } from '../../domain/channel-poster.js';
import { boltLogger } from './bolt-logger.js';
import { slackErrorCode } from './slack-error.js';

/** The metadata event type on every scheduled post: how a retry finds what an earlier attempt sent. */
const POST_EVENT_TYPE = 'recap_post';
/** Messages looked through for an earlier attempt's message (a window's post is seconds old). */
const HISTORY_LIMIT = 200;
/** Clocks of this machine and Slack's may differ a little. */
const CLOCK_SKEW_MS = 60_000;

/** Slack errors that retrying cannot fix, with what to do. */
const PERMANENT: Record<string, string> = {
  channel_not_found: 'the channel does not exist or the bot cannot see it; check the channel id, or invite the bot (/invite @recap)',
  not_in_channel: 'the bot is not in the channel; invite it with /invite @recap',
  is_archived: 'the channel is archived',
  missing_scope: 'the Slack app lacks a scope (chat:write; channels:history to check for earlier attempts); reinstall it from slack/manifest.yaml',
  invalid_auth: 'Slack refused SLACK_BOT_TOKEN',
  not_authed: 'Slack received no token',
  account_inactive: 'the app was uninstalled or its bot deactivated',
  token_revoked: 'the bot token was revoked; reinstall the app',
  restricted_action: 'the workspace does not let the bot post in this channel',
  no_permission: 'the bot may not post in this channel',
  cant_update_message: 'the posted message can no longer be edited',
  message_not_found: 'the posted message was deleted',
  msg_too_long: 'the message is longer than Slack accepts',
  invalid_blocks: 'Slack refused the message layout',
};

interface HistoryMessage {
  ts?: string;
  metadata?: { event_type?: string; event_payload?: Record<string, unknown> };
}

/** Scheduled posts in Slack channels over the Web API (chat.postMessage / update / delete). */
export class SlackPoster implements ChannelPoster<SlackMessage> {
  readonly platform = 'slack';
  private readonly client: webApi.WebClient;

  constructor(settings: SlackSettings, logger: Logger, options: { retryConfig?: webApi.RetryOptions } = {}) {
    this.client = new webApi.WebClient(settings.botToken, {
      slackApiUrl: settings.apiUrl,
      logger: boltLogger(logger),
      // A rate limit becomes an error, and the job's backoff waits (a blocked worker helps nobody).
      rejectRateLimitedCalls: true,
      // Every request (retries included) ends well within a window's lease (60 s): a hung post
      // must not outlive the lease, or another worker could take the window while it is in flight.
      timeout: 12_000,
      retryConfig: options.retryConfig ?? { retries: 2, factor: 2, minTimeout: 500, maxTimeout: 3_000 },
    });
  }

  render(replies: readonly Reply[]): SlackMessage[] {
    return replies.flatMap((reply) => renderSlackReply(reply));
  }

  async post(channel: string, part: SlackMessage, marker: PostMarker): Promise<string> {
    const result = await this.call(() => this.client.chat.postMessage({ channel, ...part, metadata: metadataOf(marker) }));
    if (typeof result.ts !== 'string') throw new PostFailure('Slack did not say which message it posted', false);
    return result.ts;
  }

  async findPosted(channel: string, marker: PostMarker, sinceMs: number): Promise<string | null> {
    const history = await this.call(() =>
      this.client.conversations.history({ channel, oldest: ((sinceMs - CLOCK_SKEW_MS) / 1000).toFixed(6), include_all_metadata: true, limit: HISTORY_LIMIT }),
    );
    const found = ((history.messages ?? []) as HistoryMessage[]).find((message) => sameMarker(message.metadata, marker));
    return found?.ts ?? null;
  }

  async update(channel: string, messageId: string, part: SlackMessage, marker: PostMarker): Promise<void> {
    await this.call(() => this.client.chat.update({ channel, ts: messageId, text: part.text, blocks: part.blocks, metadata: metadataOf(marker) }));
  }

  async remove(channel: string, messageId: string): Promise<void> {
    await this.call(() => this.client.chat.delete({ channel, ts: messageId }));
  }

  async identity(): Promise<string> {
    const me = await this.call(() => this.client.auth.test());
    return `@${me.user ?? 'unknown'} in ${me.team ?? 'unknown workspace'}`;
  }

  /** Reading one message of the channel needs what a retry needs to check for an earlier post. */
  async checkChannel(channel: string): Promise<void> {
    await this.call(() => this.client.conversations.history({ channel, limit: 1 }));
  }

  private async call<T>(request: () => Promise<T>): Promise<T> {
    try {
      return await request();
    } catch (error) {
      throw slackPostFailure(error);
    }
  }
}

function metadataOf(marker: PostMarker): { event_type: string; event_payload: Record<string, string | number> } {
  return { event_type: POST_EVENT_TYPE, event_payload: { schedule_id: marker.scheduleId, window: marker.window, part: marker.part } };
}

function sameMarker(metadata: HistoryMessage['metadata'], marker: PostMarker): boolean {
  const payload = metadata?.event_payload;
  return metadata?.event_type === POST_EVENT_TYPE && payload?.schedule_id === marker.scheduleId && payload.window === marker.window && Number(payload.part) === marker.part;
}

/** A Slack error as a PostFailure: platform errors in PERMANENT are for good; rate limits, 5xx and network errors pass. */
export function slackPostFailure(error: unknown): PostFailure {
  const code = slackErrorCode(error);
  if (code !== null) {
    const fix = PERMANENT[code];
    return new PostFailure(`Slack: ${code}${fix ? ` (${fix})` : ''}`, fix !== undefined, { cause: error });
  }
  const reason = error instanceof Error ? error.message : String(error);
  return new PostFailure(`Slack could not be reached: ${reason}`, false, { cause: error });
}
