import { describe, expect, it } from 'vitest';
import { deletionTarget, noteHandles, resolveNoteReference } from '../../src/recap/find-note.js';
import type { NoteListing } from '../../src/store/note-store.js';

const listing = (id: string, title: string, event: string | null = null): NoteListing => ({ id, title, event, date: null, language: 'ja', source: `notes/${id}.md`, sections: 1, speakers: [] });

// Newest first, as NoteStore.listNotes returns them.
const notes = [
  listing('20240315-fukuokajs-migrating-hundreds-of-legacy-apps', 'FukuokaJS #30 レガシーアプリの移行'),
  listing('20240301-fukuokajs-29', 'FukuokaJS #29'),
  listing('20190604-cloud-native-meetup-tokyo-8', '20190604 Cloud Native Meetup Tokyo #8'),
  listing('observability', 'Observability Night vol.3'),
];
const ids = (resolution: ReturnType<typeof resolveNoteReference>): string[] =>
  resolution.status === 'found' ? [resolution.note.id] : resolution.status === 'ambiguous' ? resolution.candidates.map((note) => note.id) : [];

describe('resolveNoteReference', () => {
  it('takes the exact id, case folded as a fallback', () => {
    expect(resolveNoteReference(notes, '20240301-fukuokajs-29')).toMatchObject({ status: 'found', by: 'id' });
    expect(resolveNoteReference(notes, 'OBSERVABILITY')).toMatchObject({ status: 'found', by: 'id' });
  });

  it('takes a prefix that only one id starts with', () => {
    expect(resolveNoteReference(notes, '20240315')).toMatchObject({ status: 'found', by: 'prefix', note: { id: '20240315-fukuokajs-migrating-hundreds-of-legacy-apps' } });
    expect(resolveNoteReference(notes, '2019')).toMatchObject({ status: 'found', by: 'prefix', note: { id: '20190604-cloud-native-meetup-tokyo-8' } });
    expect(resolveNoteReference(notes, 'obs')).toMatchObject({ status: 'found', by: 'prefix' });
  });

  it('calls a prefix several ids share ambiguous, listing them, instead of guessing', () => {
    const shared = resolveNoteReference(notes, '2024');
    expect(shared.status).toBe('ambiguous');
    expect(ids(shared)).toEqual(['20240315-fukuokajs-migrating-hundreds-of-legacy-apps', '20240301-fukuokajs-29']);
  });

  it('takes words of a title when they fit one note, and says ambiguous when they fit several', () => {
    expect(resolveNoteReference(notes, 'cloud native')).toMatchObject({ status: 'found', by: 'title', note: { id: '20190604-cloud-native-meetup-tokyo-8' } });
    expect(resolveNoteReference(notes, 'fukuokajs #29')).toMatchObject({ status: 'found', note: { id: '20240301-fukuokajs-29' } });
    expect(ids(resolveNoteReference(notes, 'fukuokajs'))).toEqual(['20240315-fukuokajs-migrating-hundreds-of-legacy-apps', '20240301-fukuokajs-29']);
    expect(resolveNoteReference(notes, 'fukuokajs').status).toBe('ambiguous');
    expect(resolveNoteReference(notes, 'okonomiyaki party')).toEqual({ status: 'none' });
    expect(resolveNoteReference(notes, '  ')).toEqual({ status: 'none' });
  });
});

describe('noteHandles', () => {
  it('gives each id the shortest start no other id has, at least four characters', () => {
    const handles = noteHandles(notes.map((note) => note.id));
    expect(handles.get('20240315-fukuokajs-migrating-hundreds-of-legacy-apps')).toBe('2024031');
    expect(handles.get('20240301-fukuokajs-29')).toBe('2024030');
    expect(handles.get('20190604-cloud-native-meetup-tokyo-8')).toBe('2019');
    expect(handles.get('observability')).toBe('obse');
  });

  it('resolves every handle it gives back to its own note', () => {
    const many = [...notes, listing('20240315-fukuokajs-30', 'FukuokaJS #30 LT'), listing('obs', 'Obs')];
    const handles = noteHandles(many.map((note) => note.id));
    for (const note of many) expect(resolveNoteReference(many, handles.get(note.id) ?? '')).toMatchObject({ status: 'found', note: { id: note.id } });
  });
});

describe('deletionTarget with handles', () => {
  it('finds a note by its handle only as a candidate to confirm; the exact id deletes at once', () => {
    expect(deletionTarget(notes, '2019')).toMatchObject({ status: 'confirm', candidates: [{ id: '20190604-cloud-native-meetup-tokyo-8' }] });
    expect(deletionTarget(notes, '20190604-cloud-native-meetup-tokyo-8')).toMatchObject({ status: 'exact' });
    expect(deletionTarget(notes, '2024')).toMatchObject({ status: 'confirm' });
  });
});
