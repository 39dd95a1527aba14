import type { TermDefinition } from '../recap/term-definitions.js';
import { hasJapanese } from '../search/normalize.js';
import type { NearestSection } from '../search/search-index.js';
import type { Reply } from '../domain/reply.js';
import { citationLabel } from './answer-reply.js';

/**
 * Where the notes define a term, one bullet per place: the definition in the notes' words, and
 * the note and talk it is in. When no note defines it, says so with the nearest sections.
 */
export function definitionsReply(term: string, definitions: readonly TermDefinition[], nearest: readonly NearestSection[]): Reply {
  const asked = term.trim();
  if (definitions.length === 0) {
    return {
      kind: 'not-found',
      text: hasJapanese(asked)
        ? `「${asked}」を定義しているノートは見つかりませんでした。近いセクション:`
        : `No note defines "${asked}". The nearest sections:`,
      citations: nearest.map((section, position) => ({
        rank: position + 1,
        noteId: section.note.noteId,
        label: citationLabel({ title: section.note.title, section: section.section }),
        location: `${section.note.source}:${section.chunk.line}`,
        line: section.chunk.line,
        text: section.chunk.text,
      })),
    };
  }
  const lines = definitions.map((found, position) => {
    const talk = found.section.at(-1);
    return `- ${found.term}: ${found.definition} — in ${talk ? `"${talk}" of ` : ''}${found.title}, line ${found.line} [${position + 1}]`;
  });
  return {
    kind: 'answer',
    text: lines.join('\n'),
    citations: definitions.map((found, position) => ({
      rank: position + 1,
      noteId: found.noteId,
      label: citationLabel(found),
      location: `${found.source}:${found.line}`,
      line: found.line,
      text: `${found.term}: ${found.definition}`,
    })),
  };
}
