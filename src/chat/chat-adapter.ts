import type { Config } from '../config.js';
import type { Logger } from '../logger.js';
import type { ModelAnswer } from '../recap/grounded-answer.js';
import type { Runtime } from '../runtime.js';
import type { SearchIndex } from '../search/search-index.js';

/** A chat platform connection (Slack, Discord): started and stopped by `recap start`. */
export interface ChatAdapter {
  readonly platform: string;
  start(): Promise<void>;
  stop(): Promise<void>;
}

/** What adapters may use of the core: platform-neutral use cases and stores, nothing platform-specific. */
export interface ChatContext {
  config: Config;
  logger: Logger;
  runtime: Runtime;
  index: SearchIndex;
  ask(question: string, options?: { top?: number }): Promise<ModelAnswer>;
}
