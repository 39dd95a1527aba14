import type { IndexedNoteMeta } from '../search/types.js';
import { errorReply, type Reply } from '../domain/reply.js';

/** Why no single note could be picked for what was asked, and the notes that come closest. */
export interface NoteLookupMiss {
  /** 'ambiguous': several fit equally well; 'not-found': none fits. */
  status: 'ambiguous' | 'not-found';
  candidates: IndexedNoteMeta[];
}

/** Says which note could not be picked, listing the candidates with the ids to use. */
export function noteLookupReply(query: string, lookup: NoteLookupMiss): Reply {
  const list = lookup.candidates.map((meta) => `- ${meta.title} (id: ${meta.noteId})`);
  if (lookup.status === 'ambiguous') return { kind: 'info', text: [`Several notes match "${query}"; which one? Give more of its id or title:`, ...list].join('\n'), citations: [] };
  const hint = list.length > 0 ? ['Did you mean:', ...list] : ['The list command shows every note and its id.'];
  return errorReply([`No note matches "${query}".`, ...hint].join('\n'));
}
