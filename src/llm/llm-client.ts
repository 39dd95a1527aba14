import type OpenAI from 'openai';
import type { LlmConfig } from '../config.js';
import { RecapError } from '../errors.js';
import type { TokenUsage, UsageStore } from '../store/usage-store.js';

export interface ChatMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

export interface LlmCompletion {
  text: string;
  model: string;
  usage: TokenUsage;
  durationMs: number;
}

export interface CompleteOptions {
  maxOutputTokens?: number;
  temperature?: number;
  /** Ask for a JSON object (OpenAI's json_object mode; other servers may ignore it). */
  json?: boolean;
}

type OpenAIClass = typeof OpenAI;
let loadingSdk: Promise<OpenAIClass> | null = null;

/** The SDK is about 500 modules: loaded at the first model call, not by every command that starts. */
function openaiSdk(): Promise<OpenAIClass> {
  return (loadingSdk ??= import('openai').then((module) => module.default));
}

/**
 * The one door to the model: an OpenAI-compatible chat completion with the daily token budget
 * checked before and usage recorded after. Retries of 429/5xx/timeouts (honouring Retry-After)
 * are the openai client's own; what is left afterwards is turned into a coded RecapError:
 * llm_rejected (permanent) or llm_unavailable (transient).
 */
export class LlmClient {
  private client: Promise<OpenAI> | null = null;

  constructor(
    readonly config: LlmConfig,
    private readonly usage: UsageStore,
  ) {}

  private openai(): Promise<OpenAI> {
    const { config } = this;
    return (this.client ??= openaiSdk().then(
      (Sdk) =>
        new Sdk({
          // Local servers (Ollama, llama.cpp) take any key; the SDK insists on one.
          apiKey: config.apiKey ?? 'not-needed',
          baseURL: config.baseUrl ?? undefined,
          timeout: config.timeoutMs,
          maxRetries: config.maxRetries,
        }),
    ));
  }

  get model(): string {
    return this.config.model;
  }

  async complete(messages: ChatMessage[], options: CompleteOptions = {}): Promise<LlmCompletion> {
    await this.assertBudgetLeft();
    const started = Date.now();
    let response: OpenAI.Chat.Completions.ChatCompletion;
    try {
      const client = await this.openai();
      response = await client.chat.completions.create({
        model: this.config.model,
        messages,
        max_tokens: options.maxOutputTokens ?? this.config.maxOutputTokens,
        temperature: options.temperature ?? 0.2,
        ...(options.json ? { response_format: { type: 'json_object' as const } } : {}),
      });
    } catch (error) {
      throw await toRecapError(error);
    }
    const usage: TokenUsage = {
      promptTokens: response.usage?.prompt_tokens ?? 0,
      completionTokens: response.usage?.completion_tokens ?? 0,
      totalTokens: response.usage?.total_tokens ?? 0,
    };
    await this.usage.record(this.config.model, usage);
    const text = response.choices?.[0]?.message?.content;
    if (typeof text !== 'string' || text.trim() === '') {
      throw new RecapError('llm_malformed', `The model (${this.config.model}) returned no text.`);
    }
    return { text, model: response.model || this.config.model, usage, durationMs: Date.now() - started };
  }

  /** The models the server offers (a cheap reachability and key check: no tokens spent). */
  async listModels(): Promise<string[]> {
    try {
      const ids: string[] = [];
      const client = await this.openai();
      for await (const model of client.models.list()) ids.push(model.id);
      return ids;
    } catch (error) {
      throw await toRecapError(error);
    }
  }

  private async assertBudgetLeft(): Promise<void> {
    const budget = this.config.dailyTokenBudget;
    if (budget <= 0) return;
    const used = await this.usage.tokensToday();
    if (used >= budget) {
      throw new RecapError(
        'llm_budget_spent',
        `Today's LLM token budget is spent (${used} of ${budget} tokens, LLM_DAILY_TOKEN_BUDGET); it resets at 00:00 UTC.`,
      );
    }
  }
}

/** Sorts the openai client's errors into permanent and transient ones, with a message that says which. */
async function toRecapError(error: unknown): Promise<RecapError> {
  if (error instanceof RecapError) return error;
  const OpenAI = await openaiSdk();
  if (error instanceof OpenAI.APIConnectionTimeoutError) {
    return new RecapError('llm_unavailable', 'The model did not answer in time (LLM_TIMEOUT_MS).', { cause: error });
  }
  if (error instanceof OpenAI.APIConnectionError) {
    return new RecapError('llm_unavailable', `Cannot reach the model server: ${error.message}`, { cause: error });
  }
  if (error instanceof OpenAI.APIError) {
    const status = error.status ?? 0;
    const detail = error.message.slice(0, 300);
    if (status === 401) return new RecapError('llm_rejected', `The model server refused the API key (401). Check OPENAI_API_KEY. ${detail}`, { cause: error });
    if (status === 403) return new RecapError('llm_rejected', `The API key may not use this model (403). ${detail}`, { cause: error });
    if (status === 404) return new RecapError('llm_rejected', `Model or endpoint not found (404). Check OPENAI_MODEL and OPENAI_BASE_URL. ${detail}`, { cause: error });
    if (status === 400 || status === 422) return new RecapError('llm_rejected', `The model server rejected the request (${status}). ${detail}`, { cause: error });
    return new RecapError('llm_unavailable', `The model server failed (${status || 'no status'}) after retries. ${detail}`, { cause: error });
  }
  return new RecapError('llm_unavailable', `Calling the model failed: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
}

/** Permanent failures end a job at once (UnrecoverableError); transient ones are retried with backoff. */
export function isPermanentLlmError(error: unknown): boolean {
  return error instanceof RecapError && ['llm_rejected', 'llm_budget_spent', 'llm_not_configured'].includes(error.code);
}
