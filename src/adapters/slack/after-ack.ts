import { setImmediate as nextLoopTurn } from 'node:timers/promises';

/**
 * Called right after ack(): lets the event loop read and acknowledge requests that are already
 * waiting before this one's slow part (search, Redis, Web API calls) runs. Without it the rest of
 * a listener runs as a microtask straight after its ack, and under a burst of commands the acks
 * queue behind other commands' answers.
 */
export async function afterAck(): Promise<void> {
  await nextLoopTurn();
}
