import { languageLabel } from '../llm/prompts/summary-prompt.js';
import type { Note } from '../domain/note.js';
import type { StoredTranslation } from '../store/translation-store.js';
import { costFooter, stripControlChars } from './render-summary.js';

export interface TranslationTextOptions {
  /** Print the note's own words under every line the translation changed. */
  showSource?: boolean;
}

/**
 * A stored translation for a terminal: the note's outline in the other language, every line with
 * the source line number it translates (as `recap show` numbers them), then what it cost.
 */
export function renderTranslationText(stored: StoredTranslation, note: Pick<Note, 'id' | 'title' | 'language'>, options: TranslationTextOptions = {}): string {
  const out = [stripControlChars(`${note.title}  [${note.id}]`), `translated from ${languageLabel(note.language)} into ${languageLabel(stored.language)}`];
  const original = (indent: string, source: string, text: string): void => {
    if (options.showSource && source !== text) out.push(`       ${indent}${note.language}: ${oneLine(source)}`);
  };
  for (const section of stored.sections) {
    const title = section.translatedPath[section.translatedPath.length - 1];
    const sourceTitle = section.path[section.path.length - 1];
    if (title !== undefined && sourceTitle !== undefined) {
      out.push('', `${'#'.repeat(Math.max(section.level, 1))} ${oneLine(title)}  (line ${section.line})`);
      original('', sourceTitle, title);
    }
    for (const item of section.items) {
      const indent = '  '.repeat(item.depth);
      out.push(`${String(item.line).padStart(5)}  ${indent}${oneLine(item.text)}`);
      original(indent, item.source, item.text);
    }
  }
  const untranslated = stored.untranslatedLines > 0 ? ` · ${stored.untranslatedLines} line${stored.untranslatedLines === 1 ? '' : 's'} left untranslated` : '';
  out.push('', `— ${costFooter(stored)}${untranslated}`);
  return out.join('\n');
}

/** Model output and notes are untrusted: one line each, no control characters. */
function oneLine(text: string): string {
  return stripControlChars(text.replace(/\s*\n\s*/g, ' / '));
}
