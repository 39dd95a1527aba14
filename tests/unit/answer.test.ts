import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { chunkNote } from '../../src/notes/chunk.js';
import { parseNote } from '../../src/notes/parse.js';
import { answerQuestion } from '../../src/recap/answer.js';
import { SearchIndex } from '../../src/search/search-index.js';
import { seedNotePath } from '../helpers/corpus.js';

const note = parseNote(readFileSync(seedNotePath, 'utf8'), { source: seedNotePath });
const index = new SearchIndex();
index.upsertNote({ noteId: note.id, title: note.title, source: seedNotePath }, chunkNote(note));

describe('answerQuestion', () => {
  it('answers "what is Brown Field?" with the defining bullet, in the notes\' words', () => {
    const answer = answerQuestion(index, 'what is Brown Field?');
    expect(answer.grounded).toBe(true);
    expect(answer.citations[0]).toMatchObject({
      rank: 1,
      noteId: note.id,
      source: seedNotePath,
      line: 24,
      text: 'Brown Field',
      section: ['Service Mesh Day Recap Overview'],
      title: '20190604 Cloud Native Meetup Tokyo #8',
    });
    expect(answer.answer).toBe(
      'Brown Field (20190604 Cloud Native Meetup Tokyo #8 › Service Mesh Day Recap Overview, line 24):\n' +
        '- VM上で管理されているサービス。技術的負債が多いサービス',
    );
  });

  it('answers the container question with the misconception and its correction', () => {
    const answer = answerQuestion(index, 'サービスメッシュってコンテナ化しないと導入できないの?');
    expect(answer.grounded).toBe(true);
    expect([36, 37]).toContain(answer.citations[0]?.line);
    expect(answer.answer).toContain('VMベースの構成でもサービスメッシュを導入できる');
  });

  it('answers an English question about the Japanese note', () => {
    const answer = answerQuestion(index, 'When does the early bird discount end?');
    expect(answer.citations[0]?.line).toBe(5);
  });

  it('says plainly that the notes do not cover an unrelated question, with the nearest sections', () => {
    const answer = answerQuestion(index, 'What is the capital of France?');
    expect(answer.grounded).toBe(false);
    expect(answer.answer).toMatch(/do not cover/);
    expect(answer.answer.trim()).not.toBe('');
  });

  it('lists nearest sections for a question close to the notes but not answered by them', () => {
    const answer = answerQuestion(index, 'How do I configure Envoy rate limiting with Redis?');
    expect(answer.grounded).toBe(false);
    // The nearest lines are quoted, so the asker sees what the notes do say.
    expect(answer.answer).toMatch(/Nearest lines:\n- ".+" \(20190604 Cloud Native Meetup Tokyo #8 › /);
    expect(answer.citations.length).toBeGreaterThan(0);
    expect(answer.citations[0]?.rank).toBe(1);
  });

  it('answers a Japanese question the notes do not cover in Japanese', () => {
    const answer = answerQuestion(index, '明日の天気は?');
    expect(answer.grounded).toBe(false);
    expect(answer.answer).toMatch(/ノートには/);
  });

  it('handles empty, blank and stop-word-only questions with a message', () => {
    for (const question of ['', '   ', '\n']) {
      const answer = answerQuestion(index, question);
      expect(answer.grounded).toBe(false);
      expect(answer.citations).toEqual([]);
      expect(answer.answer).toMatch(/ask a question/i);
    }
    expect(answerQuestion(index, 'what is it?').answer).toMatch(/no words to search/);
    expect(answerQuestion(index, 'それは何ですか？').answer).toMatch(/検索できる語/);
  });

  it('says when no notes are ingested', () => {
    expect(answerQuestion(new SearchIndex(), 'what is Brown Field?').answer).toMatch(/No notes have been ingested/);
  });

  it('returns at most `top` citations ranked from 1', () => {
    const answer = answerQuestion(index, 'Envoy', { top: 3 });
    expect(answer.citations.map((citation) => citation.rank)).toEqual([1, 2, 3]);
  });

  it('shows the parent bullet when the best hit is a sub-bullet', () => {
    const answer = answerQuestion(index, 'Lyftで使われていたのがOSSになった');
    expect(answer.grounded).toBe(true);
    expect(answer.answer).toMatch(/^Envoy \(/);
  });
});
