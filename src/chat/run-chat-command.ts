import type { Note } from '../domain/note.js';
import { isKnownLanguageCode } from '../domain/language.js';
import { errorReply, infoReply, withCitationLinks, type Reply } from '../domain/reply.js';
import type { Logger } from '../logger.js';
import { resolveNoteReference } from '../recap/find-note.js';
import { recapReply } from '../recap/recap-reply.js';
import { recapWithoutWaiting } from '../recap/recap-without-waiting.js';
import { whereDefined } from '../recap/term-definitions.js';
import { translationSkipReason } from '../recap/translate-stored-note.js';
import { translationForNote } from '../recap/translate-via-queue.js';
import type { AnswerStore } from '../store/answer-store.js';
import { answerForChat } from './answer-for-chat.js';
import type { ChatContext } from './chat-adapter.js';
import { commandText, type ChatCommand } from './chat-command.js';
import { inputTooLong } from './chat-input.js';
import { conversationRecap, NO_CONVERSATIONS, purgeChannel, saveThread } from './conversation-commands.js';
import type { ConversationAccess } from './conversation-target.js';
import { runDeleteCommand } from './delete-commands.js';
import { definitionsReply } from './definitions-reply.js';
import { noteLookupReply } from './note-lookup-reply.js';
import { notesListReply } from './notes-list-reply.js';
import { runScheduleCommand } from './schedule-commands.js';
import { translationReply } from './translation-reply.js';
import { urlIngestReply } from './upload-reply.js';
import { ingestUrls } from '../ingest/url-ingest.js';

// Places shown when no note defines a term; notes offered when none matches a name.
const NEAREST_SECTIONS = 3;
const NOTE_CANDIDATES = 10;

/** Who sent a command, and where. */
export interface ChatRequest {
  /** The platform's id ("slack"), or "terminal" for the prompt of `recap start`. */
  platform: string;
  /** The person, as the platform names them (U012ABC, a Discord user id). */
  user: string;
  /** The channel it was typed in: a new schedule posts there unless told otherwise. */
  channel: string;
  logger: Logger;
}

/** What the front end a command came from adds: its own words, and who may change things there. */
export interface ChatFrontEnd {
  /** Its help (commands as typed there), after what was wrong with the input when something was. */
  help(problem?: string): Reply;
  /** How to add a note from there. */
  ingestHelp(): Reply;
  /** Null when the person may delete notes or manage schedules here; otherwise the polite refusal. */
  refusal(action: 'delete' | 'schedule' | 'conversations' | 'ingest'): Promise<Reply | null>;
  /** Threads and channels of the platform, for conversation recaps; absent where there are none (the terminal). */
  conversations?: ConversationAccess;
  /** Where answers are kept for their buttons (share, feedback); without it answers are not kept. */
  answers?: AnswerStore;
}

/** A command's reply, and for a kept answer the id its buttons refer to. */
export interface ChatCommandResult {
  reply: Reply;
  answerId: string | null;
}

/**
 * Runs a chat command through the platform-neutral use cases and says the result as a Reply, the
 * same on every front end. Summaries never wait for a model (the stored recap or the extractive
 * one); a translation is made when none is stored, which can take a minute. Deleting and
 * scheduling are for the people the front end allows. Errors propagate: the front end shows them.
 */
export async function runChatCommand(context: ChatContext, command: ChatCommand, request: ChatRequest, frontEnd: ChatFrontEnd): Promise<ChatCommandResult> {
  const result = await runCommand(context, command, request, frontEnd);
  // With RECAP_PUBLIC_URL every citation links to its line on the web page.
  return { ...result, reply: withCitationLinks(result.reply, context.config.web.publicUrl) };
}

async function runCommand(context: ChatContext, command: ChatCommand, request: ChatRequest, frontEnd: ChatFrontEnd): Promise<ChatCommandResult> {
  const tooLong = inputTooLong(commandText(command));
  if (tooLong !== null) return plain(tooLong);
  switch (command.name) {
    case 'ask':
      return answerForChat(context, frontEnd.answers ?? null, { question: command.question, platform: request.platform, user: request.user }, request.logger);
    case 'list':
      return plain(notesListReply(await context.runtime.store.listNotes()));
    case 'define': {
      const definitions = whereDefined(context.index, command.term);
      const nearest = definitions.length === 0 ? context.index.nearestSections(command.term, NEAREST_SECTIONS) : [];
      return plain(definitionsReply(command.term, definitions, nearest));
    }
    case 'summary': {
      const language = command.language ?? context.config.recapLanguages[0] ?? 'en';
      if (!isKnownLanguageCode(language)) return plain(badLanguage(language));
      const found = await resolveNote(context, command.note);
      if ('reply' in found) return plain(found.reply);
      return plain(recapReply(found.note, await recapWithoutWaiting(context.runtime, found.note, language)));
    }
    case 'translate': {
      if (command.language !== undefined && !isKnownLanguageCode(command.language)) return plain(badLanguage(command.language));
      const found = await resolveNote(context, command.note);
      if ('reply' in found) return plain(found.reply);
      // Without a language: the first configured one the note is not written in.
      const language = command.language ?? context.config.recapLanguages.find((code) => code.split('-')[0] !== found.note.language) ?? 'en';
      const skipped = translationSkipReason(context.runtime.llm, found.note, language);
      if (skipped !== null) return plain(infoReply(`Not translated: ${skipped}.`));
      return plain(translationReply(found.note, await translationForNote(context.runtime, found.note, language)));
    }
    case 'delete': {
      const refused = await frontEnd.refusal('delete');
      if (refused !== null) return plain(refused);
      // Only an exact id deletes at once; anything else comes back as a confirmation with buttons.
      return plain(await runDeleteCommand(context.runtime, command.note, actorOf(request), request.logger));
    }
    case 'schedule': {
      const refused = await frontEnd.refusal('schedule');
      if (refused !== null) return plain(refused);
      return plain(await runScheduleCommand(context.runtime, { platform: request.platform, channel: request.channel, actor: actorOf(request) }, command.command));
    }
    case 'ingest': {
      if (command.url === undefined) return plain(frontEnd.ingestHelp());
      const refused = await frontEnd.refusal('ingest');
      if (refused !== null) return plain(refused);
      request.logger.info({ actor: actorOf(request) }, 'ingesting a URL from chat');
      return plain(urlIngestReply(command.url, await ingestUrls(context.runtime, [command.url])));
    }
    case 'conversation': {
      if (frontEnd.conversations === undefined) return plain(NO_CONVERSATIONS);
      const language = command.language ?? (context.config.recapLanguages[0] === 'ja' ? 'ja' : 'en');
      return plain(await conversationRecap(context.runtime, frontEnd.conversations, command.target, language, request.logger));
    }
    case 'save-thread': {
      if (frontEnd.conversations === undefined) return plain(NO_CONVERSATIONS);
      const refused = await frontEnd.refusal('conversations');
      if (refused !== null) return plain(refused);
      return plain(await saveThread(context.runtime, frontEnd.conversations, command.target, actorOf(request)));
    }
    case 'purge': {
      if (frontEnd.conversations === undefined) return plain(NO_CONVERSATIONS);
      const refused = await frontEnd.refusal('conversations');
      if (refused !== null) return plain(refused);
      return plain(await purgeChannel(context.runtime, frontEnd.conversations, command.channel));
    }
    case 'help':
      return plain(frontEnd.help(command.problem));
  }
}

/** Who did it, for logs and records: "slack:U123". */
function actorOf(request: ChatRequest): string {
  return `${request.platform}:${request.user}`;
}

function badLanguage(language: string): Reply {
  return errorReply(`"${language}" is not a language code such as ja or en.`);
}

/** The note an id or title means (find-note's fuzzy match; the newest when none is named), or the reply listing what there is. */
async function resolveNote(context: ChatContext, query: string | null): Promise<{ note: Note } | { reply: Reply }> {
  const { store } = context.runtime;
  const listings = await store.listNotes();
  const resolved = query === null ? null : resolveNoteReference(listings, query);
  if (resolved?.status === 'ambiguous') {
    const candidates = resolved.candidates.slice(0, NOTE_CANDIDATES).map((entry) => ({ noteId: entry.id, title: entry.title, source: entry.source }));
    return { reply: noteLookupReply(query ?? '', { status: 'ambiguous', candidates }) };
  }
  const listing = resolved === null ? (listings[0] ?? null) : resolved.status === 'found' ? resolved.note : null;
  const note = listing === null ? null : await store.getNote(listing.id);
  if (note !== null) return { note };
  if (listings.length === 0) return { reply: notesListReply([]) };
  const candidates = listings.slice(0, NOTE_CANDIDATES).map((entry) => ({ noteId: entry.id, title: entry.title, source: entry.source }));
  return { reply: noteLookupReply(query ?? '', { status: 'not-found', candidates }) };
}

function plain(reply: Reply): ChatCommandResult {
  return { reply, answerId: null };
}
