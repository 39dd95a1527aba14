import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseModelReply } from '../../src/llm/prompts/summary-prompt.js';
import { buildTranslateMessages, translationReplySchema } from '../../src/llm/prompts/translate-prompt.js';
import { chunkNote } from '../../src/notes/chunk.js';
import { parseNote } from '../../src/notes/parse.js';
import { planSectionPieces, translatableLines } from '../../src/recap/translate-note.js';
import { TranslationMemory } from '../../src/recap/translation-memory.js';
import { SearchIndex } from '../../src/search/search-index.js';
import { translatedChunks, translationIndexKey } from '../../src/search/translated-chunks.js';
import type { StoredTranslation } from '../../src/store/translation-store.js';
import { seedNotePath } from '../helpers/corpus.js';

const seed = { ...parseNote(readFileSync(seedNotePath, 'utf8'), { source: seedNotePath }), id: 'seed' };
const mesh = seed.sections.find((section) => section.line === 9);
if (!mesh) throw new Error('seed has no line-9 section');

describe('the translate prompt', () => {
  it('sends numbered lines, nesting as indentation, the heading path and the glossary inside the delimiters', () => {
    const [, user] = buildTranslateMessages({
      note: seed,
      section: { path: mesh.path, items: translatableLines(mesh) },
      language: 'en',
      glossary: [{ source: '技術的負債', text: 'technical debt' }],
    });
    expect(user?.content).toContain('Heading path: ["Service Mesh Day Recap Overview"]\nGlossary:\n- 技術的負債 → technical debt\n');
    expect(user?.content).toContain('\nL24: Brown Field\nL25:   VM上で管理されているサービス。技術的負債が多いサービス\n');
    expect(user?.content).toContain('L34:     まずは自分たちの課題を分析する');
  });

  it('reads lines leniently: "L24" numbers, broken entries dropped; a reply with no sent line is unusable', () => {
    const schema = translationReplySchema(new Set([24, 25]));
    const reply = '```json\n{"headingPath": ["Overview"], "lines": [{"line": "L24", "text": "Brown Field"}, {"line": "x", "text": "?"}, 7, {"line": 25}], "terms": "none"}\n```';
    expect(parseModelReply(reply, schema)).toEqual({
      ok: true,
      value: { headingPath: ['Overview'], lines: [{ line: 24, text: 'Brown Field' }, { line: undefined, text: '?' }, null, null], terms: [] },
    });
    expect(parseModelReply('{"headingPath": [], "lines": [{"line": 99, "text": "made up"}]}', schema)).toMatchObject({
      ok: false,
      problem: 'wrong shape: lines: none of the numbered lines is translated',
    });
    expect(parseModelReply('{"headingPath": []}', schema)).toMatchObject({ ok: false, problem: expect.stringMatching(/^wrong shape: lines/) });
  });

  it('splits a section to fit a small context, keeping every line once and in order', () => {
    const pieces = planSectionPieces(seed, mesh, 'en', 1_000, 300);
    expect(pieces.length).toBeGreaterThan(2);
    expect(pieces.flatMap((piece) => piece.items.map((item) => item.line))).toEqual(translatableLines(mesh).map((item) => item.line));
    expect(planSectionPieces(seed, mesh, 'en', 16_000, 4_000)).toHaveLength(1);
  });
});

describe('the translation memory', () => {
  it('keeps the first translation of a term and only terms the section really has', () => {
    const memory = new TranslationMemory();
    memory.learnHeadings(['第1部', 'サービスメッシュ入門'], ['Part 1', 'Intro to service mesh']);
    memory.learnHeadings(['第1部', '運用'], ['Section 1', 'Operations']);
    expect(memory.translatePath(['第1部', '運用', '未知'])).toEqual(['Part 1', 'Operations', '未知']);
    memory.learnTerms([{ source: '技術的負債', text: 'technical debt' }, { source: '幻の用語', text: 'phantom' }, null], '技術的負債が多い');
    memory.learnTerms([{ source: '技術的負債', text: 'tech debt' }], '技術的負債');
    expect(memory.glossary()).toEqual([
      { source: '第1部', text: 'Part 1' },
      { source: 'サービスメッシュ入門', text: 'Intro to service mesh' },
      { source: '運用', text: 'Operations' },
      { source: '技術的負債', text: 'technical debt' },
    ]);
  });
});

describe('translated chunks', () => {
  it('are the note\'s chunks with translated text, cited by the note\'s id and lines; unchanged ones are left out', () => {
    const chunks = chunkNote(seed);
    const translation = {
      noteId: 'seed',
      language: 'en',
      sections: [
        {
          line: 9,
          level: 2,
          path: ['Service Mesh Day Recap Overview'],
          translatedPath: ['Service Mesh Day: overview'],
          items: [
            { line: 24, depth: 0, source: 'Brown Field', text: 'Brown Field' },
            { line: 25, depth: 1, source: 'VM上で管理されているサービス。技術的負債が多いサービス', text: 'Services on VMs, with much technical debt' },
          ],
        },
      ],
    } as unknown as StoredTranslation;
    const translated = translatedChunks(chunks, translation);
    const byLine = new Map(translated.map((chunk) => [chunk.line, chunk]));
    expect(byLine.get(25)).toEqual({
      id: 'seed~en:25',
      noteId: 'seed',
      section: ['Service Mesh Day: overview'],
      line: 25,
      text: 'Services on VMs, with much technical debt',
      children: [],
      translation: { language: 'en', originalSection: ['Service Mesh Day Recap Overview'], originalText: 'VM上で管理されているサービス。技術的負債が多いサービス' },
    });
    expect(byLine.get(24)?.children).toEqual([{ line: 25, depth: 1, text: 'Services on VMs, with much technical debt' }]);
    // The heading chunk reads as a heading: its text ends its section path.
    expect(byLine.get(9)).toMatchObject({ text: 'Service Mesh Day: overview', section: ['Service Mesh Day: overview'] });
    // Sections the translation does not cover are not repeated.
    expect(translated.some((chunk) => chunk.line === 5)).toBe(false);

    // In the index, a translated line's parent is the translated one (an answer keeps one language).
    const index = new SearchIndex();
    index.upsertNote({ noteId: 'seed', title: seed.title, source: seed.source }, chunks);
    index.upsertNote({ noteId: translationIndexKey('seed', 'en'), title: seed.title, source: seed.source }, translated);
    expect(index.parentOf(byLine.get(25) as (typeof translated)[number])?.children[0]?.text).toBe('Services on VMs, with much technical debt');
    const original = chunks.find((chunk) => chunk.line === 25);
    expect(original && index.parentOf(original)?.children[0]?.text).toBe('VM上で管理されているサービス。技術的負債が多いサービス');
  });
});
