import { spawn, type ChildProcessByStdio } from 'node:child_process';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';

/** A helper script in a process of its own, and a way to wait for the lines it prints. */
export interface ScriptProcess {
  child: ChildProcessByStdio<null, Readable, null>;
  /** Resolves once the script has printed `expected` as a line (before or after the call). */
  waitForLine(expected: string): Promise<void>;
}

/**
 * Runs a TypeScript helper script (tests/helpers/*-worker*.ts) under tsx, so a test can SIGKILL it
 * mid-job; the script reports how far it got as lines on stdout ("ready", "active").
 */
export function startScriptProcess(script: string, args: string[]): ScriptProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
  const seen: string[] = [];
  const waiters: Array<{ expected: string; resolve: () => void }> = [];
  createInterface({ input: child.stdout }).on('line', (line) => {
    seen.push(line.trim());
    for (const waiter of waiters.filter((entry) => entry.expected === line.trim())) waiter.resolve();
  });
  const waitForLine = (expected: string): Promise<void> =>
    seen.includes(expected) ? Promise.resolve() : new Promise((resolve) => waiters.push({ expected, resolve }));
  return { child, waitForLine };
}
