import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { recapBin, recapRunner } from '../helpers/run-recap.js';
import { deleteKeys, uniquePrefix } from '../helpers/test-runtime.js';

const FILES = 12;
const hasScript = spawnSync('script', ['--version'], { encoding: 'utf8' }).status === 0;
if (!hasScript) process.stderr.write('ingest-terminal.test.ts: the terminal case is skipped: no `script` (util-linux) to give recap a pseudo-terminal\n');

const shellWord = (word: string): string => `'${word.replace(/'/g, `'\\''`)}'`;

/** `recap ingest` as a person sees it on a terminal, and as a script sees it off one. */
describe('recap ingest, on a terminal and off one', () => {
  const prefix = uniquePrefix();
  let dir: string;
  const recap = recapRunner({ prefix });

  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'recap-ingest-tty-'));
    mkdirSync(path.join(dir, 'notes'));
    for (let n = 1; n <= FILES; n += 1) writeFileSync(path.join(dir, 'notes', `talk-${n}.md`), `# Talk ${n}\n\n## Part ${n}\n\n- point ${n} of the talk\n- another point ${n}\n`);
  });
  afterAll(async () => {
    await deleteKeys(inject('redisUrl'), prefix);
    rmSync(dir, { recursive: true, force: true });
  });

  it.skipIf(!hasScript)('prints a line per file and a summary, with the logs in the log file', async () => {
    const env = { ...process.env, REDIS_URL: inject('redisUrl'), RECAP_KEY_PREFIX: prefix, LOG_LEVEL: 'info', RECAP_DATA_DIR: '.recap', TERM: 'dumb' };
    const command = [process.execPath, recapBin, 'ingest', 'notes'].map(shellWord).join(' ');
    const child = spawn('script', ['-qfec', command, '/dev/null'], { cwd: dir, env });
    let shown = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (shown += chunk));
    child.stdin.end();
    const status = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(status).toBe(0);
    for (let n = 1; n <= FILES; n += 1) expect(shown).toMatch(new RegExp(`ingested\\s+notes/talk-${n}\\.md -> talk-${n} `));
    expect(shown).toContain(`${FILES} file(s): ${FILES} ingested, 0 updated, 0 unchanged, 0 failed`);
    expect(shown).not.toMatch(/INFO|note processed|"level"/);
    // The logs went to the file (made even when nothing was logged at this level).
    expect(existsSync(path.join(dir, '.recap', 'recap.log'))).toBe(true);
  });

  it('off a terminal reports each note once, on stdout (the per-note log line is debug)', async () => {
    const result = await recap(['ingest', path.join(dir, 'notes', 'talk-1.md'), path.join(dir, 'notes', 'talk-2.md')], { env: { LOG_LEVEL: 'info' } });
    expect(result.status).toBe(0);
    expect(result.stdout.match(/talk-1\.md/g)).toHaveLength(1);
    expect(result.stderr).not.toContain('talk-1');
    expect(result.stderr).not.toContain('note processed');
  });
});
