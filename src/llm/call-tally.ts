import type { z } from 'zod';
import { RecapError } from '../errors.js';
import type { TokenUsage } from '../store/usage-store.js';
import type { ChatMessage, LlmClient } from './llm-client.js';
import { correctiveMessage, parseModelReply } from './prompts/summary-prompt.js';

// An unusable reply is echoed back in the corrective retry; the start of it is enough to fix it.
const ECHOED_REPLY_CHARS = 2_000;

/**
 * The model calls of one job (a recap, a translation): counts them, sums their usage, and asks
 * for JSON of a schema with one corrective retry before giving up with `llm_malformed`.
 */
export class CallTally {
  calls = 0;
  usage: TokenUsage = { promptTokens: 0, completionTokens: 0, totalTokens: 0 };

  constructor(private readonly llm: LlmClient) {}

  /** `what` names the reply in the error message ("the recap", "section 3 of the translation"). */
  async askJson<T>(messages: ChatMessage[], schema: z.ZodType<T>, what: string): Promise<T> {
    const first = await this.complete(messages);
    const parsed = parseModelReply(first, schema);
    if (parsed.ok) return parsed.value;
    const echoed = first.slice(0, ECHOED_REPLY_CHARS) || '(empty reply)';
    const second = await this.complete([...messages, { role: 'assistant', content: echoed }, correctiveMessage(parsed.problem)]);
    const reparsed = parseModelReply(second, schema);
    if (reparsed.ok) return reparsed.value;
    throw new RecapError('llm_malformed', `The model (${this.llm.model}) answered ${what} with malformed JSON twice: ${reparsed.problem}`);
  }

  /** The reply text; an empty reply counts as unusable (retried once), like unparsable JSON. */
  private async complete(messages: ChatMessage[]): Promise<string> {
    this.calls += 1;
    try {
      const completion = await this.llm.complete(messages, { json: true });
      this.usage = {
        promptTokens: this.usage.promptTokens + completion.usage.promptTokens,
        completionTokens: this.usage.completionTokens + completion.usage.completionTokens,
        totalTokens: this.usage.totalTokens + completion.usage.totalTokens,
      };
      return completion.text;
    } catch (error) {
      if (error instanceof RecapError && error.code === 'llm_malformed') return '';
      throw error;
    }
  }
}
