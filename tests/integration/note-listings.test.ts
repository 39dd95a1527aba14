import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingestNote } from '../../src/ingest/ingest-note.js';
import type { Runtime } from '../../src/runtime.js';
import { seedNotePath } from '../helpers/corpus.js';
import { openTestRuntime } from '../helpers/test-runtime.js';

/** Listing notes reads the small listings stored with each note, not every note's JSON. */
describe('note listings', () => {
  let runtime: Runtime;
  const ingest = (source: string, text: string) => ingestNote(runtime.store, { source, sourceKey: source, bytes: Buffer.from(text), maxBytes: 1024 * 1024 });

  beforeAll(async () => {
    runtime = await openTestRuntime();
  });
  afterAll(async () => {
    await runtime.close();
  });

  it('are written with the note, speakers included, and follow edits and deletes', async () => {
    const before = await runtime.store.listingsVersion();
    await ingest('notes/seed.md', readFileSync(seedNotePath, 'utf8'));
    await ingest('notes/sre-night.md', '# 20240501 SRE Night\n\n## Toil by @ops_jun\n\n- Toil\n  - 手作業で繰り返す運用作業\n');
    const afterSave = await runtime.store.listingsVersion();
    expect(afterSave).not.toBe(before);
    expect((await runtime.store.listNotes()).map((listing) => [listing.id, listing.date, listing.speakers])).toEqual([
      ['sre-night', '2024-05-01', ['@ops_jun']],
      ['seed', '2019-06-04', ['@taiki45']],
    ]);

    await ingest('notes/sre-night.md', '# 20240502 SRE Night (edited)\n\n## Toil\n\n- Toil\n');
    expect((await runtime.store.listNotes())[0]).toMatchObject({ id: 'sre-night', title: '20240502 SRE Night (edited)', speakers: [] });
    await runtime.store.deleteNote('sre-night');
    expect((await runtime.store.listNotes()).map((listing) => listing.id)).toEqual(['seed']);
    expect(await runtime.store.listingsVersion()).not.toBe(afterSave);
  });

  it('are made from the note for notes stored before listings existed, and kept', async () => {
    const { keys } = runtime.store;
    await runtime.redis.hdel(keys.noteListings, 'seed');
    expect((await runtime.store.listNotes()).map((listing) => [listing.id, listing.sections])).toEqual([['seed', 4]]);
    expect(JSON.parse((await runtime.redis.hget(keys.noteListings, 'seed')) ?? 'null')).toMatchObject({ id: 'seed', speakers: ['@taiki45'] });
  });
});
