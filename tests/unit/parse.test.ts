import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { RecapError } from '../../src/errors.js';
import { noteIdFromSource, parseNote } from '../../src/notes/parse.js';
import type { Note, NoteItem } from '../../src/domain/note.js';
import { seedNotePath } from '../helpers/corpus.js';

const fixtures = path.resolve(import.meta.dirname, '../fixtures/notes');
const seedText = readFileSync(seedNotePath, 'utf8');
const seedLines = seedText.split('\n');
const seed = parseNote(seedText, { source: 'notes/20190604-cloud-native-meetup-tokyo-8.md' });

function fixture(name: string): Note {
  return parseNote(readFileSync(path.join(fixtures, name), 'utf8'), { source: `tests/fixtures/notes/${name}` });
}

function findItem(items: readonly NoteItem[], text: string): NoteItem | undefined {
  for (const item of items) {
    if (item.text === text) return item;
    const found = findItem(item.children, text);
    if (found) return found;
  }
  return undefined;
}

function itemIn(note: Note, text: string): NoteItem | undefined {
  for (const section of note.sections) {
    const found = findItem(section.items, text);
    if (found) return found;
  }
  return undefined;
}

describe('parseNote on the seed note', () => {
  it('reads title, event, date and language', () => {
    expect(seed.title).toBe('20190604 Cloud Native Meetup Tokyo #8');
    expect(seed.event).toBe('Cloud Native Meetup Tokyo #8');
    expect(seed.date).toBe('2019-06-04');
    expect(seed.language).toBe('ja');
    expect(seed.encoding).toBe('utf-8');
    expect(seed.id).toBe('20190604-cloud-native-meetup-tokyo-8');
    expect(seed.lineCount).toBe(seedLines.length);
    expect(seed.contentHash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('lists sections with paths below the title H1', () => {
    expect(seed.sections.map((section) => [section.line, section.level, section.path])).toEqual([
      [3, 2, ['CloudNativeDays Tokyo']],
      [9, 2, ['Service Mesh Day Recap Overview']],
      [65, 2, ['Servie Mesh Day Recap: Intro to ServiceMesh']],
      [123, 2, ['GMO ペパポ']],
    ]);
  });

  it('keeps bullets nested with the lines of the file', () => {
    const brown = itemIn(seed, 'Brown Field');
    expect(brown).toMatchObject({ kind: 'bullet', line: 24, depth: 0 });
    expect(seedLines[23]).toBe('- Brown Field');
    expect(brown?.children).toEqual([
      { kind: 'bullet', text: 'VM上で管理されているサービス。技術的負債が多いサービス', line: 25, depth: 1, children: [] },
    ]);
    const deep = itemIn(seed, 'envoyの機能？サービス？');
    expect(deep).toMatchObject({ line: 47, depth: 3 });
    expect(seedLines[46]).toContain('envoyの機能？サービス？');
  });

  it('finds @handles as speakers', () => {
    expect(seed.speakers).toEqual(['@taiki45']);
    expect(seed.sections[1]?.speakers).toEqual(['@taiki45']);
  });
});

describe('parseNote off the record', () => {
  const note = fixture('offrecord-meetup.md');
  const json = JSON.stringify(note);

  it('never lets off-the-record content into the note', () => {
    for (const secret of ['SECRET', 'オフレコ', 'secret', '佐藤', 'tail_handle', 'intra.example.com', '懇親会']) {
      expect(json).not.toContain(secret);
    }
  });

  it('keeps what is on the record around it', () => {
    expect(note.sections.map((section) => section.title)).toEqual(['Lambdaのコールドスタート対策', 'Q&A']);
    const top = note.sections[0]?.items.map((item) => [item.text, item.line]);
    expect(top).toEqual([
      ['Provisioned Concurrency', 5],
      ['Layersでライブラリを共有', 10],
      ['まとめ', 15],
    ]);
    expect(itemIn(note, '最後のメモ')?.line).toBe(35);
  });

  it('recognises every marker form', () => {
    const variants = [
      '## Talk [オフレコ]\n\n- HIDDENX',
      '## Talk ［オフレコ］\n\n- HIDDENX',
      '## Talk【オフレコ】\n\n- HIDDENX',
      '## Talk (off the record)\n\n- HIDDENX',
      '## Talk （Off the Record）\n\n- HIDDENX',
      '## Talk\n\n- HIDDENX (OFF THE RECORD)\n  - KIDX',
      '## Talk\n\n<!-- offrecord -->\n- HIDDENX\n<!--/offrecord-->',
      '## Talk\n\nvisible <!-- offrecord --> HIDDENX',
    ];
    for (const variant of variants) {
      expect(JSON.stringify(parseNote(`# T\n\n${variant}\n`, { source: 'v.md' }))).not.toMatch(/HIDDENX|KIDX/);
    }
  });
});

describe('parseNote metadata', () => {
  it('reads YAML front matter', () => {
    const note = fixture('front-matter.md');
    expect(note).toMatchObject({ title: 'Cloud Native Kitakyushu #2 メモ', date: '2020-02-29', event: 'Cloud Native Kitakyushu #2' });
    expect(note.sections.map((section) => section.path)).toEqual([['Service Meshの基礎']]);
    expect(itemIn(note, 'Sidecar')?.line).toBe(12);
  });

  it('takes the date from a line under the title and speakers from "by X", "Xさん" and @handles', () => {
    const note = fixture('2019_0820-kubernetes-night-fukuoka.md');
    expect(note).toMatchObject({ title: 'Kubernetes Night Fukuoka #3', date: '2019-08-20', event: 'Kubernetes Night Fukuoka #3' });
    expect(note.sections[1]?.speakers).toEqual(['Taro Yamada', '@yamada_k8s', '山田']);
    expect(note.speakers).not.toContain('@example');
    expect(note.links).toEqual([
      { text: 'Operatorを自作した話 - Speaker Deck', url: 'https://speakerdeck.example.com/taro/operator', line: 9 },
      { text: 'foo@example.com', url: 'mailto:foo@example.com', line: 29 },
    ]);
  });

  it('falls back to the file name for the title and the date', () => {
    const note = parseNote('- Canary Release\n  - 一部のユーザーにだけ出す\n', { source: 'notes/2019-04-23-canary-night.md' });
    expect(note.title).toBe('2019 04 23 canary night');
    expect(note.date).toBe('2019-04-23');
    expect(note.event).toBeNull();
  });

  it('handles headings written as bullets, tables, quotes and code', () => {
    const note = fixture('odd-headings.md');
    expect(note.title).toBe('Kyushu Container Day 2019');
    expect(note.date).toBe('2019-11-02');
    expect(note.sections.map((section) => section.path)).toEqual([[], ['セッション1: コンテナセキュリティ入門 by Hanako Suzuki']]);
    expect(note.speakers).toEqual(['Hanako Suzuki']);
    const kinds = note.sections[1]?.items.map((item) => [item.kind, item.line]);
    expect(kinds).toEqual([
      ['bullet', 6],
      ['bullet', 8],
      ['bullet', 10],
      ['quote', 14],
      ['table', 17],
      ['table', 19],
      ['table', 20],
      ['code', 23],
    ]);
    expect(itemIn(note, '見出しっぽい子供')?.depth).toBe(1);
  });

  it('detects English notes', () => {
    const note = parseNote('# Talk\n\n- Service meshes move retries out of the app\n- サービス\n', { source: 'en.md' });
    expect(note.language).toBe('en');
  });

  it('proposes ids from file names', () => {
    expect(noteIdFromSource('/x/notes/20190604-Cloud Native_Meetup.md')).toBe('20190604-cloud-native-meetup');
    expect(noteIdFromSource('stdin:my-note.md')).toBe('my-note');
    expect(noteIdFromSource('2019/0416-cndf/README.md')).toBe('0416-cndf');
    expect(noteIdFromSource('勉強会メモ.md')).toMatch(/^note-[0-9a-f]{8}$/);
    expect(noteIdFromSource(`${'a'.repeat(200)}.md`)).toHaveLength(80);
  });
});

describe('parseNote robustness', () => {
  const deepInputs = {
    indented: Array.from({ length: 10_000 }, (_, depth) => `${'  '.repeat(depth)}- level ${depth}`).join('\n'),
    quotes: `${'>'.repeat(10_000)} deep quote\n`,
    dashes: `${'- '.repeat(10_000)}x\n`,
    emphasis: `${'*a '.repeat(10_000)}b${' c*'.repeat(10_000)}\n`,
  };

  it.each(Object.entries(deepInputs))('survives 10,000-deep %s nesting', (name, text) => {
    try {
      const note = parseNote(text, { source: `${name}.md` });
      expect(note.sections.length).toBeGreaterThan(0);
    } catch (error) {
      expect(error).toBeInstanceOf(RecapError);
      expect((error as RecapError).code).toBe('input_too_deep');
      expect((error as RecapError).message).toContain(`${name}.md`);
    }
  });

  it('parses a 900 KB note in reasonable time, with the right lines', () => {
    let text = '';
    while (text.length < 450_000) text += `${seedText}\n`;
    const started = Date.now();
    const note = parseNote(text, { source: 'big.md' });
    expect(Date.now() - started).toBeLessThan(20_000);
    const lines = text.split('\n');
    const browns = note.sections.flatMap((section) => section.items).filter((item) => item.text === 'Brown Field');
    expect(browns.length).toBeGreaterThan(100);
    for (const brown of browns) expect(lines[brown.line - 1]).toBe('- Brown Field');
  });
});

describe('parseNote with text that parses as HTML', () => {
  const texts = (note: Note): Array<[string, number]> =>
    note.sections.flatMap((section) => section.items).map((item) => [item.text, item.line]);

  it('keeps Slack mentions such as <!channel> and <!here> as the text of their line', () => {
    const note = parseNote('- <!channel> 今日の懇親会は19時から\n  - 会場は3F\n<!here> 受付は18時半\n\n<@U123> 資料はあとで共有します\n', { source: 'slack.md' });
    expect(texts(note)).toEqual([
      ['<!channel> 今日の懇親会は19時から', 1],
      ['<!here> 受付は18時半', 3],
      ['<@U123> 資料はあとで共有します', 5],
    ]);
    expect(itemIn(note, '<!channel> 今日の懇親会は19時から')?.children.map((child) => child.text)).toEqual(['会場は3F']);
  });

  it('keeps the text of HTML blocks and inline HTML, dropping only the tags and comments', () => {
    const note = parseNote('<div align="center">\nService Mesh Day\n</div>\n\n- a <b>bold</b> <!here> word<br>\n\n<!-- a comment -->\n', { source: 'html.md' });
    expect(texts(note)).toEqual([
      ['Service Mesh Day', 1],
      ['a bold <!here> word', 5],
    ]);
  });
});
