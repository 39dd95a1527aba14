import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A chat completion request as the server received it. */
export interface RecordedRequest {
  path: string;
  headers: IncomingMessage['headers'];
  body: { model: string; messages: Array<{ role: string; content: string }>; max_tokens?: number; response_format?: unknown };
}

/** What the server answers: a reply text (wrapped as a completion), or a raw HTTP response. */
export type FakeReply =
  | { text: string; promptTokens?: number; completionTokens?: number; delayMs?: number }
  | { status: number; body?: unknown; headers?: Record<string, string>; delayMs?: number };

export type ReplyHandler = (request: RecordedRequest) => FakeReply;

/**
 * An OpenAI-compatible HTTP server on 127.0.0.1, standing in for the model at the network edge.
 * Tests drive the real `openai` client against it: they script replies (texts, 429 with
 * Retry-After, 500, slow answers, malformed bodies) and read back every request it received.
 */
export class FakeOpenAiServer {
  readonly requests: RecordedRequest[] = [];
  private readonly queue: FakeReply[] = [];
  private handler: ReplyHandler = () => ({ text: 'ok' });
  private server: Server | null = null;
  url = '';

  /** Replies used in order, before the handler. */
  enqueue(...replies: FakeReply[]): this {
    this.queue.push(...replies);
    return this;
  }

  onRequest(handler: ReplyHandler): this {
    this.handler = handler;
    return this;
  }

  get completions(): RecordedRequest[] {
    return this.requests.filter((request) => request.path.endsWith('/chat/completions'));
  }

  async start(): Promise<string> {
    this.server = createServer((request, response) => void this.handle(request, response));
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/v1`;
    return this.url;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const path = request.url ?? '';
    if (request.method === 'GET' && path.endsWith('/models')) {
      send(response, 200, { object: 'list', data: [{ id: 'fake-model', object: 'model', owned_by: 'test' }] });
      return;
    }
    const raw = Buffer.concat(chunks).toString('utf8');
    const recorded: RecordedRequest = { path, headers: request.headers, body: JSON.parse(raw || '{}') as RecordedRequest['body'] };
    this.requests.push(recorded);
    const reply = this.queue.shift() ?? this.handler(recorded);
    if (reply.delayMs) await new Promise((resolve) => setTimeout(resolve, reply.delayMs));
    if (response.destroyed) return;
    if ('status' in reply) {
      send(response, reply.status, reply.body ?? { error: { message: `status ${reply.status}` } }, reply.headers);
      return;
    }
    const promptTokens = reply.promptTokens ?? Math.ceil(raw.length / 4);
    const completionTokens = reply.completionTokens ?? Math.ceil(reply.text.length / 4);
    send(response, 200, {
      id: `chatcmpl-${this.requests.length}`,
      object: 'chat.completion',
      created: Math.floor(Date.now() / 1000),
      model: recorded.body.model,
      choices: [{ index: 0, message: { role: 'assistant', content: reply.text }, finish_reason: 'stop' }],
      usage: { prompt_tokens: promptTokens, completion_tokens: completionTokens, total_tokens: promptTokens + completionTokens },
    });
  }
}

function send(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  response.writeHead(status, { 'content-type': 'application/json', ...headers });
  response.end(text);
}
