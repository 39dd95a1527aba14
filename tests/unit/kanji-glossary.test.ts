import { describe, expect, it } from 'vitest';
import type { Chunk } from '../../src/domain/note.js';
import { glossaryEnglish, glossaryKanji } from '../../src/search/kanji-glossary.js';
import { kanjiForEnglish } from '../../src/search/kanji-terms.js';
import { SearchIndex } from '../../src/search/search-index.js';

/** The EDICT-derived glossary (src/search/data/kanji-glossary.json): the words our own list lacks. */
describe('kanji glossary', () => {
  it('maps kanji words to their usual English words and back, inflections included', () => {
    expect(glossaryEnglish('子育て')).toContain('parenting');
    expect(glossaryKanji('commute')).toContain('通勤');
    expect(glossaryKanji('commuting')).toContain('通勤');
    // A lone kanji never stands for an English word: it would match every compound.
    expect(glossaryKanji('monkey').every((kanji) => [...kanji].length >= 2)).toBe(true);
  });

  it('finds a Japanese line for an English word only the dictionary knows', () => {
    expect(kanjiForEnglish('commute')).toEqual([]);
    const index = new SearchIndex();
    const line = (at: number, text: string, section: string[] = ['子育てとスキルアップ']): Chunk => ({ id: `p:${at}`, noteId: 'p', section, line: at, text, children: [] });
    index.upsertNote({ noteId: 'p', title: '子育てエンジニアLT', source: 'p.md' }, [line(3, '通勤時間'), line(4, '電車やバスで勉強する'), line(6, '夜は早く寝る')]);
    const hits = index.search('what did they say to do on your commute?');
    expect(hits[0]?.chunk.text).toBe('通勤時間');
  });
});
