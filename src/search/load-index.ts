import type { Logger } from '../logger.js';
import type { NoteStore } from '../store/note-store.js';
import { IndexSync } from './index-sync.js';
import { SearchIndex } from './search-index.js';

/** Builds an index of every stored note (for one-shot commands that do not follow changes). */
export async function loadIndex(store: NoteStore, logger: Logger): Promise<SearchIndex> {
  const index = new SearchIndex();
  await new IndexSync(index, store, logger).reloadAll();
  return index;
}
