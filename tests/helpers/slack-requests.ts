import { createHmac, randomBytes } from 'node:crypto';

/** Slack's request signature: v0=hex(HMAC-SHA256(secret, "v0:<ts>:<raw body>")). */
export function slackSignature(secret: string, timestamp: number, body: string): string {
  return `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
}

export interface SignedPostOptions {
  contentType: 'application/json' | 'application/x-www-form-urlencoded';
  /** Unix seconds; defaults to now. */
  timestamp?: number;
  /** Overrides the computed signature (bad signatures); null leaves the header out. */
  signature?: string | null;
  /** Signs with another secret. */
  secret?: string;
  headers?: Record<string, string>;
}

export interface SignedPostResult {
  status: number;
  text: string;
  /** Milliseconds from sending to the full response. */
  ms: number;
}

let counter = 0;
const uniqueId = (prefix: string): string => `${prefix}${Date.now().toString(36).toUpperCase()}${(counter += 1)}${randomBytes(3).toString('hex').toUpperCase()}`;

/**
 * Signs and sends requests to a bolt app's /slack/events the way Slack does: slash commands
 * form-encoded, events as JSON, interactivity as a form field `payload`.
 */
export class SlackRequests {
  constructor(
    readonly eventsUrl: string,
    readonly signingSecret: string,
    readonly teamId = 'T0FAKE',
  ) {}

  async post(body: string, options: SignedPostOptions): Promise<SignedPostResult> {
    const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
    const signature = options.signature === undefined ? slackSignature(options.secret ?? this.signingSecret, timestamp, body) : options.signature;
    const headers: Record<string, string> = { 'content-type': options.contentType, 'x-slack-request-timestamp': String(timestamp), ...options.headers };
    if (signature !== null) headers['x-slack-signature'] = signature;
    const started = performance.now();
    const response = await fetch(this.eventsUrl, { method: 'POST', headers, body });
    const text = await response.text();
    return { status: response.status, text, ms: performance.now() - started };
  }

  /** A `/recap` slash command; `responseUrl` is where respond() will post. */
  command(text: string, options: SlashCommandOptions): Promise<SignedPostResult> {
    return this.post(slashCommandBody(text, options, this.teamId), { contentType: 'application/x-www-form-urlencoded' });
  }

  /** An Events API callback wrapping `event`. */
  event(event: Record<string, unknown>, options: { eventId?: string; retryNum?: number } = {}): Promise<SignedPostResult> {
    const headers: Record<string, string> = options.retryNum ? { 'x-slack-retry-num': String(options.retryNum), 'x-slack-retry-reason': 'http_timeout' } : {};
    return this.post(JSON.stringify(eventEnvelope(event, { teamId: this.teamId, eventId: options.eventId })), { contentType: 'application/json', headers });
  }

  /** A block_actions interaction (a button click). */
  action(payload: Record<string, unknown>): Promise<SignedPostResult> {
    return this.post(new URLSearchParams({ payload: JSON.stringify(payload) }).toString(), { contentType: 'application/x-www-form-urlencoded' });
  }
}

export interface SlashCommandOptions {
  user?: string;
  channel?: string;
  /** The channel's name as Slack sends it ("general" unless told). */
  channelName?: string;
  responseUrl: string;
  triggerId?: string;
}

/** The form body Slack posts for `/recap <text>`. */
export function slashCommandBody(text: string, options: SlashCommandOptions, teamId = 'T0FAKE'): string {
  return new URLSearchParams({
    token: 'legacy-verification-token',
    team_id: teamId,
    team_domain: 'fake',
    channel_id: options.channel ?? 'C0GENERAL',
    channel_name: options.channelName ?? 'general',
    user_id: options.user ?? 'U0ASKER',
    user_name: 'asker',
    command: '/recap',
    text,
    api_app_id: 'A0FAKE',
    is_enterprise_install: 'false',
    response_url: options.responseUrl,
    trigger_id: options.triggerId ?? uniqueId('trigger.'),
  }).toString();
}

/** The Events API envelope around an event (also the Socket Mode events_api payload). */
export function eventEnvelope(event: Record<string, unknown>, options: { teamId?: string; eventId?: string } = {}): Record<string, unknown> {
  return {
    token: 'legacy-verification-token',
    team_id: options.teamId ?? 'T0FAKE',
    api_app_id: 'A0FAKE',
    event: { event_ts: event.ts, ...event },
    type: 'event_callback',
    event_id: options.eventId ?? uniqueId('Ev'),
    event_time: Math.floor(Date.now() / 1000),
    authorizations: [{ enterprise_id: null, team_id: options.teamId ?? 'T0FAKE', user_id: 'UBOT', is_bot: true }],
  };
}

/** An app_mention event from a person. */
export function mentionEvent(text: string, options: { user?: string; channel?: string; ts?: string; threadTs?: string; files?: Array<{ id: string; name: string }> } = {}): Record<string, unknown> {
  const ts = options.ts ?? `${Math.floor(Date.now() / 1000)}.${String((counter += 1)).padStart(6, '0')}`;
  return {
    type: 'app_mention',
    user: options.user ?? 'U0ASKER',
    text: `<@UBOT> ${text}`,
    ts,
    channel: options.channel ?? 'C0GENERAL',
    ...(options.threadTs ? { thread_ts: options.threadTs } : {}),
    ...(options.files ? { files: options.files } : {}),
  };
}

/** A button click on a message, as Slack sends it. */
export function buttonClick(actionId: string, value: string, options: { user?: string; channel?: string; responseUrl: string }): Record<string, unknown> {
  return {
    type: 'block_actions',
    team: { id: 'T0FAKE', domain: 'fake' },
    user: { id: options.user ?? 'U0ASKER', username: 'asker', team_id: 'T0FAKE' },
    api_app_id: 'A0FAKE',
    token: 'legacy-verification-token',
    container: { type: 'message', message_ts: '1700000000.000001', channel_id: options.channel ?? 'C0GENERAL', is_ephemeral: true },
    trigger_id: uniqueId('trigger.'),
    channel: { id: options.channel ?? 'C0GENERAL', name: 'general' },
    response_url: options.responseUrl,
    actions: [{ type: 'button', action_id: actionId, block_id: 'b1', value, text: { type: 'plain_text', text: 'x' }, action_ts: String(Date.now() / 1000) }],
  };
}
