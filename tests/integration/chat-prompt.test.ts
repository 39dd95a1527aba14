import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRecap, type RunningRecap } from '../../src/app/start-recap.js';
import { runChatPrompt } from '../../src/cli/chat-prompt.js';
import { createLogger } from '../../src/logger.js';
import { seedNotePath } from '../helpers/corpus.js';
import { deleteKeys, testConfig } from '../helpers/test-runtime.js';

const SEED_ID = '20190604-cloud-native-meetup-tokyo-8';

/**
 * The prompt `recap start` offers on a terminal when no chat platform is configured, on recap as
 * it starts (startRecap), typed into through a stream: commands run as the chat platforms run them.
 */
describe('the terminal prompt of recap start', () => {
  let dir: string;
  let running: RunningRecap;
  const input = new PassThrough();
  const output = new PassThrough();
  let shown = '';
  let prompt: Promise<void>;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'recap-prompt-'));
    copyFileSync(seedNotePath, path.join(dir, path.basename(seedNotePath)));
    running = await startRecap(testConfig({ NOTES_DIR: dir, RECAP_WATCH: 'false' }), createLogger('silent', { pretty: false }));
    output.on('data', (chunk: Buffer) => {
      shown += chunk.toString('utf8');
    });
    prompt = runChatPrompt(running.context, { input, output });
    await until(() => shown.endsWith('recap> '));
  });
  afterAll(async () => {
    input.end('/quit\n');
    await prompt;
    await running.stop();
    await deleteKeys(running.runtime.redisUrl, running.runtime.config.keyPrefix);
    rmSync(dir, { recursive: true, force: true });
  });

  /** Types a line and resolves with what the prompt shows for it, once it asks again. */
  async function type(line: string): Promise<string> {
    const from = shown.length;
    input.write(`${line}\n`);
    await until(() => shown.length > from && shown.endsWith('recap> '));
    return shown.slice(from);
  }

  it('runs /list as the chat command (the notes, with their ids), not as a question', async () => {
    const listed = await type('/list');
    expect(listed).toContain(SEED_ID);
    expect(listed).toContain('Cloud Native Meetup Tokyo #8');
    expect(listed).not.toMatch(/Nearest lines|not in the notes/i);
  });

  it('answers a question with its sources', async () => {
    const answer = await type('what is Brown Field?');
    expect(answer).toMatch(/^Brown Field \(.*line 24\):\n- VM上で管理されているサービス/m);
    expect(answer).toMatch(/Sources:\n {2}\[1\] .*20190604-cloud-native-meetup-tokyo-8\.md:24/);
  });

  it('says what it does not do, and what is wrong with a command', async () => {
    expect(await type(`/delete ${SEED_ID}`)).toMatch(/recap delete <note id>/);
    expect(await running.runtime.store.getNote(SEED_ID)).not.toBeNull();
    expect(await type('/what')).toMatch(/"what" is not a command of this prompt[\s\S]*\/list/);
  });
});

async function until(check: () => boolean, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
