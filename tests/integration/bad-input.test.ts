import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Encoding from 'encoding-japanese';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateUploadName } from '../../src/ingest/collect-files.js';
import { ingestFiles, type FileOutcome } from '../../src/ingest/run-ingest.js';
import { answerQuestion } from '../../src/recap/answer.js';
import type { Runtime } from '../../src/runtime.js';
import { loadIndex } from '../../src/search/load-index.js';
import { openTestRuntime } from '../helpers/test-runtime.js';

const JAPANESE_NOTE = '# 20240401 Go勉強会\n\n## goroutine入門\n\n- channel\n  - goroutine同士で値を受け渡すパイプ\n';

function encodeAs(text: string, to: 'SJIS' | 'EUCJP'): Buffer {
  return Buffer.from(Encoding.convert(Encoding.stringToCode(text), { to, from: 'UNICODE' }));
}

describe('bad input gets a clear error and harms nothing else', () => {
  let runtime: Runtime;
  let dir: string;
  let outcomes: Map<string, FileOutcome>;

  beforeAll(async () => {
    runtime = await openTestRuntime();
    dir = mkdtempSync(path.join(tmpdir(), 'recap-bad-'));
    const files: Record<string, Buffer> = {
      'good.md': Buffer.from('# Good\n\n## Talk\n\n- Canary Release\n  - 一部のユーザーにだけ新バージョンを出す\n'),
      'binary.md': Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52, 0, 1, 2, 3]),
      'invalid-utf8.md': Buffer.from([0x23, 0x20, 0xc3, 0x28, 0xa0, 0xa1, 0xe2, 0x28, 0xa1, 0xf0, 0x28, 0x8c, 0xbc, 0x0a, 0xff, 0xfe, 0xfd]),
      'sjis.md': encodeAs(JAPANESE_NOTE, 'SJIS'),
      'eucjp.txt': encodeAs(JAPANESE_NOTE.replace('Go勉強会', 'Rust勉強会'), 'EUCJP'),
      'huge.md': Buffer.alloc(5 * 1024 * 1024, '- 長いノート\n'),
      'deep.md': Buffer.from(Array.from({ length: 10_000 }, (_, depth) => `${'  '.repeat(depth)}- level ${depth}`).join('\n')),
      'quotes.md': Buffer.from(`${'>'.repeat(10_000)} deep quote\n`),
      'empty.md': Buffer.alloc(0),
    };
    for (const [name, bytes] of Object.entries(files)) writeFileSync(path.join(dir, name), bytes);
    const results = await ingestFiles(runtime, Object.keys(files).map((name) => path.join(dir, name)));
    outcomes = new Map(results.map((outcome) => [path.basename(outcome.file), outcome]));
  });
  afterAll(async () => {
    await runtime.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('ingests good, Shift_JIS and EUC-JP notes', () => {
    expect(outcomes.get('good.md')?.status).toBe('ingested');
    expect(outcomes.get('sjis.md')?.status).toBe('ingested');
    expect(outcomes.get('eucjp.txt')?.status).toBe('ingested');
  });

  it.each([
    ['binary.md', /binary/i],
    ['invalid-utf8.md', /encoding|UTF-8/i],
    ['huge.md', /limit/i],
    ['empty.md', /empty/i],
  ])('refuses %s with a reason', (name, reason) => {
    const outcome = outcomes.get(name);
    expect(outcome?.status).toBe('failed');
    expect(outcome?.status === 'failed' ? outcome.reason : '').toMatch(reason);
  });

  it('survives 10,000-deep nesting: ingested with a cap or refused with a reason', () => {
    for (const name of ['deep.md', 'quotes.md']) {
      const outcome = outcomes.get(name);
      if (outcome?.status === 'failed') expect(outcome.reason).toMatch(/deep|nest/i);
      else expect(outcome?.status).toBe('ingested');
    }
  });

  it('still answers from the good notes, decoded correctly', async () => {
    const index = await loadIndex(runtime.store, runtime.logger);
    expect(answerQuestion(index, 'Canary Release').citations[0]?.source).toContain('good.md');
    const channel = answerQuestion(index, 'channelとは');
    expect(channel.answer).toContain('goroutine同士で値を受け渡すパイプ');
  });

  it('refuses upload names with path parts', () => {
    expect(() => validateUploadName('../../etc/passwd')).toThrow(/no folders/);
    expect(() => validateUploadName('..')).toThrow();
    expect(validateUploadName(' talk.md ')).toBe('talk.md');
  });
});
