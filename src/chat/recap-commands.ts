import type { Note } from '../domain/note.js';
import { languageCodeSchema } from '../domain/language.js';
import { findNote } from '../recap/find-note.js';
import { recapWithoutWaiting } from '../recap/recap-without-waiting.js';
import { whereDefined } from '../recap/term-definitions.js';
import { translationSkipReason } from '../recap/translate-stored-note.js';
import { translationForNote } from '../recap/translate-via-queue.js';
import type { ChatContext } from './chat-adapter.js';
import { inputTooLong } from './chat-input.js';
import { definitionsReply } from './definitions-reply.js';
import { noteLookupReply } from './note-lookup-reply.js';
import { notesListReply } from './notes-list-reply.js';
import { recapReply } from '../recap/recap-reply.js';
import { errorReply, infoReply, type Reply } from '../domain/reply.js';
import { replyFromAnswer } from './answer-reply.js';
import { translationReply } from './translation-reply.js';

/** What a chat user can ask of recap, whatever the platform (/recap, mentions). */
export type RecapCommand =
  | { name: 'ask'; question: string }
  | { name: 'summary'; note: string; language?: string }
  | { name: 'translate'; note: string; language?: string }
  | { name: 'list' }
  | { name: 'define'; term: string };

// Places shown when no note defines a term; notes offered when none matches a name.
const NEAREST_SECTIONS = 3;
const NOTE_CANDIDATES = 10;

/**
 * Runs a chat command through the platform-neutral use cases and says the result as a Reply.
 * Summaries never wait for a model (the stored recap or the extractive one); a translation is
 * made when none is stored, which can take a minute. Errors propagate: the adapter shows them.
 */
export async function runRecapCommand(context: ChatContext, command: RecapCommand): Promise<Reply> {
  const tooLong = inputTooLong(commandText(command));
  if (tooLong !== null) return tooLong;
  switch (command.name) {
    case 'ask':
      return replyFromAnswer(await context.ask(command.question));
    case 'list':
      return notesListReply(await context.runtime.store.listNotes());
    case 'define': {
      const definitions = whereDefined(context.index, command.term);
      const nearest = definitions.length === 0 ? context.index.nearestSections(command.term, NEAREST_SECTIONS) : [];
      return definitionsReply(command.term, definitions, nearest);
    }
    case 'summary': {
      const language = command.language ?? context.config.recapLanguages[0] ?? 'en';
      if (!languageCodeSchema.safeParse(language).success) return badLanguage(language);
      const found = await resolveNote(context, command.note);
      if ('reply' in found) return found.reply;
      return recapReply(found.note, await recapWithoutWaiting(context.runtime, found.note, language));
    }
    case 'translate': {
      if (command.language !== undefined && !languageCodeSchema.safeParse(command.language).success) return badLanguage(command.language);
      const found = await resolveNote(context, command.note);
      if ('reply' in found) return found.reply;
      // Without a language: the first configured one the note is not written in.
      const language = command.language ?? context.config.recapLanguages.find((code) => code.split('-')[0] !== found.note.language) ?? 'en';
      const skipped = translationSkipReason(context.runtime.llm, found.note, language);
      if (skipped !== null) return infoReply(`Not translated: ${skipped}.`);
      return translationReply(found.note, await translationForNote(context.runtime, found.note, language));
    }
  }
}

function badLanguage(language: string): Reply {
  return errorReply(`"${language}" is not a language code such as ja or en.`);
}

/** The note an id or title means (find-note's fuzzy match), or the reply listing what there is. */
async function resolveNote(context: ChatContext, query: string): Promise<{ note: Note } | { reply: Reply }> {
  const { store } = context.runtime;
  const listings = await store.listNotes();
  const listing = findNote(listings, query);
  const note = listing === null ? null : await store.getNote(listing.id);
  if (note !== null) return { note };
  if (listings.length === 0) return { reply: notesListReply([]) };
  const candidates = listings.slice(0, NOTE_CANDIDATES).map((entry) => ({ noteId: entry.id, title: entry.title, source: entry.source }));
  return { reply: noteLookupReply(query, { status: 'not-found', candidates }) };
}

/** The free text a command carries (what search and lookups read). */
function commandText(command: RecapCommand): string {
  switch (command.name) {
    case 'ask':
      return command.question;
    case 'define':
      return command.term;
    case 'summary':
    case 'translate':
      return command.note;
    case 'list':
      return '';
  }
}
