import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { seedNotePath } from '../helpers/corpus.js';
import { recapRunner } from '../helpers/run-recap.js';
import { deleteKeys, uniquePrefix } from '../helpers/test-runtime.js';

const prefix = uniquePrefix();
const ownFixtures = path.resolve(import.meta.dirname, '../fixtures/own');
/** The real `recap` command as a user runs it, against the test Redis under a fresh prefix. */
const recap = recapRunner({ prefix });

describe('the recap command', () => {
  afterAll(async () => {
    await deleteKeys(inject('redisUrl'), prefix);
  });

  it('ingests files and folders, reporting each file', async () => {
    const result = await recap(['ingest', seedNotePath, ownFixtures]);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/ingested\s+.*20190604-cloud-native-meetup-tokyo-8\.md -> 20190604-cloud-native-meetup-tokyo-8/);
    expect(result.stdout).toMatch(/3 file\(s\): 3 ingested, 0 updated, 0 unchanged, 0 failed/);
    expect((await recap(['ingest', seedNotePath])).stdout).toMatch(/^unchanged/m);
  });

  it('answers with the stable JSON shape', async () => {
    const result = await recap(['ask', '--json', '--top', '3', 'what is Brown Field?']);
    expect(result.status).toBe(0);
    const answer = JSON.parse(result.stdout) as Record<string, unknown> & { citations: Array<Record<string, unknown>> };
    expect(Object.keys(answer).sort()).toEqual(expect.arrayContaining(['answer', 'citations', 'grounded', 'question']));
    expect(answer.question).toBe('what is Brown Field?');
    expect(answer.grounded).toBe(true);
    expect(answer.citations.length).toBeLessThanOrEqual(3);
    expect(answer.citations[0]).toMatchObject({
      rank: 1,
      noteId: '20190604-cloud-native-meetup-tokyo-8',
      title: '20190604 Cloud Native Meetup Tokyo #8',
      source: seedNotePath,
      section: ['Service Mesh Day Recap Overview'],
      line: 24,
    });
    for (const citation of answer.citations) {
      expect(citation).toEqual(expect.objectContaining({ text: expect.any(String), score: expect.any(Number), line: expect.any(Number) }));
    }
  });

  it('says plainly when the notes do not cover a question', async () => {
    const result = await recap(['ask', '--json', 'what is the recipe for okonomiyaki batter?']);
    const answer = JSON.parse(result.stdout) as { grounded: boolean; answer: string };
    expect(answer.grounded).toBe(false);
    expect(answer.answer.length).toBeGreaterThan(0);
  });

  it('ingests stdin under a name and refuses names with folders', async () => {
    const ok = await recap(['ingest', '-', '--name', 'lt.md'], { input: '# LT\n\n- Feature Toggle\n  - 機能のオンオフを設定で切り替える\n' });
    expect(ok.status).toBe(0);
    expect(ok.stdout).toMatch(/ingested\s+stdin:lt\.md/);
    const bad = await recap(['ingest', '-', '--name', '../../etc/passwd'], { input: 'x' });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/no folders/);
  });

  it('lists, shows and summarizes notes', async () => {
    const list = JSON.parse((await recap(['list', '--json'])).stdout) as Array<{ id: string }>;
    expect(list.map((note) => note.id)).toContain('20190604-cloud-native-meetup-tokyo-8');
    const show = JSON.parse((await recap(['show', '--json', '20190604-cloud-native-meetup-tokyo-8'])).stdout) as { date: string };
    expect(show.date).toBe('2019-06-04');
    const summary = await recap(['summary', '20190604-cloud-native-meetup-tokyo-8']);
    expect(summary.status).toBe(0);
    expect(summary.stdout).toContain('Brown Field');
  });

  it('offline, a recap asked for in another language says it is the extractive one in the note\'s language; codes that name no language are refused', async () => {
    const own = await recap(['summary', '20190604-cloud-native-meetup-tokyo-8']);
    const english = await recap(['summary', '20190604-cloud-native-meetup-tokyo-8', '--lang', 'en']);
    expect(english.status).toBe(0);
    expect(own.stdout).not.toContain('a model is needed');
    expect(english.stdout).toBe(`${own.stdout}\n— extractive recap in ja (the notes' own lines); a model is needed to write it in en (set OPENAI_API_KEY or OPENAI_BASE_URL)\n`);
    const json = JSON.parse((await recap(['summary', '20190604-cloud-native-meetup-tokyo-8', '--lang', 'fr', '--json'])).stdout) as Record<string, unknown>;
    expect(json).toMatchObject({ mode: 'extractive', language: 'ja', requestedLanguage: 'fr', notice: expect.stringContaining('a model is needed to write it in fr') });
    expect(JSON.parse((await recap(['summary', '20190604-cloud-native-meetup-tokyo-8', '--json'])).stdout)).toMatchObject({ mode: 'extractive', notice: null });
    for (const code of ['xx', 'english']) {
      const refused = await recap(['summary', '20190604-cloud-native-meetup-tokyo-8', '--lang', code]);
      expect(refused.status).toBe(2);
      expect(refused.stderr).toContain(`"${code}" is not a language code`);
    }
  });

  it('names notes by a short unique start of the id (shown in the list) or words of a title; ambiguous ones are listed', async () => {
    const list = await recap(['list']);
    expect(list.status).toBe(0);
    const line = list.stdout.split('\n').find((entry) => entry.startsWith('20190604-cloud-native-meetup-tokyo-8'));
    const handle = /\[(\S+)\]/.exec(line ?? '')?.[1];
    expect(handle).toBe('2019');
    expect(list.stdout).toContain('Name a note by its id, the start of it in [brackets], or words of its title');
    const byHandle = JSON.parse((await recap(['show', '--json', handle ?? ''])).stdout) as { id: string };
    expect(byHandle.id).toBe('20190604-cloud-native-meetup-tokyo-8');
    const byTitle = JSON.parse((await recap(['show', '--json', 'cloud native'])).stdout) as { id: string };
    expect(byTitle.id).toBe('20190604-cloud-native-meetup-tokyo-8');
    expect((await recap(['summary', handle ?? ''])).stdout).toContain('Brown Field');

    const ambiguous = await recap(['show', '20']);
    expect(ambiguous.status).toBe(2);
    expect(ambiguous.stderr).toMatch(/"20" fits \d notes:\n(  \S+  .+\n)+Give more of the id or title of the one you mean\./);
    expect(ambiguous.stderr).toContain('  20190604-cloud-native-meetup-tokyo-8  20190604 Cloud Native Meetup Tokyo #8\n');
    expect(ambiguous.stderr).toContain('  2024-02-08-observability-night  Observability Night vol.3\n');

    // A handle finds the note for delete too, but only asks: deleting takes the exact id or --yes.
    const asked = await recap(['delete', handle ?? '']);
    expect(asked.status).toBe(2);
    expect(asked.stderr).toContain('Re-run with the exact id (recap delete 20190604-cloud-native-meetup-tokyo-8) or add --yes');
  });

  it('exits with meaningful codes', async () => {
    expect((await recap(['show', 'no-such-note'])).status).toBe(4);
    expect((await recap(['ingest', '/no/such/file.md'])).status).toBe(4);
    expect((await recap(['frobnicate'])).status).toBe(2);
    expect((await recap(['--help'])).status).toBe(0);
  });

  it('delete: words of a title only list the note; --yes deletes that one; several matches are refused even with --yes', async () => {
    const ids = async () => (JSON.parse((await recap(['list', '--json'])).stdout) as Array<{ id: string }>).map((note) => note.id).sort();
    const before = await ids();
    expect(before.length).toBeGreaterThan(1);

    const asked = await recap(['delete', 'observability']);
    expect(asked.status).toBe(2);
    expect(asked.stderr).toContain('"observability" is not a note id; it matches:\n  2024-02-08-observability-night  Observability Night vol.3\n');
    expect(asked.stderr).toContain('Re-run with the exact id (recap delete 2024-02-08-observability-night) or add --yes');
    expect(asked.stdout).toBe('');

    // "e" is in several titles: before, the newest such note was deleted on the spot.
    for (const args of [['delete', 'e'], ['delete', 'e', '--yes']]) {
      const refused = await recap(args);
      expect(refused.status).toBe(2);
      expect(refused.stderr).toMatch(/"e" is not a note id; \d notes match it:\n(  \S+  .+\n)+Nothing was deleted\. Re-run with the exact id of the one you mean/);
    }
    expect((await recap(['delete', 'okonomiyaki party'])).status).toBe(4);
    expect(await ids()).toEqual(before);

    const confirmed = await recap(['delete', 'observability', '--yes']);
    expect(confirmed.stderr).toBe('');
    expect(confirmed.status).toBe(0);
    expect(confirmed.stdout).toBe('deleted 2024-02-08-observability-night (Observability Night vol.3)\n');
    expect(await ids()).toEqual(before.filter((id) => id !== '2024-02-08-observability-night'));
  });

  it('deletes a note', async () => {
    expect((await recap(['delete', '20190604-cloud-native-meetup-tokyo-8'])).status).toBe(0);
    expect((await recap(['delete', '20190604-cloud-native-meetup-tokyo-8'])).status).toBe(4);
    const answer = JSON.parse((await recap(['ask', '--json', 'Brown Field'])).stdout) as { citations: Array<{ noteId: string }> };
    expect(answer.citations.every((citation) => citation.noteId !== '20190604-cloud-native-meetup-tokyo-8')).toBe(true);
  });
});
