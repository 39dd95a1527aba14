import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { FakeUser, RecordedCall } from '../helpers/fake-discord.js';
import { startDiscordRecap, type DiscordRecap } from '../helpers/discord-recap.js';

const EPHEMERAL = 1 << 6;
const SEED_ID = '20190604-cloud-native-meetup-tokyo-8';
const ALERTING_ID = '20240901-alerting-lt';
const ALERTING_NOTE = ['# 20240901 Alerting LT', '', '## Notifications', '', '- Alert Storm', '  - 通知が多すぎて誰も見なくなる現象'].join('\n');

/** Polls until `check` passes or the deadline is passed. */
async function until(check: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

interface Button {
  type: number;
  style: number;
  label: string;
  custom_id: string;
}

describe('Discord /recap delete (confirmation buttons over the gateway)', () => {
  let recap: DiscordRecap;
  const keeper: FakeUser = { id: '1300000000000000021', username: 'keeper' };

  /** Sends /recap delete note:<note> and waits for the deferral and the edited reply. */
  async function deleteCommand(user: FakeUser, roles: string[], note: string): Promise<{ callback: RecordedCall; original: RecordedCall }> {
    const { fake } = recap;
    const { id, token } = fake.sendInteraction({ user, roles, subcommand: 'delete', options: { note } });
    const [callback] = await fake.waitForCalls((call) => call.path === `/interactions/${id}/${token}/callback`);
    const [original] = await fake.waitForCalls((call) => call.method === 'PATCH' && call.path === `/webhooks/${fake.applicationId}/${token}/messages/@original`, 1, 20_000);
    if (!callback || !original) throw new Error('no answer');
    return { callback, original };
  }

  /** Clicks a button; waits for its acknowledgement and then for `what` the bot answers with. */
  async function click(user: FakeUser, roles: string[], customId: string, what: 'edit' | 'follow-up'): Promise<{ callback: RecordedCall; answer: RecordedCall }> {
    const { fake } = recap;
    const { id, token } = fake.sendButtonClick({ user, roles, customId });
    const [callback] = await fake.waitForCalls((call) => call.path === `/interactions/${id}/${token}/callback`);
    const path = what === 'edit' ? `/webhooks/${fake.applicationId}/${token}/messages/@original` : `/webhooks/${fake.applicationId}/${token}`;
    const [answer] = await fake.waitForCalls((call) => call.path === path && call.method === (what === 'edit' ? 'PATCH' : 'POST'), 1, 20_000);
    if (!callback || !answer) throw new Error('no answer to the click');
    return { callback, answer };
  }

  const buttonsOf = (call: RecordedCall): Button[] => ((call.body.components ?? []) as Array<{ components: Button[] }>).flatMap((row) => row.components);
  const stored = (id: string) => recap.running.runtime.store.getNote(id);

  beforeAll(async () => {
    recap = await startDiscordRecap({
      redisUrl: inject('redisUrl'),
      notes: { '20240901-alerting-lt.md': ALERTING_NOTE },
      env: (fake) => ({ DISCORD_ADMIN_ROLE_IDS: fake.adminRoleId }),
    });
  });
  afterAll(async () => {
    await recap?.stop();
  });

  it('refuses a member without Manage Server or an admin role, privately, deleting nothing', async () => {
    const { callback, original } = await deleteCommand(recap.fake.member, [], ALERTING_ID);
    expect(callback.body).toEqual({ type: 5, data: { flags: EPHEMERAL } });
    expect(String(original.body.content)).toMatch(/^Sorry, only members with the Manage Server permission .* can delete notes\./);
    expect(await stored(ALERTING_ID)).not.toBeNull();
  });

  it('a title fragment deletes nothing: it asks, with the full title and id, a Delete (danger) and a Cancel button', async () => {
    const one = await deleteCommand(keeper, [recap.fake.adminRoleId], 'alerting');
    expect(one.callback.body).toEqual({ type: 5, data: { flags: EPHEMERAL } });
    expect(String(one.original.body.content)).toMatch(/^Delete 20240901 Alerting LT \(id: 20240901-alerting-lt\)\?/);
    expect(buttonsOf(one.original)).toEqual([
      { type: 2, style: 4, label: 'Delete', custom_id: `recap-delete-note:${ALERTING_ID}` },
      { type: 2, style: 2, label: 'Cancel', custom_id: 'recap-delete-cancel' },
    ]);

    // "e" is in both titles: each is listed with a numbered button, none deleted.
    const several = await deleteCommand(keeper, [recap.fake.adminRoleId], 'e');
    expect(String(several.original.body.content)).toMatch(/^2 notes match "e"\. Nothing is deleted until you pick one:\n1\. 20240901 Alerting LT \(id: 20240901-alerting-lt\)\n2\. 20190604 Cloud Native Meetup Tokyo #8 \(id: 20190604-cloud-native-meetup-tokyo-8\)/);
    expect(buttonsOf(several.original).map((button) => [button.label, button.custom_id])).toEqual([
      ['Delete 1', `recap-delete-note:${ALERTING_ID}`],
      ['Delete 2', `recap-delete-note:${SEED_ID}`],
      ['Cancel', 'recap-delete-cancel'],
    ]);
    expect(await stored(ALERTING_ID)).not.toBeNull();
    expect(await stored(SEED_ID)).not.toBeNull();
  });

  it('a click is checked again: a member is refused privately; Cancel deletes nothing; an admin click deletes and says so', async () => {
    const refused = await click(recap.fake.member, [], `recap-delete-note:${ALERTING_ID}`, 'follow-up');
    expect(refused.callback.body).toEqual({ type: 6 });
    expect(refused.answer.body).toMatchObject({ flags: EPHEMERAL });
    expect(String(refused.answer.body.content)).toMatch(/^Sorry, only members with the Manage Server permission/);
    expect(await stored(ALERTING_ID)).not.toBeNull();

    const cancelled = await click(keeper, [recap.fake.adminRoleId], 'recap-delete-cancel', 'edit');
    expect(cancelled.answer.body).toMatchObject({ content: 'Cancelled: nothing was deleted.', components: [] });
    expect(await stored(ALERTING_ID)).not.toBeNull();

    const deleted = await click(keeper, [recap.fake.adminRoleId], `recap-delete-note:${ALERTING_ID}`, 'edit');
    expect(deleted.callback.body).toEqual({ type: 6 });
    expect(deleted.answer.body).toMatchObject({ content: `Deleted 20240901 Alerting LT (${ALERTING_ID}) from the notes.`, components: [] });
    expect(await stored(ALERTING_ID)).toBeNull();
    // Every index hears of it through Redis pub/sub, a moment after the store.
    await until(() => !recap.running.index.hasNote(ALERTING_ID));
  });

  it('an exact note id (what autocomplete fills in) is deleted at once by a member with Manage Server', async () => {
    const { original } = await deleteCommand(keeper, [recap.fake.managerRoleId], SEED_ID);
    expect(original.body).toMatchObject({ content: `Deleted 20190604 Cloud Native Meetup Tokyo #8 (${SEED_ID}) from the notes.` });
    expect(buttonsOf(original)).toEqual([]);
    expect(await stored(SEED_ID)).toBeNull();
  });
});
