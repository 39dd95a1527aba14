import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseNote } from '../../src/notes/parse.js';
import type { NoteItem } from '../../src/domain/note.js';
import { renderSummaryText, summarizeNote } from '../../src/recap/summary.js';
import { seedNotePath } from '../helpers/corpus.js';

const seed = parseNote(readFileSync(seedNotePath, 'utf8'), { source: seedNotePath });
const summary = summarizeNote(seed);

function count(items: readonly NoteItem[]): number {
  return items.reduce((total, item) => total + 1 + count(item.children), 0);
}

describe('summarizeNote on the seed note', () => {
  it('carries the note identity', () => {
    expect(summary).toMatchObject({ noteId: seed.id, event: 'Cloud Native Meetup Tokyo #8', date: '2019-06-04', speakers: ['@taiki45'] });
  });

  it('finds Brown Field and Green Feild as terms, with their lines', () => {
    const terms = new Map(summary.terms.map((term) => [term.term, term]));
    expect(terms.get('Brown Field')).toEqual({
      term: 'Brown Field',
      definition: 'VM上で管理されているサービス。技術的負債が多いサービス',
      line: 24,
      section: ['Service Mesh Day Recap Overview'],
    });
    expect(terms.get('Green Feild')).toMatchObject({ line: 21, definition: '新規で開発を行う綺麗で技術的負債が少ないサービス' });
  });

  it('selects a few key points per talk, not every bullet', () => {
    expect(summary.talks.map((talk) => talk.line)).toEqual([3, 9, 65]);
    for (const talk of summary.talks) {
      const section = seed.sections.find((candidate) => candidate.line === talk.line);
      const bullets = count(section?.items ?? []);
      expect(talk.keyPoints.length).toBeGreaterThan(0);
      expect(talk.keyPoints.length).toBeLessThanOrEqual(5);
      expect(talk.keyPoints.length).toBeLessThan(bullets);
    }
    const overview = summary.talks[1];
    expect(overview?.speakers).toEqual(['@taiki45']);
    expect(overview?.keyPoints.map((point) => point.line)).toContain(24);
    expect(overview?.keyPoints.some((point) => /[?？]$/.test(point.text))).toBe(false);
  });

  it('renders a readable text recap with lines', () => {
    const text = renderSummaryText(summary);
    expect(text).toContain('Cloud Native Meetup Tokyo #8 — 2019-06-04');
    expect(text).toContain('Service Mesh Day Recap Overview (@taiki45)');
    expect(text).toMatch(/Brown Field: VM上で管理されているサービス。技術的負債が多いサービス {2}\[line 24\]/);
    expect(text).toContain('Speakers: @taiki45');
  });
});

describe('summarizeNote on other notes', () => {
  it('never summarises off-the-record content', () => {
    const file = path.resolve(import.meta.dirname, '../fixtures/notes/offrecord-meetup.md');
    const text = renderSummaryText(summarizeNote(parseNote(readFileSync(file, 'utf8'), { source: file })));
    expect(text).not.toMatch(/SECRET|オフレコ|佐藤/);
    expect(text).toContain('Provisioned Concurrency');
  });

  it('copes with a note without date, event or talks', () => {
    const note = parseNote('just a line of text\n', { source: 'plain.md' });
    const text = renderSummaryText(summarizeNote(note));
    expect(text).toContain('plain — date unknown');
  });
});
