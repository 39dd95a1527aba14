import { fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));

/**
 * Starts bench/slack-load.ts (Slack's side of a benchmark, in a process of its own) and returns
 * it with `next(type)`: the next message of that type, or the load process's error.
 */
export function forkSlackLoad<M extends { type: string }>(): { child: ChildProcess; next: <T extends M['type']>(type: T) => Promise<Extract<M, { type: T }>> } {
  const child = fork(path.join(here, 'slack-load.ts'), { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const messages: Array<M | { type: 'error'; message: string }> = [];
  const waiters: Array<() => void> = [];
  child.on('message', (message: M) => {
    messages.push(message);
    for (const wake of waiters.splice(0)) wake();
  });
  const next = async <T extends M['type']>(type: T): Promise<Extract<M, { type: T }>> => {
    for (;;) {
      const error = messages.find((message): message is { type: 'error'; message: string } => message.type === 'error');
      if (error) throw new Error(`load process failed: ${error.message}`);
      const at = messages.findIndex((message) => message.type === type);
      if (at >= 0) return messages.splice(at, 1)[0] as Extract<M, { type: T }>;
      await new Promise<void>((resolve) => waiters.push(resolve));
    }
  };
  return { child, next };
}
