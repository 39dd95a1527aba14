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
}

/** A file download as the server saw it. */
export interface FileDownload {
  fileId: string;
  authorization: string | undefined;
}

/**
 * Slack's side of the network on 127.0.0.1, for tests and benchmarks: the Web API (auth.test,
 * chat.*, users.info, files.info, apps.connections.open) under /api/, response_url endpoints
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
        const oldest = Number(args.oldest ?? 0);
        const messages = this.messagesIn(String(args.channel))
          .filter((message) => Number(message.ts) >= oldest)
          .reverse()
          .map((message) => ({ type: 'message', ts: message.ts, text: message.text, bot_id: 'BBOT', ...(args.include_all_metadata && message.metadata ? { metadata: message.metadata } : {}) }));
        return { ok: true, messages, has_more: false };
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
