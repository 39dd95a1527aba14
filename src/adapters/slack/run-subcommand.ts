import type { webApi } from '@slack/bolt';
import { answerForChat } from '../../chat/answer-for-chat.js';
import { runDeleteCommand } from '../../chat/delete-commands.js';
import { definitionsReply } from '../../chat/definitions-reply.js';
import { noteLookupReply } from '../../chat/note-lookup-reply.js';
import { notesListReply } from '../../chat/notes-list-reply.js';
import { recapReply } from '../../recap/recap-reply.js';
import type { SlackRenderOptions } from '../../chat/render-slack.js';
import { infoReply, type Reply } from '../../domain/reply.js';
import { runScheduleCommand } from '../../chat/schedule-commands.js';
import { translationReply } from '../../chat/translation-reply.js';
import type { Logger } from '../../logger.js';
import type { Note } from '../../domain/note.js';
import { findNote } from '../../recap/find-note.js';
import { recapWithoutWaiting } from '../../recap/recap-without-waiting.js';
import { whereDefined } from '../../recap/term-definitions.js';
import { translationSkipReason } from '../../recap/translate-stored-note.js';
import { translationForNote } from '../../recap/translate-via-queue.js';
import type { RecapCommand } from './parse-recap-command.js';
import { ingestHelp, recapHelp } from './recap-help.js';
import { PLATFORM, type SlackServices } from './slack-services.js';

/** Places shown when no note defines a term. */
const NEAREST_SECTIONS = 3;

export interface SubcommandRequest {
  command: RecapCommand;
  user: string;
  /** The channel the command was typed in (schedules post there unless told otherwise). */
  channel: string;
  client: webApi.WebClient;
  logger: Logger;
}

/** A subcommand's reply and how to render it (buttons for answers). */
export interface SubcommandResult {
  reply: Reply;
  render: SlackRenderOptions;
}

/** What the placeholder says while a subcommand works (null: it answers at once). */
export function placeholderFor(command: RecapCommand): string | null {
  switch (command.name) {
    case 'ask':
    case 'define':
      return 'Searching the notes…';
    case 'summary':
      return 'Preparing the recap…';
    case 'translate':
      return 'Translating the note… (a model translation can take a minute)';
    case 'list':
      return 'Listing the notes…';
    case 'delete':
      return 'Finding the note…';
    case 'schedule':
      return command.command.action === 'list' ? 'Listing the schedules…' : 'Updating the schedules…';
    case 'ingest':
    case 'help':
      return null;
  }
}

/** Replies that need no Redis, index or model: sent with the ack itself. */
export function immediateReply(command: RecapCommand): Reply | null {
  if (command.name === 'help') return recapHelp(command.problem);
  if (command.name === 'ingest') return ingestHelp();
  return null;
}

/** Runs a `/recap` subcommand through the platform-neutral use cases. Errors propagate (the caller shows them). */
export async function runSubcommand(services: SlackServices, request: SubcommandRequest): Promise<SubcommandResult> {
  const { context } = services;
  const { command } = request;
  switch (command.name) {
    case 'ask': {
      const { reply, answerId } = await answerForChat(context, services.answers, { question: command.question, platform: PLATFORM, user: request.user }, request.logger);
      return { reply, render: { question: command.question, ...(answerId ? { answerId, share: true, feedback: true } : {}) } };
    }
    case 'list':
      return plain(notesListReply(await context.runtime.store.listNotes()));
    case 'define': {
      const definitions = whereDefined(context.index, command.term);
      const nearest = definitions.length === 0 ? context.index.nearestSections(command.term, NEAREST_SECTIONS) : [];
      return plain(definitionsReply(command.term, definitions, nearest));
    }
    case 'summary': {
      const found = await resolveNote(services, command.note);
      if ('reply' in found) return plain(found.reply);
      const language = context.config.recapLanguages[0] ?? 'en';
      return plain(recapReply(found.note, await recapWithoutWaiting(context.runtime, found.note, language)));
    }
    case 'translate': {
      const found = await resolveNote(services, command.note);
      if ('reply' in found) return plain(found.reply);
      const skipped = translationSkipReason(context.runtime.llm, found.note, command.language);
      if (skipped !== null) return plain(infoReply(`Not translated: ${skipped}.`));
      return plain(translationReply(found.note, await translationForNote(context.runtime, found.note, command.language)));
    }
    case 'delete': {
      if (!(await services.admins.isAdmin(request.client, request.user))) return plain(notAdminReply());
      // Only an exact id deletes at once; anything else comes back as Delete / Cancel buttons.
      return plain(await runDeleteCommand(context.runtime, command.note, `${PLATFORM}:${request.user}`, request.logger));
    }
    case 'schedule': {
      if (!(await services.admins.isAdmin(request.client, request.user))) return plain(notAdminReply());
      const origin = { platform: PLATFORM, channel: request.channel, actor: `${PLATFORM}:${request.user}` } as const;
      return plain(await runScheduleCommand(context.runtime, origin, command.command));
    }
    case 'ingest':
    case 'help':
      return plain(immediateReply(command) ?? recapHelp());
  }
}

/** The polite refusal for people who may not change the notes or their scheduled recaps. */
export function notAdminReply(): Reply {
  return infoReply(
    'Sorry, only workspace admins and owners (and the people in SLACK_ADMIN_USER_IDS) can add notes, delete notes or schedule recap posts. Ask one of them to share the file with "@recap ingest" or to set up the schedule.',
  );
}

/** The note an argument means (the latest when none is given), or the reply saying none does. */
async function resolveNote(services: SlackServices, query: string | null): Promise<{ note: Note } | { reply: Reply }> {
  const { store } = services.context.runtime;
  const listings = await store.listNotes();
  const listing = query === null ? (listings[0] ?? null) : findNote(listings, query);
  const note = listing === null ? null : await store.getNote(listing.id);
  if (note !== null) return { note };
  if (listings.length === 0) return { reply: notesListReply([]) };
  const candidates = listings.slice(0, 10).map((entry) => ({ noteId: entry.id, title: entry.title, source: entry.source }));
  return { reply: noteLookupReply(query ?? '', { status: 'not-found', candidates }) };
}

function plain(reply: Reply): SubcommandResult {
  return { reply, render: {} };
}
