import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { seedNotePath } from '../helpers/corpus.js';
import { recapBin } from '../helpers/run-recap.js';
import { deleteKeys, uniquePrefix } from '../helpers/test-runtime.js';

const SEED_ID = '20190604-cloud-native-meetup-tokyo-8';
const DROPPED = path.resolve(import.meta.dirname, '../fixtures/notes/2019_0820-kubernetes-night-fukuoka.md');

/** util-linux's script(1) runs a command on a pseudo-terminal: the child sees a real TTY on stdin and stdout. */
const hasScript = spawnSync('script', ['--version'], { encoding: 'utf8' }).status === 0;
if (!hasScript) process.stderr.write('prompt-pty.test.ts skipped: no `script` (util-linux) to give recap a pseudo-terminal\n');

/** Quotes a word for the shell script(1) runs the command with. */
const shellWord = (word: string): string => `'${word.replace(/'/g, `'\\''`)}'`;

/**
 * `recap start` at a terminal, as a newcomer runs it: the greeting, the prompt, the chat commands,
 * and the logs in RECAP_DATA_DIR/recap.log instead of over the prompt.
 */
describe.skipIf(!hasScript)('recap start on a terminal', () => {
  const prefix = uniquePrefix();
  let dir: string;
  let child: ChildProcessWithoutNullStreams;
  let shown = '';
  let exited: Promise<number | null>;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'recap-pty-'));
    mkdirSync(path.join(dir, 'notes'));
    copyFileSync(seedNotePath, path.join(dir, 'notes', path.basename(seedNotePath)));
    const env: Record<string, string | undefined> = {
      ...process.env,
      REDIS_URL: inject('redisUrl'),
      RECAP_KEY_PREFIX: prefix,
      LOG_LEVEL: 'info',
      RECAP_WEB: 'false',
      NOTES_DIR: 'notes',
      RECAP_DATA_DIR: '.recap',
      MAX_NOTE_BYTES: '100000',
      LLM_PROVIDER: 'offline',
      TERM: 'dumb',
    };
    for (const name of ['SLACK_BOT_TOKEN', 'DISCORD_TOKEN', 'SLACK_APP_TOKEN', 'SLACK_SIGNING_SECRET', 'REDIS_CLUSTER_NODES', 'RECAP_LOCAL_REDIS', 'REDIS_PORT']) delete env[name];
    const command = [process.execPath, recapBin, 'start'].map(shellWord).join(' ');
    child = spawn('script', ['-qfec', command, '/dev/null'], { cwd: dir, env });
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (shown += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (shown += chunk));
    exited = new Promise((resolve) => child.on('close', resolve));
    await until(() => shown.includes('recap> '), () => shown);
  });
  afterAll(async () => {
    if (child.exitCode === null) {
      child.stdin.write('/quit\r');
      await exited;
    }
    await deleteKeys(inject('redisUrl'), prefix);
    rmSync(dir, { recursive: true, force: true });
  });

  /** Types a line (Enter is a carriage return on a terminal) and resolves with what is shown until the prompt is back. */
  async function type(line: string): Promise<string> {
    const from = shown.length;
    child.stdin.write(`${line}\r`);
    await until(() => /\n[^\n]*recap> $/.test(shown.slice(from)), () => shown.slice(from));
    return shown.slice(from);
  }

  it('greets with where the logs go and the commands, not with log lines', () => {
    expect(shown).toContain('Logs go to .recap/recap.log');
    expect(shown).toMatch(/\/show <note>[\s\S]*\/summary[\s\S]*\/translate[\s\S]*\/define[\s\S]*\/ask[\s\S]*\/quit/);
    expect(shown).not.toMatch(/INFO|"level"|workers running/);
    const log = readFileSync(path.join(dir, '.recap', 'recap.log'), 'utf8');
    expect(log).toContain('workers running in this process');
    expect(log).toContain('recap is ready');
  });

  it('lists the notes with /list and shows a recap for the start of an id', async () => {
    expect(await type('/list')).toContain(SEED_ID);
    const recap = await type('/summary 20190604-cloud');
    expect(recap).toContain('Cloud Native Meetup Tokyo #8');
    expect(recap).not.toMatch(/No note matches/);
    expect(await type(`/show ${SEED_ID}`)).toMatch(/\s24\s+.*Brown Field/);
  });

  it('completes command names and note ids with Tab', async () => {
    // "/sh" Tab -> "/show", then " 201906" Tab -> the seed note's id.
    child.stdin.write('/sh\t');
    await until(() => shown.endsWith('/show'), () => shown.slice(-200));
    child.stdin.write(' 201906\t');
    await until(() => shown.endsWith(SEED_ID), () => shown.slice(-200));
    expect(await type('')).toMatch(/Brown Field/);
  });

  it('logs a note dropped into notes/ to the file, and prints a warning above the prompt, which it draws again', async () => {
    const from = shown.length;
    copyFileSync(DROPPED, path.join(dir, 'notes', 'dropped.md'));
    writeFileSync(path.join(dir, 'notes', 'too-big.md'), `# Too big\n\n${'- a line of notes\n'.repeat(10_000)}`);
    const logFile = path.join(dir, '.recap', 'recap.log');
    await until(() => readFileSync(logFile, 'utf8').includes('queued new note'), () => readFileSync(logFile, 'utf8'));
    await until(() => /could not queue note[\s\S]*recap> $/.test(shown.slice(from)), () => shown.slice(from));
    const meanwhile = shown.slice(from);
    expect(meanwhile).not.toContain('queued new note');
    expect(meanwhile).toContain('too-big.md');
    // The dropped note is ingested, and /list shows it once it is.
    let listed = '';
    while (!/fukuoka/i.test(listed)) listed = await type('/list');
    expect(listed).not.toContain('queued new note');
  });

  it('stops on /quit', async () => {
    child.stdin.write('/quit\r');
    expect(await exited).toBe(0);
    expect(existsSync(path.join(dir, '.recap', 'recap.log'))).toBe(true);
  });
});

async function until(check: () => boolean, seen: () => string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms; seen:\n${seen().slice(-2000)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
