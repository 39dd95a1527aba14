import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The shared corpus (../shared/corpus beside the checkout) holds notes written by other people.
 * We read it in place, never copy it, and skip its tests where it is absent (a user's fresh clone).
 */
const here = path.dirname(fileURLToPath(import.meta.url));
export const corpusDir = process.env.RECAP_CORPUS_DIR ?? path.resolve(here, '../../../shared/corpus');
export const corpusNotesDir = path.join(corpusDir, 'notes');
export const hasCorpus = existsSync(corpusNotesDir);

export function corpusNoteFiles(): string[] {
  if (!hasCorpus) return [];
  return readdirSync(corpusNotesDir)
    .filter((name) => name.endsWith('.md'))
    .sort()
    .map((name) => path.join(corpusNotesDir, name));
}

/** The seed note we ship in notes/. */
export const seedNotePath = path.resolve(here, '../../notes/20190604-cloud-native-meetup-tokyo-8.md');
