import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';

/**
 * A local stand-in for Discord at the network edge: the REST API (under /api/v10) and the
 * gateway (a WebSocket on the same port), enough for the real discord.js Client to log in, see one
 * guild with a channel and a thread, receive messages and interactions, and reply. Tests push
 * gateway events and read back every REST call the bot made. See shared/design/TESTING.md for the
 * facts this relies on (text frames, READY with application, GUILD_CREATE per guild, heartbeat ACK).
 */

/** How long Discord remembers a message nonce for enforce_nonce (its docs: "the past few minutes"). */
const NONCE_WINDOW_MS = 5 * 60_000;

/** A message as it stands in a channel of the fake. */
export interface StoredMessage {
  id: string;
  content: string;
  embeds: unknown[];
  nonce: string | null;
  at: number;
  edits: number;
}

/** One REST call the bot made. */
export interface RecordedCall {
  method: string;
  /** Path below /api/v10, e.g. "/channels/123/messages". */
  path: string;
  query: URLSearchParams;
  /** Parsed JSON body ({} when none). */
  body: Record<string, unknown>;
  authorization: string | undefined;
  at: number;
}

export interface FakeUser {
  id: string;
  username: string;
  bot?: boolean;
}

export interface FakeAttachment {
  filename: string;
  size: number;
  url: string;
  contentType?: string;
}

export interface MessageInput {
  content: string;
  author: FakeUser;
  channelId?: string;
  /** Users the message mentions (Discord sends them resolved). */
  mentions?: FakeUser[];
  mentionRoles?: string[];
  mentionEveryone?: boolean;
  /** Role ids of the author in the guild. */
  roles?: string[];
  attachments?: FakeAttachment[];
  /** Reactions already on it (for messages only in the history): emoji and count. */
  reactions?: Array<{ emoji: string; count: number }>;
}

export interface InteractionInput {
  user: FakeUser;
  roles?: string[];
  /** The subcommand group of /recap ("schedule"), when the subcommand is in one. */
  group?: string;
  /** The subcommand of /recap (or of its group) and its options. */
  subcommand: string;
  /** Strings (type 3), booleans (type 5) and channels (type 7, given as { channelId }). */
  options?: Record<string, InteractionOptionValue>;
  channelId?: string;
  /** Type 4 = autocomplete; 2 = the command itself (default). */
  type?: 2 | 4;
  /** For autocomplete: the option being typed. */
  focused?: string;
}

export interface ButtonClickInput {
  user: FakeUser;
  roles?: string[];
  /** The clicked button's custom_id. */
  customId: string;
  channelId?: string;
  /** Text of the message the button is on. */
  messageContent?: string;
  /** Whether that message is ephemeral (default: yes, as a command's private reply). */
  ephemeral?: boolean;
}

/** A channel option's value: Discord sends the id, and the channel itself in data.resolved.channels. */
export interface ChannelOptionValue {
  channelId: string;
}
export type InteractionOptionValue = string | boolean | ChannelOptionValue;

/** An option as Discord sends it in interaction data (3 string, 5 boolean, 7 channel). */
function interactionOption(name: string, value: InteractionOptionValue): { type: 3 | 5 | 7; name: string; value: string | boolean } {
  if (typeof value === 'boolean') return { type: 5, name, value };
  if (typeof value === 'object') return { type: 7, name, value: value.channelId };
  return { type: 3, name, value };
}

/** data.resolved for the channel options: enough of each channel for discord.js to build it. */
function resolvedChannels(options: Record<string, InteractionOptionValue>, guildId: string, known: (id: string) => Record<string, unknown> | null): Record<string, Record<string, unknown>> | undefined {
  const channels = Object.values(options).filter((value): value is ChannelOptionValue => typeof value === 'object');
  if (channels.length === 0) return undefined;
  const permissions = String(SEND_MESSAGES | VIEW_CHANNEL);
  return Object.fromEntries(channels.map(({ channelId }) => [channelId, { ...(known(channelId) ?? { id: channelId, type: 0, name: `channel-${channelId}`, guild_id: guildId }), permissions }]));
}

const API_PREFIX = '/api/v10';
const OP = { dispatch: 0, heartbeat: 1, identify: 2, hello: 10, heartbeatAck: 11 } as const;
// Discord's real interval; the client's first heartbeat comes after a random share of it.
const HEARTBEAT_INTERVAL_MS = 41_250;
const MANAGE_GUILD = 1n << 5n;
const EPHEMERAL_FLAG = 1 << 6;
const SEND_MESSAGES = 1n << 11n;
const VIEW_CHANNEL = 1n << 10n;
const READ_MESSAGE_HISTORY = 1n << 16n;
const GUILD_TEXT = 0;
const PUBLIC_THREAD = 11;

const DISCORD_EPOCH = 1_420_070_400_000n;
let nextSnowflake = 0n;
let pastSequence = 0n;
/** Unique, increasing ids shaped like Discord's: the time (ms since 2015) in the high bits, so discord.js reads the right createdTimestamp. */
export function snowflake(): string {
  const now = (BigInt(Date.now()) - DISCORD_EPOCH) << 22n;
  nextSnowflake = now > nextSnowflake ? now : nextSnowflake + 1n;
  return nextSnowflake.toString();
}

/** An id of a message posted at `at` (in the past: before the bot was there). */
export function snowflakeAt(at: number): string {
  pastSequence = (pastSequence + 1n) % 4096n;
  return (((BigInt(at) - DISCORD_EPOCH) << 22n) + pastSequence).toString();
}

export class FakeDiscord {
  readonly applicationId = snowflake();
  readonly botUser: FakeUser = { id: this.applicationId, username: 'Recap', bot: true };
  readonly guildId = snowflake();
  readonly channelId = snowflake();
  readonly threadId = snowflake();
  /** The role Discord makes for the bot when it joins ("@Recap" as a role mention). */
  readonly botRoleId = snowflake();
  /** The DM channel between the bot and the member (type 1), unknown to the client until a message comes in it. */
  readonly dmChannelId = snowflake();
  /** A role with the Manage Server permission. */
  readonly managerRoleId = snowflake();
  /** A plain role, listed in DISCORD_ADMIN_ROLE_IDS by tests that want it to be an admin role. */
  readonly adminRoleId = snowflake();
  readonly member: FakeUser = { id: snowflake(), username: 'alice' };
  /** A second person in the conversations. */
  readonly otherMember: FakeUser = { id: snowflake(), username: 'bob' };
  /** A channel in the guild whose history the bot may not read (GET messages answers 403 Missing Access). */
  readonly secretChannelId = snowflake();
  /** Channels whose history answers 403 Missing Access (the secret one to begin with). */
  readonly unreadableChannels = new Set<string>([this.secretChannelId]);
  /** Channel id -> every message in it as Discord would return it (people's, bots', the bot's own), oldest first. */
  readonly messageLog = new Map<string, Array<Record<string, unknown>>>();
  /** Threads of the guild: id -> channel object (type 11, parent_id). */
  private readonly threads = new Map<string, Record<string, unknown>>();

  constructor() {
    this.threads.set(this.threadId, this.threadObject(this.threadId, 'talk-thread', this.channelId));
  }
  readonly otherBot: FakeUser = { id: snowflake(), username: 'otherbot', bot: true };

  readonly calls: RecordedCall[] = [];
  /** IDENTIFY payloads received (intents, token). */
  readonly identifies: Array<Record<string, unknown>> = [];
  /** URLs of attachments the bot downloaded. */
  readonly downloads: string[] = [];
  /** Status to answer POST /channels/:id/messages with instead of 200 (to test failures). */
  messageStatus = 200;
  /** Channel id -> messages posted there by the bot (as they stand after edits and deletes). */
  readonly channelMessages = new Map<string, StoredMessage[]>();
  /** When set, REST calls with another bot token get 401, as Discord does with a wrong token. */
  acceptedToken: string | null = null;
  /** When set, the gateway closes with this code after IDENTIFY (4014: intents not enabled). */
  closeOnIdentify: number | null = null;

  private server: Server | null = null;
  private gateway: WebSocketServer | null = null;
  private readonly sessions = new Set<{ socket: WebSocket; seq: number }>();
  private readonly files = new Map<string, { bytes: Buffer; contentType: string }>();
  private readonly redirects = new Map<string, string>();
  private readonly listeners = new Set<() => void>();
  private port = 0;

  get apiUrl(): string {
    return `http://127.0.0.1:${this.port}/api`;
  }

  get origin(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  async start(): Promise<this> {
    this.server = createServer((request, response) => void this.handle(request, response));
    this.gateway = new WebSocketServer({ server: this.server, path: '/gateway' });
    this.gateway.on('connection', (socket) => this.onConnection(socket));
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.address() as AddressInfo).port;
    return this;
  }

  async stop(): Promise<void> {
    for (const session of this.sessions) session.socket.terminate();
    this.sessions.clear();
    await new Promise<void>((resolve) => (this.gateway ? this.gateway.close(() => resolve()) : resolve()));
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  /** Serves bytes at a URL on this server (an attachment on Discord's CDN). */
  serveFile(name: string, bytes: Buffer | string, contentType = 'text/markdown; charset=utf-8'): FakeAttachment {
    const buffer = Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes);
    const key = `/attachments/${snowflake()}/${encodeURIComponent(name)}`;
    this.files.set(key, { bytes: buffer, contentType });
    return { filename: name, size: buffer.length, url: `${this.origin}${key}`, contentType };
  }

  /**
   * Answers GET on a URL of this server with a redirect to `location` (an attachment that moved);
   * a function gets the redirect's own URL (return it for a loop).
   */
  serveRedirect(name: string, location: string | ((url: string) => string)): FakeAttachment {
    const key = `/attachments/${snowflake()}/${encodeURIComponent(name)}`;
    const url = `${this.origin}${key}`;
    this.redirects.set(key, typeof location === 'string' ? location : location(url));
    return { filename: name, size: 100, url };
  }

  /** Pushes a MESSAGE_CREATE to every connected client (and keeps it in the channel's history); returns the message id. */
  sendMessage(input: MessageInput): string {
    const data = this.messageData(input);
    this.logMessage(data);
    this.dispatch('MESSAGE_CREATE', data);
    return String(data.id);
  }

  /**
   * Someone writes to the bot in a direct message: MESSAGE_CREATE without guild_id or member, in
   * a DM channel the client has never seen (as Discord sends the first message of a DM), with
   * channel_type 1 (DM), from which discord.js makes the DM channel; returns the message id.
   */
  sendDirectMessage(input: { content: string; author: FakeUser; channelId?: string; attachments?: FakeAttachment[]; mentions?: FakeUser[] }): string {
    const { guild_id: _guild, member: _member, ...message } = this.messageData({ ...input, channelId: input.channelId ?? this.dmChannelId });
    const data: Record<string, unknown> = { ...message, channel_type: 1 };
    this.logMessage(data);
    this.dispatch('MESSAGE_CREATE', data);
    return String(data.id);
  }

  /** A message posted at `at` before the bot was there: only in the channel's history (GET messages), never dispatched. */
  seedMessage(input: MessageInput & { at: number }): string {
    const data = { ...this.messageData(input), id: snowflakeAt(input.at), timestamp: new Date(input.at).toISOString() };
    this.logMessage(data);
    return String(data.id);
  }

  /** Someone edits their message: MESSAGE_UPDATE with the whole message, as Discord sends it. */
  editMessage(channelId: string, id: string, content: string): void {
    const data = this.loggedMessage(channelId, id);
    Object.assign(data, { content, edited_timestamp: new Date().toISOString() });
    this.dispatch('MESSAGE_UPDATE', data);
  }

  /** Someone deletes a message: MESSAGE_DELETE (the id only). */
  deleteMessage(channelId: string, id: string): void {
    const log = this.messageLog.get(channelId) ?? [];
    log.splice(log.indexOf(this.loggedMessage(channelId, id)), 1);
    this.dispatch('MESSAGE_DELETE', { id, channel_id: channelId, guild_id: this.guildId });
  }

  /** A moderator deletes several messages at once: MESSAGE_DELETE_BULK (the ids only). */
  deleteMessages(channelId: string, ids: string[]): void {
    const log = this.messageLog.get(channelId) ?? [];
    for (const id of ids) log.splice(log.indexOf(this.loggedMessage(channelId, id)), 1);
    this.dispatch('MESSAGE_DELETE_BULK', { ids, channel_id: channelId, guild_id: this.guildId });
  }

  /** Someone reacts to a message: MESSAGE_REACTION_ADD (the message itself is not sent). */
  addReaction(channelId: string, id: string, emoji: string, user: FakeUser = this.member): void {
    const data = this.loggedMessage(channelId, id);
    const reactions = (data.reactions as Array<{ count: number; emoji: { name: string } }> | undefined) ?? [];
    const existing = reactions.find((reaction) => reaction.emoji.name === emoji);
    if (existing) existing.count += 1;
    else reactions.push({ count: 1, emoji: { name: emoji } });
    data.reactions = reactions.map((reaction) => ({ count: reaction.count, count_details: { burst: 0, normal: reaction.count }, me: false, me_burst: false, burst_colors: [], emoji: { id: null, name: reaction.emoji.name } }));
    this.dispatch('MESSAGE_REACTION_ADD', {
      user_id: user.id,
      message_id: id,
      channel_id: channelId,
      guild_id: this.guildId,
      member: { user: userObject(user), roles: [], joined_at: new Date(0).toISOString(), deaf: false, mute: false, flags: 0 },
      emoji: { id: null, name: emoji },
      burst: false,
      type: 0,
    });
  }

  /** A new thread in the channel (THREAD_CREATE, type 11); returns its id (a thread started from a message has that message's id). */
  createThread(name: string, options: { parentId?: string; fromMessage?: string } = {}): string {
    const id = options.fromMessage ?? snowflake();
    const thread = this.threadObject(id, name, options.parentId ?? this.channelId);
    this.threads.set(id, thread);
    this.dispatch('THREAD_CREATE', { ...thread, newly_created: true });
    return id;
  }

  private threadObject(id: string, name: string, parentId: string): Record<string, unknown> {
    return {
      id,
      type: PUBLIC_THREAD,
      name,
      parent_id: parentId,
      guild_id: this.guildId,
      owner_id: this.member.id,
      thread_metadata: { archived: false, auto_archive_duration: 1440, archive_timestamp: new Date().toISOString(), locked: false },
      message_count: 0,
      member_count: 1,
    };
  }

  private logMessage(data: Record<string, unknown>): void {
    const channelId = String(data.channel_id);
    const log = this.messageLog.get(channelId) ?? [];
    this.messageLog.set(channelId, log);
    log.push(data);
  }

  private loggedMessage(channelId: string, id: string): Record<string, unknown> {
    const found = this.messageLog.get(channelId)?.find((message) => message.id === id);
    if (!found) throw new Error(`no message ${id} in channel ${channelId}`);
    return found;
  }

  /** A channel object as Discord returns it (GET /channels/:id, interaction data), or null. */
  private channelObject(id: string): Record<string, unknown> | null {
    const thread = this.threads.get(id);
    if (thread) return thread;
    if (id === this.channelId) return { id, type: GUILD_TEXT, guild_id: this.guildId, name: 'general', position: 0, permission_overwrites: [], parent_id: null, nsfw: false };
    if (id === this.secretChannelId) return { id, type: GUILD_TEXT, guild_id: this.guildId, name: 'secret', position: 1, permission_overwrites: [], parent_id: null, nsfw: false };
    return null;
  }

  /** The MESSAGE_CREATE payload sendMessage would push, for tests that spoil it (see dispatchRaw). */
  messageData(input: MessageInput): Record<string, unknown> {
    const id = snowflake();
    const channelId = input.channelId ?? this.channelId;
    return {
      id,
      type: 0,
      channel_id: channelId,
      guild_id: this.guildId,
      author: userObject(input.author),
      member: { roles: input.roles ?? [], joined_at: new Date(0).toISOString(), deaf: false, mute: false, flags: 0 },
      content: input.content,
      timestamp: new Date().toISOString(),
      ...(input.reactions
        ? { reactions: input.reactions.map((reaction) => ({ count: reaction.count, count_details: { burst: 0, normal: reaction.count }, me: false, me_burst: false, burst_colors: [], emoji: { id: null, name: reaction.emoji } })) }
        : {}),
      edited_timestamp: null,
      tts: false,
      mention_everyone: input.mentionEveryone ?? false,
      mentions: (input.mentions ?? []).map(userObject),
      mention_roles: input.mentionRoles ?? [],
      attachments: (input.attachments ?? []).map((attachment) => ({
        id: snowflake(),
        filename: attachment.filename,
        size: attachment.size,
        url: attachment.url,
        proxy_url: attachment.url,
        content_type: attachment.contentType ?? 'text/plain',
      })),
      embeds: [],
      pinned: false,
      flags: 0,
      components: [],
    };
  }

  /** Pushes an INTERACTION_CREATE for /recap <subcommand>; returns its id and token. */
  sendInteraction(input: InteractionInput): { id: string; token: string } {
    const data = this.interactionData(input);
    this.dispatch('INTERACTION_CREATE', data);
    return { id: String(data.id), token: String(data.token) };
  }

  /** The INTERACTION_CREATE payload sendInteraction would push, for tests that spoil it. */
  interactionData(input: InteractionInput): Record<string, unknown> {
    const id = snowflake();
    const token = `interaction-token-${id}`;
    const options = Object.entries(input.options ?? {}).map(([name, value]) => ({
      ...interactionOption(name, value),
      ...(input.focused === name ? { focused: true } : {}),
    }));
    const subcommand = { type: 1, name: input.subcommand, options };
    const resolved = resolvedChannels(input.options ?? {}, this.guildId, (id) => this.channelObject(id));
    return {
      ...this.interactionBase(id, token, input.user, input.roles ?? [], input.channelId),
      type: input.type ?? 2,
      data: {
        id: 'recap-command-id',
        name: 'recap',
        type: 1,
        // A grouped subcommand (type 1) comes inside its group (type 2).
        options: [input.group ? { type: 2, name: input.group, options: [subcommand] } : subcommand],
        ...(resolved ? { resolved: { channels: resolved } } : {}),
      },
    };
  }

  /**
   * Pushes an INTERACTION_CREATE for a click on a button (type 3, message component) of a message
   * the bot sent, such as an ephemeral reply to a command; returns its id and token.
   */
  sendButtonClick(input: ButtonClickInput): { id: string; token: string } {
    const id = snowflake();
    const token = `interaction-token-${id}`;
    const channelId = input.channelId ?? this.channelId;
    const message = { ...this.messageObject(channelId, { content: input.messageContent ?? '' }), flags: input.ephemeral === false ? 0 : EPHEMERAL_FLAG };
    this.dispatch('INTERACTION_CREATE', {
      ...this.interactionBase(id, token, input.user, input.roles ?? [], channelId),
      type: 3,
      message,
      data: { custom_id: input.customId, component_type: 2 },
    });
    return { id, token };
  }

  /** What every interaction carries: the guild, the channel, and the member with their roles and permissions. */
  private interactionBase(id: string, token: string, user: FakeUser, roles: readonly string[], channelId = this.channelId): Record<string, unknown> {
    return {
      id,
      application_id: this.applicationId,
      token,
      version: 1,
      guild_id: this.guildId,
      channel_id: channelId,
      channel: this.channelObject(channelId) ?? { id: channelId, type: GUILD_TEXT, guild_id: this.guildId, name: 'general' },
      member: {
        user: userObject(user),
        roles,
        permissions: String(this.permissionsOf(roles)),
        joined_at: new Date(0).toISOString(),
        deaf: false,
        mute: false,
        flags: 0,
      },
      app_permissions: String(SEND_MESSAGES | VIEW_CHANNEL),
      locale: 'en-US',
      guild_locale: 'ja',
      entitlements: [],
      authorizing_integration_owners: { '0': this.guildId },
      context: 0,
    };
  }

  /** Pushes any dispatch (op 0) as is, however malformed: what a broken or hostile gateway might send. */
  dispatchRaw(event: string, data: unknown): void {
    this.dispatch(event, data);
  }

  /** Resolves once a client has identified (a bot run in another process has connected). */
  async waitForClient(timeoutMs = 30_000): Promise<void> {
    await this.waitUntil(() => this.sessions.size > 0, timeoutMs, () => 'no discord client connected to the fake gateway');
  }

  /** REST calls matching a filter, in order. */
  callsWhere(filter: (call: RecordedCall) => boolean): RecordedCall[] {
    return this.calls.filter(filter);
  }

  /** Messages the bot posted in channels (replies and follow-up parts). */
  postedMessages(): RecordedCall[] {
    return this.callsWhere((call) => call.method === 'POST' && /^\/channels\/\d+\/messages$/.test(call.path));
  }

  /** Resolves once `count` calls match, or rejects after the timeout with what was seen. */
  async waitForCalls(filter: (call: RecordedCall) => boolean, count = 1, timeoutMs = 30_000): Promise<RecordedCall[]> {
    const found = (): RecordedCall[] => this.calls.filter(filter);
    await this.waitUntil(() => found().length >= count, timeoutMs, () => `expected ${count} matching call(s) within ${timeoutMs} ms; calls: ${this.calls.map((call) => `${call.method} ${call.path}`).join(', ')}`);
    return found();
  }

  /** Resolves once `condition` holds, checked whenever a REST call or a client arrives. */
  private async waitUntil(condition: () => boolean, timeoutMs: number, failure: () => string): Promise<void> {
    if (condition()) return;
    return new Promise((resolve, reject) => {
      const check = (): void => {
        if (!condition()) return;
        cleanup();
        resolve();
      };
      const timer = setTimeout(() => {
        cleanup();
        reject(new Error(failure()));
      }, timeoutMs);
      const cleanup = (): void => {
        clearTimeout(timer);
        this.listeners.delete(check);
      };
      this.listeners.add(check);
    });
  }

  /** Waits a moment and confirms nothing matching arrived (for "the bot stays silent"). */
  async expectNoCalls(filter: (call: RecordedCall) => boolean, waitMs = 400): Promise<RecordedCall[]> {
    await new Promise((resolve) => setTimeout(resolve, waitMs));
    return this.calls.filter(filter);
  }

  private permissionsOf(roles: readonly string[]): bigint {
    return roles.includes(this.managerRoleId) ? MANAGE_GUILD | SEND_MESSAGES | VIEW_CHANNEL | READ_MESSAGE_HISTORY : SEND_MESSAGES | VIEW_CHANNEL | READ_MESSAGE_HISTORY;
  }

  private guildObject(): Record<string, unknown> {
    const role = (id: string, name: string, permissions: bigint, extra: Record<string, unknown> = {}): Record<string, unknown> => ({
      id,
      name,
      permissions: String(permissions),
      position: 0,
      color: 0,
      colors: { primary_color: 0, secondary_color: null, tertiary_color: null },
      hoist: false,
      managed: false,
      mentionable: true,
      flags: 0,
      icon: null,
      unicode_emoji: null,
      ...extra,
    });
    return {
      id: this.guildId,
      name: 'Meetup',
      icon: null,
      owner_id: snowflake(),
      afk_timeout: 300,
      verification_level: 0,
      default_message_notifications: 0,
      explicit_content_filter: 0,
      mfa_level: 0,
      nsfw_level: 0,
      premium_tier: 0,
      preferred_locale: 'ja',
      features: [],
      emojis: [],
      stickers: [],
      roles: [
        role(this.guildId, '@everyone', SEND_MESSAGES | VIEW_CHANNEL | READ_MESSAGE_HISTORY),
        role(this.botRoleId, 'Recap', SEND_MESSAGES | VIEW_CHANNEL | READ_MESSAGE_HISTORY, { managed: true, tags: { bot_id: this.botUser.id } }),
        role(this.managerRoleId, 'Organizers', MANAGE_GUILD),
        role(this.adminRoleId, 'Note keepers', 0n),
      ],
      channels: [this.channelObject(this.channelId), this.channelObject(this.secretChannelId)],
      threads: [...this.threads.values()],
      members: [{ user: userObject(this.botUser), roles: [this.botRoleId], joined_at: new Date(0).toISOString(), deaf: false, mute: false, flags: 0 }],
      member_count: 3,
      voice_states: [],
      presences: [],
      stage_instances: [],
      guild_scheduled_events: [],
      soundboard_sounds: [],
      large: false,
      unavailable: false,
      joined_at: new Date(0).toISOString(),
    };
  }

  private onConnection(socket: WebSocket): void {
    const session = { socket, seq: 0 };
    socket.send(JSON.stringify({ op: OP.hello, d: { heartbeat_interval: HEARTBEAT_INTERVAL_MS }, s: null, t: null }));
    socket.on('message', (raw) => {
      const payload = JSON.parse(String(raw)) as { op: number; d: Record<string, unknown> };
      if (payload.op === OP.heartbeat) {
        socket.send(JSON.stringify({ op: OP.heartbeatAck, d: null, s: null, t: null }));
      } else if (payload.op === OP.identify) {
        this.identifies.push(payload.d);
        if (this.closeOnIdentify !== null) {
          socket.close(this.closeOnIdentify, 'Disallowed intent(s).');
          return;
        }
        this.sessions.add(session);
        this.notify();
        this.send(session, 'READY', {
          v: 10,
          user: { ...userObject(this.botUser), verified: true, flags: 0, mfa_enabled: false },
          guilds: [{ id: this.guildId, unavailable: true }],
          session_id: `session-${snowflake()}`,
          resume_gateway_url: `ws://127.0.0.1:${this.port}/gateway`,
          shard: [0, 1],
          application: { id: this.applicationId, flags: 0 },
          private_channels: [],
        });
        this.send(session, 'GUILD_CREATE', this.guildObject());
      }
    });
    socket.on('close', () => this.sessions.delete(session));
  }

  private notify(): void {
    for (const listener of [...this.listeners]) listener();
  }

  private dispatch(event: string, data: unknown): void {
    if (this.sessions.size === 0) throw new Error('no discord client is connected to the fake gateway');
    for (const session of this.sessions) this.send(session, event, data);
  }

  private send(session: { socket: WebSocket; seq: number }, event: string, data: unknown): void {
    session.seq += 1;
    // Text frames: the client takes binary frames for compressed data.
    session.socket.send(JSON.stringify({ op: OP.dispatch, t: event, s: session.seq, d: data }));
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const url = new URL(request.url ?? '/', this.origin);
    const file = this.files.get(url.pathname);
    const redirect = this.redirects.get(url.pathname);
    if (request.method === 'GET' && redirect !== undefined) {
      this.downloads.push(url.href);
      response.writeHead(302, { location: redirect });
      response.end();
      return;
    }
    if (request.method === 'GET' && file) {
      this.downloads.push(url.href);
      response.writeHead(200, { 'content-type': file.contentType, 'content-length': file.bytes.length });
      response.end(file.bytes);
      return;
    }
    if (!url.pathname.startsWith(API_PREFIX)) return send(response, 404, { message: 'Not Found', code: 0 });
    const raw = Buffer.concat(chunks).toString('utf8');
    const call: RecordedCall = {
      method: request.method ?? 'GET',
      path: decodeURIComponent(url.pathname.slice(API_PREFIX.length)),
      query: url.searchParams,
      body: raw ? (JSON.parse(raw) as Record<string, unknown>) : {},
      authorization: request.headers.authorization,
      at: Date.now(),
    };
    this.calls.push(call);
    this.route(call, response);
    this.notify();
  }

  private route(call: RecordedCall, response: ServerResponse): void {
    const { method, path } = call;
    // Interaction callbacks and webhooks carry no bot token (the interaction token is the auth).
    if (this.acceptedToken !== null && call.authorization !== undefined && call.authorization !== `Bot ${this.acceptedToken}`) {
      return send(response, 401, { message: '401: Unauthorized', code: 0 });
    }
    if (method === 'GET' && path === '/gateway/bot') {
      return send(response, 200, {
        url: `ws://127.0.0.1:${this.port}/gateway`,
        shards: 1,
        session_start_limit: { total: 1000, remaining: 1000, reset_after: 0, max_concurrency: 1 },
      });
    }
    if (method === 'GET' && path === '/users/@me') return send(response, 200, userObject(this.botUser));
    const channel = /^\/channels\/(\d+)$/.exec(path);
    if (method === 'GET' && channel) {
      const found = this.channelObject(channel[1] ?? '');
      if (found === null) return send(response, 404, { message: 'Unknown Channel', code: 10003 });
      return send(response, 200, found);
    }
    if (method === 'GET' && path === '/applications/@me') return send(response, 200, { id: this.applicationId, name: 'Recap', flags: 0, bot_public: true });
    if (method === 'PUT' && /^\/applications\/\d+(\/guilds\/\d+)?\/commands$/.test(path)) {
      const commands = Array.isArray(call.body) ? (call.body as Array<Record<string, unknown>>) : [];
      return send(response, 200, commands.map((command) => ({ ...command, id: snowflake(), application_id: this.applicationId, version: snowflake() })));
    }
    if (method === 'POST' && /^\/channels\/\d+\/typing$/.test(path)) return send(response, 204);
    const channelMessage = /^\/channels\/(\d+)\/messages$/.exec(path);
    if (method === 'GET' && channelMessage) return this.history(channelMessage[1] ?? '', call.query, response);
    if (method === 'POST' && channelMessage) {
      if (this.messageStatus !== 200) return send(response, this.messageStatus, this.messageStatus >= 500 ? { message: '500: Internal Server Error', code: 0 } : { message: 'Missing Permissions', code: 50013 });
      return send(response, 200, this.createMessage(channelMessage[1] ?? '', call.body));
    }
    const oneMessage = /^\/channels\/(\d+)\/messages\/(\d+)$/.exec(path);
    if (oneMessage && method === 'GET') {
      if (this.unreadableChannels.has(oneMessage[1] ?? '')) return send(response, 403, { message: 'Missing Access', code: 50001 });
      const found = this.messageLog.get(oneMessage[1] ?? '')?.find((message) => message.id === oneMessage[2]);
      if (!found) return send(response, 404, { message: 'Unknown Message', code: 10008 });
      const { member: _member, ...message } = found;
      return send(response, 200, message);
    }
    if (oneMessage && (method === 'PATCH' || method === 'DELETE')) {
      const messages = this.channelMessages.get(oneMessage[1] ?? '') ?? [];
      const index = messages.findIndex((message) => message.id === oneMessage[2]);
      if (index < 0) return send(response, 404, { message: 'Unknown Message', code: 10008 });
      if (method === 'DELETE') {
        messages.splice(index, 1);
        return send(response, 204);
      }
      const message = messages[index] as StoredMessage;
      Object.assign(message, { content: typeof call.body.content === 'string' ? call.body.content : message.content, embeds: Array.isArray(call.body.embeds) ? call.body.embeds : message.embeds, edits: message.edits + 1 });
      return send(response, 200, { ...this.messageObject(oneMessage[1] ?? '', call.body), id: message.id });
    }
    if (method === 'POST' && /^\/interactions\/\d+\/[^/]+\/callback$/.test(path)) return send(response, 204);
    const webhook = /^\/webhooks\/(\d+)\/([^/]+)(\/messages\/@original)?$/.exec(path);
    if (webhook && (method === 'PATCH' || method === 'POST')) return send(response, 200, this.messageObject(this.channelId, call.body));
    send(response, 404, { message: `Unknown route ${method} ${path}`, code: 0 });
  }

  /** GET /channels/:id/messages?before=&limit=: newest first, at most `limit` (default 50, at most 100), before the id given. */
  private history(channelId: string, query: URLSearchParams, response: ServerResponse): void {
    if (this.unreadableChannels.has(channelId)) return send(response, 403, { message: 'Missing Access', code: 50001 });
    if (this.channelObject(channelId) === null) return send(response, 404, { message: 'Unknown Channel', code: 10003 });
    const limit = Math.min(Math.max(Number(query.get('limit') ?? 50), 1), 100);
    const before = query.get('before');
    const messages = [...(this.messageLog.get(channelId) ?? [])]
      .filter((message) => before === null || BigInt(String(message.id)) < BigInt(before))
      .sort((a, b) => (BigInt(String(b.id)) > BigInt(String(a.id)) ? 1 : -1))
      .slice(0, limit)
      // GET messages carries no member.
      .map(({ member: _member, ...message }) => message);
    send(response, 200, messages);
  }

  /**
   * Posts a message to a channel's list. Like Discord, a nonce with enforce_nonce that this bot
   * used in the last few minutes returns the message already made instead of a new one.
   */
  private createMessage(channelId: string, body: Record<string, unknown>): Record<string, unknown> {
    const nonce = typeof body.nonce === 'string' && body.enforce_nonce === true ? body.nonce : null;
    const messages = this.channelMessages.get(channelId) ?? [];
    this.channelMessages.set(channelId, messages);
    const earlier = nonce === null ? undefined : messages.find((message) => message.nonce === nonce && Date.now() - message.at < NONCE_WINDOW_MS);
    if (earlier) return { ...this.messageObject(channelId, body), id: earlier.id };
    const created = this.messageObject(channelId, body);
    this.logMessage(created);
    messages.push({ id: String(created.id), content: String(created.content), embeds: created.embeds as unknown[], nonce, at: Date.now(), edits: 0 });
    return created;
  }

  private messageObject(channelId: string, body: Record<string, unknown>): Record<string, unknown> {
    return {
      id: snowflake(),
      type: body.message_reference ? 19 : 0,
      channel_id: channelId,
      author: userObject(this.botUser),
      content: typeof body.content === 'string' ? body.content : '',
      embeds: Array.isArray(body.embeds) ? body.embeds : [],
      timestamp: new Date().toISOString(),
      edited_timestamp: null,
      tts: false,
      mention_everyone: false,
      mentions: [],
      mention_roles: [],
      attachments: [],
      pinned: false,
      flags: 0,
      components: [],
      ...(body.message_reference ? { message_reference: body.message_reference } : {}),
    };
  }
}

function userObject(user: FakeUser): Record<string, unknown> {
  return { id: user.id, username: user.username, discriminator: '0', global_name: user.username, avatar: null, bot: user.bot ?? false };
}

function send(response: ServerResponse, status: number, body?: unknown): void {
  if (status === 204 || body === undefined) {
    response.writeHead(status);
    response.end();
    return;
  }
  response.writeHead(status, { 'content-type': 'application/json' });
  response.end(JSON.stringify(body));
}
