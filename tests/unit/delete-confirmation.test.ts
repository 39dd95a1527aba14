import { describe, expect, it } from 'vitest';
import { MAX_CONFIRM_TARGETS, deleteConfirmationReply } from '../../src/chat/delete-commands.js';
import { DISCORD_CUSTOM_IDS, renderDiscord } from '../../src/adapters/discord/render-discord.js';
import { SLACK_ACTIONS, SLACK_DELETE_NOTE_ACTION, renderSlackReply, type ActionsBlock } from '../../src/adapters/slack/render-slack.js';
import { deletionTarget, noteCandidates } from '../../src/recap/find-note.js';
import type { NoteListing } from '../../src/store/note-store.js';

const listing = (id: string, title: string): NoteListing => ({ id, title, event: null, date: null, language: 'ja', source: `notes/${id}.md`, sections: 1, speakers: [] });

// Newest first, as NoteStore.listNotes returns them.
const notes = [
  listing('20240901-alerting-lt', '20240901 Alerting LT <!channel>'),
  listing('2024-02-08-observability-night', 'Observability Night'),
  listing('20190604-cloud-native-meetup-tokyo-8', '20190604 Cloud Native Meetup Tokyo #8'),
];

describe('deletionTarget', () => {
  it('acts at once only on the exact id', () => {
    expect(deletionTarget(notes, ' 20240901-alerting-lt ')).toEqual({ status: 'exact', note: notes[0] });
    // A case-folded id finds the note, but only as a candidate to confirm.
    expect(deletionTarget(notes, '20240901-ALERTING-LT')).toEqual({ status: 'confirm', candidates: [notes[0]] });
  });

  it('offers every note a fragment matches, newest first, and nothing for no match', () => {
    expect(deletionTarget(notes, 'e')).toEqual({ status: 'confirm', candidates: notes });
    expect(deletionTarget(notes, 'night')).toEqual({ status: 'confirm', candidates: [notes[1]] });
    expect(deletionTarget(notes, 'okonomiyaki party')).toEqual({ status: 'none' });
    expect(deletionTarget(notes, '  ')).toEqual({ status: 'none' });
  });

  it('noteCandidates keeps ties of shared words together', () => {
    const twins = [listing('a', 'Tokyo Meetup #1'), listing('b', 'Tokyo Meetup #2'), listing('c', 'Osaka LT')];
    expect(noteCandidates(twins, 'meetup in tokyo').map((note) => note.id)).toEqual(['a', 'b']);
  });
});

describe('deleteConfirmationReply as buttons', () => {
  it('one candidate: "Delete <full title> (id)?", a danger Delete carrying the exact id, and Cancel', () => {
    const reply = deleteConfirmationReply('alert', [notes[0] as NoteListing]);
    expect(reply.kind).toBe('confirm');
    expect(reply.text).toMatch(/^Delete 20240901 Alerting LT <!channel> \(id: 20240901-alerting-lt\)\?/);

    const [slack] = renderSlackReply(reply);
    expect(slack?.blocks[0]).toMatchObject({ type: 'section', text: { text: expect.stringContaining('Alerting LT &lt;!channel&gt;') } });
    const actions = slack?.blocks.at(-1) as ActionsBlock;
    expect(actions.elements.map((button) => [button.action_id, button.text.text, button.value, button.style])).toEqual([
      [`${SLACK_ACTIONS.deleteNote}_1`, 'Delete', '20240901-alerting-lt', 'danger'],
      [SLACK_ACTIONS.cancelDelete, 'Cancel', 'cancel', undefined],
    ]);
    expect(SLACK_DELETE_NOTE_ACTION.test(actions.elements[0]?.action_id ?? '')).toBe(true);
    expect(SLACK_DELETE_NOTE_ACTION.test(SLACK_ACTIONS.cancelDelete)).toBe(false);

    const [discord] = renderDiscord(reply);
    expect(discord?.buttons).toEqual([
      { customId: `${DISCORD_CUSTOM_IDS.deleteNotePrefix}20240901-alerting-lt`, label: 'Delete', style: 'danger' },
      { customId: DISCORD_CUSTOM_IDS.cancelDelete, label: 'Cancel', style: 'secondary' },
    ]);
  });

  it('several: numbered in the text and on the buttons, at most a few, the rest left to the exact id', () => {
    const many = Array.from({ length: 6 }, (_, index) => listing(`note-${index + 1}`, `Meetup ${index + 1}`));
    const reply = deleteConfirmationReply('meetup', many);
    expect(reply.text).toContain('6 notes match "meetup". Nothing is deleted until you pick one:\n1. Meetup 1 (id: note-1)\n2. Meetup 2 (id: note-2)');
    expect(reply.text).toContain('… and 2 more: give the exact id');
    expect(reply.confirmation?.targets).toHaveLength(MAX_CONFIRM_TARGETS);
    const buttons = renderDiscord(reply).at(-1)?.buttons ?? [];
    expect(buttons.map((button) => button.label)).toEqual(['Delete 1', 'Delete 2', 'Delete 3', 'Delete 4', 'Cancel']);
    expect(buttons[1]?.customId).toBe(`${DISCORD_CUSTOM_IDS.deleteNotePrefix}note-2`);
  });

  it('leaves out a Discord button whose id would not fit in a custom_id (the text still names it)', () => {
    const long = listing(`x${'-long'.repeat(20)}`, 'Long id');
    const [discord] = renderDiscord(deleteConfirmationReply('long', [long]));
    expect(discord?.content).toContain(long.id);
    expect(discord?.buttons).toEqual([{ customId: DISCORD_CUSTOM_IDS.cancelDelete, label: 'Cancel', style: 'secondary' }]);
  });
});
