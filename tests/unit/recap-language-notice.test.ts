import { describe, expect, it } from 'vitest';
import { isKnownLanguageCode } from '../../src/domain/language.js';
import { recapFromExtractive } from '../../src/recap/recap-summary.js';
import { recapReply } from '../../src/recap/recap-reply.js';
import { extractiveLanguageNotice, type ImmediateRecap } from '../../src/recap/recap-without-waiting.js';

const note = { id: '20190604-cloud-native-meetup-tokyo-8', title: 'Cloud Native Meetup Tokyo #8', event: null, date: '2019-06-04', source: 'notes/seed.md' };
const extractive = (requested: string, pending = false): ImmediateRecap => ({
  summary: recapFromExtractive({ noteId: note.id, title: note.title, event: null, date: note.date, talks: [], terms: [], speakers: [] }),
  language: 'ja',
  model: 'offline',
  pending,
  requested,
});

describe('recaps in a language the note is not written in', () => {
  it('the chat reply of an offline extractive recap says a model is needed for that language', () => {
    expect(recapReply(note, extractive('en')).footer).toBe("Extractive recap in ja (the notes' own lines); a model is needed to write it in en (set OPENAI_API_KEY or OPENAI_BASE_URL).");
    expect(recapReply(note, extractive('ja-JP')).footer).toBe("Extractive recap: the notes' own lines, no model.");
    expect(recapReply(note, extractive('en', true)).footer).toMatch(/model-written recap of .* in en is being prepared/);
  });

  it('needs no notice in the note\'s own language, whatever the region', () => {
    expect(extractiveLanguageNotice('ja', 'ja')).toBeNull();
    expect(extractiveLanguageNotice('en', 'en-GB')).toBeNull();
    expect(extractiveLanguageNotice('ja', 'fr')).toContain('write it in fr');
  });

  it('knows real language codes from ones that are only shaped like them', () => {
    for (const code of ['ja', 'en', 'fr', 'pt-BR', 'zh-TW']) expect(isKnownLanguageCode(code)).toBe(true);
    for (const code of ['xx', 'qq', 'english', 'EN', 'e', '']) expect(isKnownLanguageCode(code)).toBe(false);
  });
});
