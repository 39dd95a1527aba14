import { setImmediate as nextLoopTurn } from 'node:timers/promises';

/** The last turn handed out; each new one starts one event-loop turn after it. */
let lastTurn: Promise<void> = Promise.resolve();

/**
 * Called right after ack(): waits for this request's turn to start its slow part (search, Redis,
 * Web API calls). Turns are handed out one per event-loop turn, in order, so between the start of
 * two requests' work the loop always reads and acknowledges the requests that arrived meanwhile.
 * Without it the rest of a listener runs as a microtask straight after its ack, and under a burst
 * of commands acks queue behind other commands' searches. Only the start is paced: work waiting
 * on I/O (a model, Slack) runs side by side as before.
 */
export function afterAck(): Promise<void> {
  const turn = lastTurn.then(() => nextLoopTurn());
  lastTurn = turn;
  return turn;
}
