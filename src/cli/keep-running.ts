import type { Logger } from '../logger.js';

/**
 * A long-running recap (start, worker) serves everyone: a promise that a library drops on input
 * it did not expect (a Socket Mode frame with a null payload, a gateway packet discord.js reads
 * again after our guard) must not end it. Node would exit on such a rejection; it is logged
 * instead. Synchronous uncaught exceptions still end the process, as Node advises.
 */
export function keepRunningOnUnhandledRejections(logger: Logger): void {
  process.on('unhandledRejection', (reason) => {
    logger.error({ err: reason }, 'unhandled rejection (dropped; recap keeps running)');
  });
}
