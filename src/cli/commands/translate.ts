import type { Command } from 'commander';
import { renderTranslationText } from '../../recap/render-translation.js';
import { translationSkipReason } from '../../recap/translate-stored-note.js';
import { translationForNote } from '../../recap/translate-via-queue.js';
import { withRuntime } from '../with-runtime.js';
import { parseLanguage, requireNote } from './notes.js';
import { writeOut } from '../terminal-output.js';

interface TranslateOptions {
  to?: string;
  showSource?: boolean;
  refresh?: boolean;
  json?: boolean;
}

export function registerTranslateCommand(program: Command): void {
  program
    .command('translate')
    .description('Translate a note into another language, keeping its outline and line numbers (needs a model: OPENAI_API_KEY or OPENAI_BASE_URL)')
    .argument('<note>', 'a note id from `recap list`, the start of one, or words of a title')
    .option('--to <code>', "language to translate into (default: the first of RECAP_LANGUAGES that is not the note's own)", parseLanguage)
    .option('--show-source', 'print the original text under each translated line')
    .option('--refresh', 'translate again even when a current translation is stored')
    .option('--json', 'print the stored translation as JSON')
    .addHelpText('after', '\nExamples:\n  recap translate 20190604-cloud-native-meetup-tokyo-8 --to en\n  recap translate 20190604-cloud-native-meetup-tokyo-8 --to en --show-source')
    .action(async (noteId: string, options: TranslateOptions) => {
      await withRuntime(async (runtime) => {
        const note = await requireNote(runtime.store, noteId);
        const language = options.to ?? defaultTargetLanguage(runtime.config.recapLanguages, note.language);
        // Offline, or already in that language: said plainly, not an error (nothing is broken).
        const skipped = translationSkipReason(runtime.llm, note, language);
        if (skipped !== null) {
          const report = { noteId: note.id, language, status: 'skipped', reason: skipped };
          writeOut(options.json ? `${JSON.stringify(report)}\n` : `Not translated: ${skipped}.\n`);
          return;
        }
        const stored = await translationForNote(runtime, note, language, { refresh: options.refresh });
        writeOut(options.json ? `${JSON.stringify(stored)}\n` : `${renderTranslationText(stored, note, { showSource: options.showSource })}\n`);
      });
    });
}

/** The first configured language the note is not written in; else English (or Japanese for English notes). */
function defaultTargetLanguage(languages: readonly string[], noteLanguage: string): string {
  return languages.find((language) => language.split('-')[0] !== noteLanguage) ?? (noteLanguage === 'en' ? 'ja' : 'en');
}
