import { describe, expect, it } from 'vitest';
import {
  LOANWORDS_ATTRIBUTION,
  englishForKatakana,
  katakanaForEnglish,
  splitKatakanaCompound,
} from '../../src/search/loanwords.js';
import { SearchIndex } from '../../src/search/search-index.js';
import type { Chunk } from '../../src/domain/note.js';

function note(noteId: string, lines: string[]): Chunk[] {
  return lines.map((text, index) => ({ id: `${noteId}:${index + 1}`, noteId, section: ['Talk'], line: index + 1, text, children: [] }));
}

describe('loanwords', () => {
  it('maps katakana to English and back', () => {
    expect(englishForKatakana('サービス')).toContain('service');
    expect(englishForKatakana('メッシュ')).toContain('mesh');
    expect(englishForKatakana('コンテナー')).toContain('container');
    expect(katakanaForEnglish('mesh')).toContain('メッシュ');
    expect(katakanaForEnglish('early')).toContain('アーリ');
    expect(katakanaForEnglish('containers')).toContain('コンテナ');
  });

  it('drops junk mappings of English function words', () => {
    for (const word of ['do', 'with', 'need', 'and', 'it']) expect(katakanaForEnglish(word)).toEqual([]);
  });

  it('splits katakana compounds into known words, greedy longest match', () => {
    expect(splitKatakanaCompound('サービスメッシュ')).toEqual(['サービス', 'メッシュ']);
    expect(splitKatakanaCompound('アプリケーションプラットフォーム')).toEqual(['アプリケーション', 'プラットフォーム']);
    expect(splitKatakanaCompound('サービス')).toBeNull();
  });

  it('carries the Sudachi attribution', () => {
    expect(LOANWORDS_ATTRIBUTION).toMatch(/Works Applications/);
    expect(LOANWORDS_ATTRIBUTION).toMatch(/Apache/);
  });
});

describe('cross-lingual search', () => {
  const index = new SearchIndex();
  index.upsertNote({ noteId: 'ja', title: '勉強会', source: 'ja.md' }, note('ja', ['サービスメッシュを導入した', 'ランチはカレー']));
  index.upsertNote({ noteId: 'en', title: 'Meetup', source: 'en.md' }, note('en', ['Service mesh adoption', 'Lunch was curry']));

  it('finds サービスメッシュ for "service mesh" and the other way round', () => {
    expect(index.search('service mesh', { noteId: 'ja' })[0]?.chunk.text).toBe('サービスメッシュを導入した');
    expect(index.search('サービスメッシュ', { noteId: 'en' })[0]?.chunk.text).toBe('Service mesh adoption');
  });

  it('weighs a translation below the words as written', () => {
    const [first, second] = index.search('service mesh');
    expect(first?.note.noteId).toBe('en');
    expect(second?.note.noteId).toBe('ja');
  });

  it('expands an English phrase into the katakana compound', () => {
    const slots = index.analyze('service mesh').slots;
    const terms = slots.flatMap((slot) => slot.representations.flatMap((representation) => representation.terms));
    expect(terms).toEqual(expect.arrayContaining(['サービス', 'メッシュ', 'サービスメッシュ']));
  });
});
