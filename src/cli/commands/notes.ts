import { createInterface } from 'node:readline/promises';
import { InvalidArgumentError, type Command } from 'commander';
import { RecapError } from '../../errors.js';
import { deleteNoteViaQueue } from '../../ingest/run-ingest.js';
import type { Note } from '../../domain/note.js';
import { isKnownLanguageCode } from '../../domain/language.js';
import { EXTRACTIVE_MODEL } from '../../domain/recap.js';
import { extractiveLanguageNotice } from '../../recap/recap-without-waiting.js';
import { candidateLines, deletionTarget, noteHandles, resolveNoteReference } from '../../recap/find-note.js';
import { renderStoredSummaryText } from '../../recap/render-summary.js';
import { renderNoteOutline } from '../../recap/note-outline.js';
import { recapForNote } from '../../recap/summarize-via-queue.js';
import { renderSummaryText, summarizeNote } from '../../recap/summary.js';
import type { NoteListing, NoteStore } from '../../store/note-store.js';
import { EXIT } from '../exit-codes.js';
import { withRuntime } from '../with-runtime.js';
import { writeOut, writeErr } from '../terminal-output.js';

export function registerNoteCommands(program: Command): void {
  program
    .command('list')
    .description('List ingested notes, newest first')
    .option('--json', 'print a JSON array')
    .action(async (options: { json?: boolean }) => {
      await withRuntime(async ({ store }) => {
        const notes = await store.listNotes();
        if (options.json) {
          writeOut(`${JSON.stringify(notes)}\n`);
          return;
        }
        if (notes.length === 0) {
          writeOut('No notes yet. Add some with: recap ingest <file-or-folder>\n');
          return;
        }
        const handles = noteHandles(notes.map((note) => note.id));
        for (const note of notes) {
          const handle = handles.get(note.id) ?? note.id;
          // The whole id, and the shortest start of it that names this note alone, when shorter.
          writeOut(`${note.id}${handle === note.id ? '' : ` [${handle}]`}  ${note.date ?? '----------'}  ${note.title}  (${note.source})\n`);
        }
        writeOut('\nName a note by its id, the start of it in [brackets], or words of its title: recap show <note>\n');
      });
    });

  program
    .command('show')
    .description('Show one note: its sections and bullets with line numbers')
    .argument('<note>', 'a note id from `recap list`, the start of one, or words of a title')
    .option('--json', 'print the parsed note as JSON')
    .action(async (noteId: string, options: { json?: boolean }) => {
      await withRuntime(async ({ store }) => {
        const note = await requireNote(store, noteId);
        writeOut(options.json ? `${JSON.stringify(note)}\n` : renderNoteOutline(note));
      });
    });

  program
    .command('summary')
    .description('Print the recap of a note: overview, key points per talk with lines, terms, speakers (written by the model when one is configured, extractive otherwise)')
    .argument('<note>', 'a note id from `recap list`, the start of one, or words of a title')
    .option('--lang <code>', "language of the recap (default: the first of RECAP_LANGUAGES; offline, the extractive recap stays in the note's language and says so)", parseLanguage)
    .option('--refresh', 'write the recap again even when a current one is stored')
    .option('--json', 'print the recap as JSON, with mode "extractive" or "model"')
    .addHelpText('after', '\nExamples:\n  recap summary 20190604-cloud-native-meetup-tokyo-8\n  recap summary 20190604-cloud-native-meetup-tokyo-8 --lang en --refresh')
    .action(async (noteId: string, options: { lang?: string; refresh?: boolean; json?: boolean }) => {
      await withRuntime(async (runtime) => {
        const note = await requireNote(runtime.store, noteId);
        if (runtime.llm === null) {
          // Offline the extractive recap is computed on the spot: instant, in the note's own
          // language whatever was asked, and said so when another language was asked for.
          const summary = summarizeNote(note);
          const requested = options.lang ?? note.language;
          const notice = extractiveLanguageNotice(note.language, requested);
          if (options.json) {
            writeOut(`${JSON.stringify({ ...summary, mode: 'extractive', language: note.language, requestedLanguage: requested, notice })}\n`);
            return;
          }
          writeOut(`${renderSummaryText(summary)}\n`);
          if (notice !== null) writeOut(`\n— ${notice}\n`);
          return;
        }
        const language = options.lang ?? runtime.config.recapLanguages[0] ?? 'en';
        const stored = await recapForNote(runtime, note, language, { refresh: options.refresh });
        const mode = stored.model === EXTRACTIVE_MODEL ? 'extractive' : 'model';
        writeOut(options.json ? `${JSON.stringify({ ...stored, mode })}\n` : `${renderStoredSummaryText(stored, note)}\n`);
      });
    });

  program
    .command('delete')
    .description('Delete a note from the store and every index (the file itself is left alone). Only an exact id deletes at once')
    .argument('<note>', 'a note id from `recap list` (words of a title only find it: confirm with --yes)')
    .option('-y, --yes', 'delete the one note a title or fragment matches, without asking')
    .addHelpText('after', '\nExamples:\n  recap delete 20190604-cloud-native-meetup-tokyo-8\n  recap delete "cloud native #8" --yes')
    .action(async (query: string, options: { yes?: boolean }) => {
      await withRuntime(async (runtime) => {
        const target = deletionTarget(await runtime.store.listNotes(), query);
        if (target.status === 'none') {
          writeErr(`recap: no note with id or title "${query}" (see recap list)\n`);
          return EXIT.notFound;
        }
        const note = target.status === 'exact' ? target.note : await confirmedCandidate(query, target.candidates, options.yes === true);
        if (note === null) return EXIT.usage;
        const existed = await deleteNoteViaQueue(runtime, note.id);
        if (!existed) {
          writeErr(`recap: no note with id "${note.id}" (see recap list)\n`);
          return EXIT.notFound;
        }
        writeOut(`deleted ${note.id}${target.status === 'exact' ? '' : ` (${note.title})`}\n`);
        return EXIT.ok;
      });
    });
}

/**
 * The one candidate a title or fragment found, once confirmed: by --yes, or at a y/N prompt when
 * a person is at the terminal. Several candidates are listed and none is taken, --yes or not:
 * a guess is no ground for deleting.
 */
async function confirmedCandidate(query: string, candidates: readonly NoteListing[], yes: boolean): Promise<NoteListing | null> {
  const listed = candidates.map((note) => `  ${note.id}  ${note.title}`).join('\n');
  const [only] = candidates;
  if (candidates.length > 1 || !only) {
    writeErr(`recap: "${query}" is not a note id; ${candidates.length} notes match it:\n${listed}\nNothing was deleted. Re-run with the exact id of the one you mean: recap delete <id>\n`);
    return null;
  }
  if (yes) return only;
  if (process.stdin.isTTY && process.stderr.isTTY) {
    const prompt = createInterface({ input: process.stdin, output: process.stderr });
    try {
      const answer = await prompt.question(`Delete ${only.title} (${only.id})? [y/N] `);
      if (/^y(es)?$/i.test(answer.trim())) return only;
    } finally {
      prompt.close();
    }
    writeErr('Nothing was deleted.\n');
    return null;
  }
  writeErr(
    `recap: "${query}" is not a note id; it matches:\n${listed}\nNothing was deleted. Re-run with the exact id (recap delete ${only.id}) or add --yes to delete this note.\n`,
  );
  return null;
}

/**
 * Any real language code is allowed on demand, not only those in RECAP_LANGUAGES; codes that
 * name no language ("xx", "english") are refused.
 */
export function parseLanguage(value: string): string {
  if (!isKnownLanguageCode(value)) throw new InvalidArgumentError(`"${value}" is not a language code: expected one such as "ja", "en" or "pt-BR".`);
  return value;
}

/**
 * The note an argument names (its id, a unique start of it, or words of its title: the same
 * resolver as chat), else a note_not_found error (exit code 4), or note_ambiguous (exit code 2)
 * listing the notes that fit so the person can give more.
 */
export async function requireNote(store: NoteStore, reference: string): Promise<Note> {
  const resolved = resolveNoteReference(await store.listNotes(), reference);
  if (resolved.status === 'ambiguous') {
    const lines = candidateLines(resolved.candidates).map((line) => `  ${line}`);
    throw new RecapError('note_ambiguous', `"${reference}" fits ${resolved.candidates.length} notes:\n${lines.join('\n')}\nGive more of the id or title of the one you mean.`);
  }
  const note = resolved.status === 'found' ? await store.getNote(resolved.note.id) : null;
  if (note === null) throw new RecapError('note_not_found', `No note with id or title "${reference}" (see recap list).`);
  return note;
}

