import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatOutcome } from '../../src/cli/commands/ingest.js';
import { collectNoteFiles, fileSourceKey } from '../../src/ingest/collect-files.js';
import { ingestNote } from '../../src/ingest/ingest-note.js';
import { ingestFiles, type FileOutcome } from '../../src/ingest/run-ingest.js';
import { answerQuestion } from '../../src/recap/answer.js';
import type { Runtime } from '../../src/runtime.js';
import { loadIndex } from '../../src/search/load-index.js';
import { openTestRuntime } from '../helpers/test-runtime.js';

function utf32le(text: string): Buffer {
  const codePoints = Array.from(`\uFEFF${text}`, (char) => char.codePointAt(0) ?? 0);
  const bytes = Buffer.alloc(codePoints.length * 4);
  codePoints.forEach((codePoint, index) => bytes.writeUInt32LE(codePoint, index * 4));
  return bytes;
}

describe('notes that are unusual but not bad', () => {
  let runtime: Runtime;
  let dir: string;
  let notes: string;
  let outcomes: Map<string, FileOutcome>;
  let skipped: Array<{ path: string; reason: string }>;

  beforeAll(async () => {
    runtime = await openTestRuntime();
    dir = mkdtempSync(path.join(tmpdir(), 'recap-edge-'));
    notes = path.join(dir, 'notes');
    mkdirSync(path.join(notes, 'sub'), { recursive: true });
    mkdirSync(path.join(dir, 'outside'));
    writeFileSync(path.join(notes, 'slack.md'), '- <!channel> 今日の懇親会は19時から\n<!here> 受付は18時半\n');
    writeFileSync(path.join(notes, 'comment.md'), '<!-- nothing but a comment -->\n');
    writeFileSync(path.join(notes, 'wide.md'), utf32le('# Wide\n\n- Sidecar Proxy\n  - サービスの隣で通信を仲介する\n'));
    writeFileSync(path.join(notes, `esc\u001b[31m.md`), '# Esc\n\n- escaped name\n');
    writeFileSync(path.join(dir, 'outside', 'linked.md'), '# Linked\n\n- Canary Release\n  - 一部のユーザーにだけ出す\n');
    symlinkSync(path.join(dir, 'outside', 'linked.md'), path.join(notes, 'linked.md'));
    symlinkSync('missing.md', path.join(notes, 'broken.md'));
    symlinkSync('..', path.join(notes, 'sub', 'up'));
    const collected = await collectNoteFiles([notes]);
    skipped = collected.skipped;
    const results = await ingestFiles(runtime, [...collected.files, path.join(notes, 'gone.md')]);
    outcomes = new Map(results.map((outcome) => [path.basename(outcome.file), outcome]));
  });
  afterAll(async () => {
    await runtime.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('indexes lines that start with Slack mentions such as <!channel>', async () => {
    expect(outcomes.get('slack.md')).toMatchObject({ status: 'ingested', chunks: 2 });
    const index = await loadIndex(runtime.store, runtime.logger);
    expect(answerQuestion(index, '懇親会は何時から').citations[0]).toMatchObject({ text: '<!channel> 今日の懇親会は19時から', line: 1 });
  });

  it('refuses a note with no searchable text, saying so', () => {
    expect(outcomes.get('comment.md')).toMatchObject({ status: 'failed', reason: expect.stringMatching(/comment\.md has no searchable text/) as unknown });
  });

  it('decodes UTF-32', () => {
    expect(outcomes.get('wide.md')).toMatchObject({ status: 'ingested', chunks: 3 });
  });

  it('follows a symlink to a file outside the folder, and reports broken links and loops', () => {
    expect(outcomes.get('linked.md')).toMatchObject({ status: 'ingested' });
    expect(outcomes.get('broken.md')).toMatchObject({ status: 'failed', reason: expect.stringMatching(/^broken symbolic link: .*broken\.md points to missing\.md/) as unknown });
    expect(skipped).toEqual([{ path: path.join(notes, 'sub', 'up'), reason: `a link to the folder ${notes}, already read` }]);
  });

  it('says "file not found" for a file that is gone, not a raw ENOENT', () => {
    expect(outcomes.get('gone.md')).toMatchObject({ status: 'failed', reason: `file not found: ${path.join(notes, 'gone.md')}` });
  });

  it('never prints a raw control character from a file name', () => {
    const outcome = [...outcomes.values()].find((entry) => entry.file.includes('esc'));
    expect(outcome?.status).toBe('ingested');
    const line = formatOutcome(outcome as FileOutcome);
    expect(line).not.toContain('\u001b');
    expect(line).toContain('esc\\u001b[31m.md');
  });
});

describe('a note whose id was claimed but never stored', () => {
  let runtime: Runtime;
  let dir: string;

  beforeAll(async () => {
    runtime = await openTestRuntime();
    dir = mkdtempSync(path.join(tmpdir(), 'recap-claimed-'));
  });
  afterAll(async () => {
    await runtime.close();
    rmSync(dir, { recursive: true, force: true });
  });

  // A worker killed (or Redis out of memory) between the id claim and the note's write leaves
  // the claim: the next ingest stores the note for the first time, which is "ingested".
  it('is reported ingested, then unchanged, then updated when it changes', async () => {
    const file = path.join(dir, 'claimed.md');
    writeFileSync(file, '# Claimed\n\n- Feature Flag\n  - 設定で機能を切り替える\n');
    await runtime.store.claimId('claimed', fileSourceKey(file));
    const [first] = await ingestFiles(runtime, [file]);
    expect(first).toMatchObject({ status: 'ingested', noteId: 'claimed' });
    const [second] = await ingestFiles(runtime, [file]);
    expect(second).toMatchObject({ status: 'unchanged' });
    writeFileSync(file, '# Claimed\n\n- Feature Flag\n  - 設定で機能をオンオフする\n');
    const [third] = await ingestFiles(runtime, [file]);
    expect(third).toMatchObject({ status: 'updated', noteId: 'claimed' });
  });

  it('is reported ingested by the in-process ingest too', async () => {
    const sourceKey = 'stdin:claimed-inline.md';
    await runtime.store.claimId('claimed-inline', sourceKey);
    const bytes = Buffer.from('# Inline\n\n- Blue Green\n  - 二つの環境を切り替える\n');
    const result = await ingestNote(runtime.store, { source: 'claimed-inline.md', sourceKey, bytes, maxBytes: 1_000_000 });
    expect(result).toMatchObject({ status: 'ingested', noteId: 'claimed-inline' });
  });
});
