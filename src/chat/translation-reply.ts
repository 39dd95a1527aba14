import { languageLabel } from '../llm/prompts/summary-prompt.js';
import type { Note } from '../domain/note.js';
import type { StoredTranslation } from '../store/translation-store.js';
import type { Reply, ReplyCitation } from '../domain/reply.js';

/**
 * A note's translation as a chat reply: the outline in the other language, one paragraph per
 * section, every line with the source line it translates; each section is a citation.
 */
export function translationReply(note: Pick<Note, 'id' | 'title' | 'source' | 'language'>, stored: StoredTranslation): Reply {
  const paragraphs = [`${note.title} — translated from ${languageLabel(note.language)} into ${languageLabel(stored.language)}`];
  const citations: ReplyCitation[] = [];
  for (const section of stored.sections) {
    const heading = section.translatedPath.at(-1);
    const lines: string[] = [];
    if (heading !== undefined) {
      citations.push({ rank: citations.length + 1, noteId: note.id, label: [note.title, ...section.path].join(' › '), location: `${note.source}:${section.line}`, line: section.line, text: heading });
      lines.push(`■ ${oneLine(heading)} (line ${section.line}) [${citations.length}]`);
    }
    for (const item of section.items) lines.push(`${'  '.repeat(item.depth)}- ${oneLine(item.text)} (line ${item.line})`);
    if (lines.length > 0) paragraphs.push(lines.join('\n'));
  }
  const untranslated = stored.untranslatedLines > 0 ? `; ${stored.untranslatedLines} line(s) kept in the original words` : '';
  return { kind: 'info', text: paragraphs.join('\n\n'), citations, footer: `Translated by ${stored.model}${untranslated}.` };
}

function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, ' / ');
}
