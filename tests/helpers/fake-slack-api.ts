import { randomUUID } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';

/** A Web API call as the server received it (form fields, JSON fields parsed). */
export interface SlackApiCall {
  method: string;
  args: Record<string, unknown>;
  headers: IncomingHttpHeaders;
}

/** A message posted to a response_url. */
export interface ResponseUrlPost {
  id: string;
  body: Record<string, unknown>;
}

export interface FakeSlackUser {
  id: string;
  is_admin?: boolean;
  is_owner?: boolean;
  name?: string;
  real_name?: string;
  profile?: { display_name?: string; real_name?: string };
}

export interface FakeSlackFile {
  id: string;
  name: string;
  content: string | Buffer;
  /** Declared size (files.info); defaults to the content's. */
  size?: number;
}

/** A message as it stands in a channel (posted by chat.postMessage, changed by chat.update). */
export interface ChannelMessage {
  ts: string;
  text: unknown;
  blocks: unknown;
  metadata?: unknown;
  edits: number;
  /** When it was posted and last edited (ms). */
  at: number;
  editedAt: number | null;
  /** A person's message (seeded with seedMessage); without it the message is the bot's. */
  user?: string;
  /** The thread's parent ts, for a reply (and for a parent that has replies). */
  threadTs?: string;
  subtype?: string;
  botId?: string;
  files?: Array<{ id: string; name: string }>;
  reactions?: Array<{ name: string; count: number; users?: string[] }>;
  replyCount?: number;
}

/** A message people wrote, as a test puts it in a channel's history. */
export interface SeededMessage {
  ts: string;
  user: string;
  text: string;
  threadTs?: string;
  subtype?: string;
  botId?: string;
  files?: Array<{ id: string; name: string }>;
  reactions?: Array<{ name: string; count: number; users?: string[] }>;
  replyCount?: number;
}

/** A file download as the server saw it. */
export interface FileDownload {
  fileId: string;
  authorization: string | undefined;
}

/**
 * Slack's side of the network on 127.0.0.1, for tests and benchmarks: the Web API (auth.test,
 * chat.*, users.info, files.info, apps.connections.open, conversations.history / .replies /
 * .members, paged with cursors, with 429 rate limits on demand) under /api/, response_url endpoints
 * under /response/<id>, private file downloads under /files/, and a Socket Mode WebSocket that
 * sends hello, pushes envelopes and collects their acks. Every call is recorded.
 */
export class FakeSlackApi {
  readonly calls: SlackApiCall[] = [];
  readonly responses: ResponseUrlPost[] = [];
  readonly downloads: FileDownload[] = [];
  readonly users = new Map<string, FakeSlackUser>();
  readonly files = new Map<string, FakeSlackFile>();
  /** Method -> Slack error the next call of it answers with (then removed). */
  readonly failNext = new Map<string, string>();
  /** Method -> Slack error every call of it answers with (until removed). */
  readonly failAlways = new Map<string, string>();
  /** Method -> ms to wait before answering (the call takes effect at once, as when a reply is lost). */
  readonly answerDelayMs = new Map<string, number>();
  /** Channels that do not exist (or the bot cannot see): calls naming them get channel_not_found. */
  readonly unknownChannels = new Set<string>();
  /** Methods whose calls are recorded but never answered and never take effect (lost on the way to Slack). */
  readonly swallow = new Set<string>();
  /** Channel id -> its messages in posting order (deleted ones removed). */
  readonly channelMessages = new Map<string, ChannelMessage[]>();
  /** Channels the bot is not in: reading them (history, replies, members) answers not_in_channel. */
  readonly notInChannel = new Set<string>();
  /** Channel id -> its members (conversations.members); unset: every known user, U0ASKER and the bot. */
  readonly channelMembers = new Map<string, string[]>();
  /** Method -> Retry-After seconds of the next calls answered HTTP 429 ratelimited, in order. */
  readonly rateLimitNext = new Map<string, number[]>();
  readonly botUserId = 'UBOT';
  readonly teamId = 'T0FAKE';
  /** Resolves a waiter whenever something is recorded. */
  private listeners = new Set<() => void>();
  private server: Server | null = null;
  private sockets: WebSocketServer | null = null;
  private socket: WebSocket | null = null;
  private readonly acks = new Map<string, (payload: unknown) => void>();
  private tsCounter = 0;
  private pinger: NodeJS.Timeout | null = null;
  origin = '';

  constructor(readonly botToken = 'xoxb-test-token') {}

  /** SLACK_API_URL for the app. */
  get apiUrl(): string {
    return `${this.origin}/api/`;
  }

  responseUrl(id: string = randomUUID()): string {
    return `${this.origin}/response/${id}`;
  }

  callsOf(method: string): SlackApiCall[] {
    return this.calls.filter((call) => call.method === method);
  }

  responsesTo(url: string): ResponseUrlPost[] {
    const id = url.split('/').at(-1);
    return this.responses.filter((response) => response.id === id);
  }

  /** Resolves once `check` returns a value (re-checked on every recorded call), or rejects after `timeoutMs`. */
  async waitFor<T>(check: () => T | undefined | null | false, timeoutMs = 30_000, what = 'the expected Slack calls'): Promise<T> {
    const found = check();
    if (found) return found;
    return new Promise<T>((resolve, reject) => {
      const listener = (): void => {
        const value = check();
        if (value) {
          finish();
          resolve(value);
        }
      };
      const timer = setTimeout(() => {
        finish();
        reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}; calls: ${this.calls.map((call) => call.method).join(', ')}; responses: ${this.responses.length}`));
      }, timeoutMs);
      const finish = (): void => {
        clearTimeout(timer);
        this.listeners.delete(listener);
      };
      this.listeners.add(listener);
    });
  }

  async start(): Promise<void> {
    this.server = createServer((request, response) => void this.handle(request, response));
    // Slack keeps connections open far longer than Node's 5 s default; with the default, a client
    // reusing a socket the server is just closing gets ECONNRESET on a loaded machine.
    this.server.keepAliveTimeout = 65_000;
    this.sockets = new WebSocketServer({ server: this.server, path: '/socket' });
    this.sockets.on('connection', (socket) => this.onSocket(socket));
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    this.origin = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    if (this.pinger) clearInterval(this.pinger);
    for (const client of this.sockets?.clients ?? []) client.terminate();
    await new Promise<void>((resolve) => (this.sockets ? this.sockets.close(() => resolve()) : resolve()));
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  /** Whether a Socket Mode client is connected (hello sent). */
  get socketConnected(): boolean {
    return this.socket !== null;
  }

  /** Pushes a Socket Mode envelope and resolves with the client's ack payload (undefined when it acked without one). */
  pushEnvelope(type: 'events_api' | 'slash_commands' | 'interactive', payload: unknown, options: { retryAttempt?: number; envelopeId?: string } = {}): Promise<unknown> {
    const socket = this.socket;
    if (!socket) return Promise.reject(new Error('no Socket Mode client connected'));
    const envelopeId = options.envelopeId ?? randomUUID();
    const acked = new Promise<unknown>((resolve) => this.acks.set(envelopeId, resolve));
    socket.send(
      JSON.stringify({
        envelope_id: envelopeId,
        type,
        payload,
        accepts_response_payload: type !== 'events_api',
        retry_attempt: options.retryAttempt ?? 0,
        retry_reason: options.retryAttempt ? 'timeout' : '',
      }),
    );
    return acked;
  }

  private onSocket(socket: WebSocket): void {
    this.socket = socket;
    socket.on('message', (data) => {
      const message = JSON.parse(String(data)) as { envelope_id?: string; payload?: unknown };
      const resolve = message.envelope_id ? this.acks.get(message.envelope_id) : undefined;
      if (resolve && message.envelope_id) {
        this.acks.delete(message.envelope_id);
        resolve(message.payload);
      }
    });
    socket.on('close', () => {
      if (this.socket === socket) this.socket = null;
    });
    socket.send(JSON.stringify({ type: 'hello', num_connections: 1, connection_info: { app_id: 'A0FAKE' }, debug_info: { host: 'fake' } }));
    // The client expects pings from the server and reconnects after 30 s without one.
    this.pinger ??= setInterval(() => {
      for (const client of this.sockets?.clients ?? []) client.ping();
    }, 5_000);
    this.notify();
  }

  private notify(): void {
    for (const listener of [...this.listeners]) listener();
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    const url = new URL(request.url ?? '/', this.origin);
    if (url.pathname.startsWith('/files/')) {
      this.download(url.pathname, request, response);
      return;
    }
    if (url.pathname.startsWith('/response/')) {
      this.responses.push({ id: url.pathname.slice('/response/'.length), body: JSON.parse(raw || '{}') as Record<string, unknown> });
      send(response, 200, { ok: true });
      this.notify();
      return;
    }
    if (url.pathname.startsWith('/api/')) {
      const method = url.pathname.slice('/api/'.length);
      const args = parseArgs(raw, request.headers['content-type']);
      this.calls.push({ method, args, headers: request.headers });
      if (this.swallow.has(method)) {
        this.notify();
        return;
      }
      const retryAfter = this.rateLimitNext.get(method)?.shift();
      if (retryAfter !== undefined) {
        this.notify();
        response.writeHead(429, { 'content-type': 'application/json', 'retry-after': String(retryAfter) });
        response.end(JSON.stringify({ ok: false, error: 'ratelimited' }));
        return;
      }
      const answer = this.answer(method, args);
      this.notify();
      const delay = this.answerDelayMs.get(method);
      if (delay) await new Promise((resolve) => setTimeout(resolve, delay));
      if (!response.destroyed) send(response, 200, answer);
      return;
    }
    send(response, 404, { ok: false, error: 'not_found' });
  }

  private answer(method: string, args: Record<string, unknown>): unknown {
    const failure = this.failNext.get(method);
    if (failure !== undefined) {
      this.failNext.delete(method);
      return { ok: false, error: failure };
    }
    const always = this.failAlways.get(method);
    if (always !== undefined) return { ok: false, error: always };
    if (typeof args.channel === 'string' && this.unknownChannels.has(args.channel)) return { ok: false, error: 'channel_not_found' };
    switch (method) {
      case 'auth.test':
        return { ok: true, url: 'https://fake.slack.com/', team: 'Fake', user: 'recap', team_id: this.teamId, user_id: this.botUserId, bot_id: 'BBOT' };
      case 'apps.connections.open':
        return { ok: true, url: `${this.origin.replace(/^http/, 'ws')}/socket` };
      case 'chat.postMessage': {
        const ts = this.nextTs();
        if (!args.thread_ts) this.messagesIn(String(args.channel)).push({ ts, text: args.text, blocks: args.blocks, metadata: args.metadata, edits: 0, at: Date.now(), editedAt: null });
        return { ok: true, channel: args.channel, ts, message: { type: 'message', text: args.text, ts, thread_ts: args.thread_ts } };
      }
      case 'chat.update': {
        const message = this.messagesIn(String(args.channel)).find((candidate) => candidate.ts === args.ts);
        if (message) Object.assign(message, { text: args.text, blocks: args.blocks, metadata: args.metadata ?? message.metadata, edits: message.edits + 1, editedAt: Date.now() });
        return { ok: true, channel: args.channel, ts: args.ts, text: args.text };
      }
      case 'chat.delete': {
        const messages = this.messagesIn(String(args.channel));
        const index = messages.findIndex((candidate) => candidate.ts === args.ts);
        if (index < 0) return { ok: false, error: 'message_not_found' };
        messages.splice(index, 1);
        return { ok: true, channel: args.channel, ts: args.ts };
      }
      case 'conversations.history': {
        if (this.notInChannel.has(String(args.channel))) return { ok: false, error: 'not_in_channel' };
        const oldest = Number(args.oldest ?? 0);
        const latest = args.latest === undefined ? Number.POSITIVE_INFINITY : Number(args.latest);
        const messages = this.messagesIn(String(args.channel))
          .filter((message) => Number(message.ts) >= oldest && Number(message.ts) < latest && (message.threadTs === undefined || message.threadTs === message.ts || message.subtype === 'thread_broadcast'))
          .reverse()
          .map((message) => this.shown(message, Boolean(args.include_all_metadata)));
        return { ok: true, ...page(messages, args) };
      }
      case 'conversations.replies': {
        if (this.notInChannel.has(String(args.channel))) return { ok: false, error: 'not_in_channel' };
        const all = this.messagesIn(String(args.channel));
        const parent = all.find((message) => message.ts === args.ts);
        if (!parent) return { ok: false, error: 'thread_not_found' };
        const replies = all
          .filter((message) => message.threadTs === parent.ts && message.ts !== parent.ts)
          .sort((a, b) => a.ts.localeCompare(b.ts))
          .map((message) => this.shown(message, false));
        // Like Slack: the parent heads every page.
        const { messages, ...rest } = page(replies, { ...args, limit: Math.max(1, Number(args.limit ?? 1000) - 1) });
        return { ok: true, messages: [this.shown(parent, false), ...messages], ...rest };
      }
      case 'conversations.members': {
        if (this.notInChannel.has(String(args.channel))) return { ok: false, error: 'not_in_channel' };
        const members = this.channelMembers.get(String(args.channel)) ?? [...this.users.keys(), 'U0ASKER', this.botUserId];
        const { messages, ...rest } = page(members, args);
        return { ok: true, members: messages, ...rest };
      }
      case 'chat.postEphemeral':
        return { ok: true, message_ts: this.nextTs() };
      case 'users.info': {
        const user = this.users.get(String(args.user));
        return user ? { ok: true, user: { is_admin: false, is_owner: false, is_primary_owner: false, ...user } } : { ok: false, error: 'user_not_found' };
      }
      case 'files.info': {
        const file = this.files.get(String(args.file));
        if (!file) return { ok: false, error: 'file_not_found' };
        const size = file.size ?? Buffer.byteLength(file.content);
        const link = `${this.origin}/files/${file.id}/${encodeURIComponent(file.name)}`;
        return { ok: true, file: { id: file.id, name: file.name, title: file.name, size, mimetype: 'text/plain', is_external: false, url_private: link, url_private_download: `${link}?download=1` } };
      }
      default:
        return { ok: false, error: 'unknown_method' };
    }
  }

  /** Like Slack: the file for the bot token, a sign-in page (HTML) for anything else. */
  private download(path: string, request: IncomingMessage, response: ServerResponse): void {
    const fileId = path.split('/')[2] ?? '';
    this.downloads.push({ fileId, authorization: request.headers.authorization });
    this.notify();
    const file = this.files.get(fileId);
    if (request.headers.authorization !== `Bearer ${this.botToken}` || !file) {
      response.writeHead(200, { 'content-type': 'text/html' });
      response.end('<html><body>Sign in to Slack</body></html>');
      return;
    }
    response.writeHead(200, { 'content-type': 'application/octet-stream' });
    response.end(file.content);
  }

  /** Puts a person's message in a channel's history (as if posted before recap captured it), in ts order. */
  seedMessage(channel: string, message: SeededMessage): void {
    const messages = this.messagesIn(channel);
    const { threadTs, botId, replyCount, ...rest } = message;
    messages.push({ ...rest, ...(threadTs ? { threadTs } : {}), ...(botId ? { botId } : {}), ...(replyCount ? { replyCount } : {}), blocks: undefined, edits: 0, at: Math.round(Number(message.ts) * 1000), editedAt: null });
    // In ts order (seeding in order, as tests mostly do, needs no sort).
    const last = messages.at(-2);
    if (last !== undefined && last.ts.localeCompare(message.ts) > 0) messages.sort((a, b) => a.ts.localeCompare(b.ts));
  }

  /** A message as conversations.history and .replies show it. */
  private shown(message: ChannelMessage, withMetadata: boolean): Record<string, unknown> {
    const person = message.user !== undefined;
    return {
      type: 'message',
      ts: message.ts,
      text: message.text,
      ...(person ? { user: message.user } : { bot_id: 'BBOT' }),
      ...(message.botId ? { bot_id: message.botId } : {}),
      ...(message.subtype ? { subtype: message.subtype } : {}),
      ...(message.threadTs ? { thread_ts: message.threadTs } : {}),
      ...(message.replyCount ? { reply_count: message.replyCount } : {}),
      ...(message.files ? { files: message.files } : {}),
      ...(message.reactions ? { reactions: message.reactions } : {}),
      ...(withMetadata && message.metadata ? { metadata: message.metadata } : {}),
    };
  }

  messagesIn(channel: string): ChannelMessage[] {
    let messages = this.channelMessages.get(channel);
    if (!messages) {
      messages = [];
      this.channelMessages.set(channel, messages);
    }
    return messages;
  }

  private nextTs(): string {
    // Like Slack's: the posting time in seconds, unique within the channel.
    this.tsCounter += 1;
    return `${Math.floor(Date.now() / 1000)}.${String(this.tsCounter).padStart(6, '0')}`;
  }
}

/** One page of a list, as Slack pages: `limit` items from the `cursor` (an offset here), and the next cursor. */
function page<T>(items: T[], args: Record<string, unknown>): { messages: T[]; has_more: boolean; response_metadata: { next_cursor: string } } {
  const start = Number(args.cursor ?? 0) || 0;
  const limit = Math.max(1, Number(args.limit ?? 100) || 100);
  const messages = items.slice(start, start + limit);
  const more = start + limit < items.length;
  return { messages, has_more: more, response_metadata: { next_cursor: more ? String(start + limit) : '' } };
}

function parseArgs(raw: string, contentType: string | undefined): Record<string, unknown> {
  if (raw === '') return {};
  if (contentType?.includes('application/json')) return JSON.parse(raw) as Record<string, unknown>;
  const args: Record<string, unknown> = {};
  for (const [key, value] of new URLSearchParams(raw)) {
    args[key] = /^[[{]/.test(value) ? safeJson(value) : value;
  }
  return args;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function send(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json' });
  response.end(JSON.stringify(body));
}
