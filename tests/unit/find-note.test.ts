import { describe, expect, it } from 'vitest';
import { findNote } from '../../src/recap/find-note.js';
import type { NoteListing } from '../../src/store/note-store.js';

const listing = (id: string, title: string, date: string, event: string | null = null): NoteListing => ({ id, title, event, date, language: 'ja', source: `notes/${id}.md`, sections: 3, speakers: [] });

// Newest first, as NoteStore.listNotes returns them.
const notes = [
  listing('20240315-k8s-benkyoukai-12', 'Kubernetes 勉強会 #12', '2024-03-15'),
  listing('2024-02-08-observability-night', 'Observability Night', '2024-02-08', 'Observability Night Tokyo'),
  listing('20190604-cloud-native-meetup-tokyo-8', '20190604 Cloud Native Meetup Tokyo #8', '2019-06-04'),
];

describe('findNote', () => {
  it('takes an exact id first (case-insensitive as a fallback)', () => {
    expect(findNote(notes, '20190604-cloud-native-meetup-tokyo-8')?.id).toBe('20190604-cloud-native-meetup-tokyo-8');
    expect(findNote(notes, '2024-02-08-OBSERVABILITY-NIGHT')?.id).toBe('2024-02-08-observability-night');
  });

  it('then a title or event containing the text, case and width folded', () => {
    expect(findNote(notes, 'cloud native')?.id).toBe('20190604-cloud-native-meetup-tokyo-8');
    expect(findNote(notes, 'ＣＬＯＵＤ　ＮＡＴＩＶＥ')?.id).toBe('20190604-cloud-native-meetup-tokyo-8');
    expect(findNote(notes, '勉強会')?.id).toBe('20240315-k8s-benkyoukai-12');
    expect(findNote(notes, 'night tokyo')?.id).toBe('2024-02-08-observability-night');
  });

  it('then the title sharing most words, and nothing when too little is shared', () => {
    expect(findNote(notes, 'tokyo meetup #8 notes')?.id).toBe('20190604-cloud-native-meetup-tokyo-8');
    expect(findNote(notes, 'kubernetes 12')?.id).toBe('20240315-k8s-benkyoukai-12');
    expect(findNote(notes, 'okonomiyaki party')).toBeNull();
    expect(findNote(notes, '   ')).toBeNull();
    expect(findNote([], 'anything')).toBeNull();
  });
});
