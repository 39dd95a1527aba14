import { McpServer, ResourceTemplate } from '@modelcontextprotocol/sdk/server/mcp.js';
import { McpError, type CallToolResult, type ReadResourceResult } from '@modelcontextprotocol/sdk/types.js';
import { z } from 'zod';
import { replyFromAnswer } from '../chat/answer-reply.js';
import { inputTooLong, MAX_CHAT_INPUT_CHARS } from '../chat/chat-input.js';
import { renderReplyText } from '../chat/render-text.js';
import { languageCodeSchema } from '../domain/language.js';
import type { Note } from '../domain/note.js';
import { noteLineUrl, withCitationLinks } from '../domain/reply.js';
import type { Logger } from '../logger.js';
import { hitCitation, type Citation } from '../recap/answer.js';
import { findNote } from '../recap/find-note.js';
import type { ModelAnswer } from '../recap/grounded-answer.js';
import { recapReply } from '../recap/recap-reply.js';
import { recapWithoutWaiting } from '../recap/recap-without-waiting.js';
import type { Runtime } from '../runtime.js';
import type { SearchIndex } from '../search/search-index.js';
import type { NoteListing } from '../store/note-store.js';
import { noteOutlineText, noteResourceUri, notesListText } from './note-text.js';

/** Hits search_notes returns unless asked for another number. */
const DEFAULT_SEARCH_LIMIT = 5;
const MAX_SEARCH_LIMIT = 50;
/** Notes offered when none matches what get_note or get_recap was given. */
const NOTE_CANDIDATES = 10;
/** The JSON-RPC error code MCP gives an unknown resource. */
const RESOURCE_NOT_FOUND = -32002;

/** What the MCP server needs of a running recap: the same stores, index and answering as chat and the web page. */
export interface McpDeps {
  /** Stores and queues (a recap request queues the model recap, as chat's `summary` does). */
  runtime: Runtime;
  index: SearchIndex;
  /** The same answering as chat and the web page's /ask (model or extractive). */
  ask(question: string): Promise<ModelAnswer>;
  /** RECAP_PUBLIC_URL: citations link to their line on the web page when set. */
  publicUrl: string | null;
  logger: Logger;
}

/** A cited place in a note, as the tools return it. */
export interface McpCitation {
  rank: number;
  noteId: string;
  title: string;
  section: string[];
  line: number;
  text: string;
  /** A machine translation of the line that matched (the note's own words are `text`). */
  translation?: { language: string; text: string };
  url?: string;
}

/**
 * The MCP server of recap: tools to search the notes, ask a question (the chat answer, with
 * citations), read a note's outline, read a note's recap (stored or extractive, never waiting
 * for a model) and list the notes; every note as a resource `recap://notes/<id>`. A bad request
 * (empty or too long text, an unknown note) is a tool result with isError, never a thrown error.
 */
export function buildMcpServer(deps: McpDeps): McpServer {
  const server = new McpServer(
    { name: 'recap', title: 'recap meetup notes', version: '0.1.0' },
    {
      instructions:
        'recap answers from meetup notes (mostly Japanese, some English) with citations: note id, section path and line. Use search_notes to find lines, ask for an answer, get_note for a note\'s outline with line numbers, get_recap for its recap, list_notes for the ids.',
    },
  );
  const { runtime, index } = deps;
  const linkOf = (noteId: string, line: number): { url?: string } => (deps.publicUrl === null || line < 1 ? {} : { url: noteLineUrl(deps.publicUrl, noteId, line) });
  const cited = (citation: Citation): McpCitation => ({
    rank: citation.rank,
    noteId: citation.noteId,
    title: citation.title,
    section: citation.section,
    line: citation.line,
    text: citation.text,
    ...(citation.translation ? { translation: citation.translation } : {}),
    ...linkOf(citation.noteId, citation.line),
  });

  server.registerTool(
    'search_notes',
    {
      title: 'Search the notes',
      description: 'Full-text search over the meetup notes (Japanese and English). Returns the best matching lines, best first, each with note id, title, section path, line number and text (and a web link when recap has a public URL).',
      inputSchema: {
        query: z.string().describe('Words to look for, e.g. "Brown Field" or "サービスメッシュ"'),
        limit: z.number().int().min(1).max(MAX_SEARCH_LIMIT).optional().describe(`How many hits (default ${DEFAULT_SEARCH_LIMIT}, at most ${MAX_SEARCH_LIMIT})`),
      },
      annotations: { readOnlyHint: true, openWorldHint: false },
    },
    ({ query, limit }) => {
      const problem = textProblem(query, 'query');
      if (problem !== null) return toolError(problem);
      const hits = index.search(query.trim(), { top: limit ?? DEFAULT_SEARCH_LIMIT }).map((hit, position) => cited(hitCitation(hit, position)));
      const text = hits.length === 0 ? `Nothing in the notes matches "${query.trim()}".` : hits.map(citationLine).join('\n\n');
      return { content: [{ type: 'text', text }], structuredContent: { query: query.trim(), hits } };
    },
  );

  server.registerTool(
    'ask',
    {
      title: 'Ask the notes',
      description: 'Answers a question from the notes, as recap does in chat: the answer (written by the model when one is configured, else the notes\' own lines), whether the notes cover it, and numbered citations.',
      inputSchema: { question: z.string().describe('The question, in Japanese or English') },
      annotations: { readOnlyHint: true, openWorldHint: false },
    },
    async ({ question }) => {
      const problem = textProblem(question, 'question');
      if (problem !== null) return toolError(problem);
      const answer = await deps.ask(question.trim());
      const text = renderReplyText(withCitationLinks(replyFromAnswer(answer), deps.publicUrl));
      return {
        content: [{ type: 'text', text }],
        structuredContent: { question: answer.question, answer: answer.answer, grounded: answer.grounded, mode: answer.mode, ...(answer.model ? { model: answer.model } : {}), citations: answer.citations.map(cited) },
      };
    },
  );

  server.registerTool(
    'get_note',
    {
      title: 'Read a note',
      description: 'A note\'s outline: every heading and item with its source line number (the lines citations refer to). Takes the note id as list_notes gives it, or a title (fuzzy: "cloud native #8").',
      inputSchema: { note: z.string().describe('Note id or title') },
      annotations: { readOnlyHint: true, openWorldHint: false },
    },
    async ({ note: asked }) => {
      const found = await resolveNote(runtime, asked);
      if ('error' in found) return toolError(found.error);
      return { content: [{ type: 'text', text: noteOutlineText(found.note) }], structuredContent: noteFacts(found.note) };
    },
  );

  server.registerTool(
    'get_recap',
    {
      title: 'Read a note\'s recap',
      description: 'A note\'s recap: overview, key points per talk with their lines, terms, speakers. The model-written recap when one is stored for that language, else the extractive recap at once (the notes\' own lines); it never waits for a model.',
      inputSchema: {
        note: z.string().describe('Note id or title'),
        language: z.string().optional().describe('Recap language code such as "ja" or "en" (default: the first of RECAP_LANGUAGES)'),
      },
      annotations: { readOnlyHint: true, openWorldHint: false },
    },
    async ({ note: asked, language: requested }) => {
      const language = requested?.trim() || runtime.config.recapLanguages[0] || 'en';
      if (!languageCodeSchema.safeParse(language).success) return toolError(`"${language}" is not a language code such as ja or en.`);
      const found = await resolveNote(runtime, asked);
      if ('error' in found) return toolError(found.error);
      const recap = await recapWithoutWaiting(runtime, found.note, language);
      const text = renderReplyText(withCitationLinks(recapReply(found.note, recap), deps.publicUrl));
      return { content: [{ type: 'text', text }], structuredContent: { noteId: found.note.id, title: found.note.title, language: recap.language, model: recap.model, pending: recap.pending, summary: recap.summary } };
    },
  );

  server.registerTool(
    'list_notes',
    {
      title: 'List the notes',
      description: 'Every ingested note, newest first: id, title, event, date, language, source file.',
      annotations: { readOnlyHint: true, openWorldHint: false },
    },
    async () => {
      const notes = await runtime.store.listNotes();
      return { content: [{ type: 'text', text: notesListText(notes) }], structuredContent: { notes: notes.map(listingFacts) } };
    },
  );

  server.registerResource(
    'note',
    new ResourceTemplate('recap://notes/{id}', {
      list: async () => ({
        resources: (await runtime.store.listNotes()).map((note) => ({ uri: noteResourceUri(note.id), name: note.id, title: note.title, description: [note.event, note.date].filter((part) => part !== null).join(', ') || note.source, mimeType: 'text/plain' })),
      }),
    }),
    { title: 'Meetup note', description: 'A note\'s outline with its source line numbers', mimeType: 'text/plain' },
    async (uri, variables): Promise<ReadResourceResult> => {
      const raw = variables.id;
      const id = decodeComponent(Array.isArray(raw) ? (raw[0] ?? '') : (raw ?? ''));
      const note = id === null ? null : await runtime.store.getNote(id);
      // A protocol error (resources/read has no isError result): the spec's "resource not found".
      if (note === null) throw new McpError(RESOURCE_NOT_FOUND, `No note has the id "${id ?? uri.href}"; list_notes or resources/list give the ids.`);
      return { contents: [{ uri: uri.href, mimeType: 'text/plain', text: noteOutlineText(note) }] };
    },
  );

  return server;
}

/** Why a text argument cannot be searched, or null: empty, or longer than chat reads. */
function textProblem(text: string, name: string): string | null {
  if (text.trim() === '') return `The ${name} is empty: give a few words to look for.`;
  const tooLong = inputTooLong(text);
  return tooLong === null ? null : tooLong.text.replace('That message is', `The ${name} is`);
}

function toolError(message: string): CallToolResult {
  return { content: [{ type: 'text', text: message }], isError: true };
}

/** The note an id or title means (chat's fuzzy match), or what to say when none does. */
async function resolveNote(runtime: Runtime, asked: string): Promise<{ note: Note } | { error: string }> {
  if (asked.trim() === '') return { error: 'No note given: pass a note id (list_notes gives them) or a title.' };
  if (asked.length > MAX_CHAT_INPUT_CHARS) return { error: `A note id or title of ${asked.length.toLocaleString('en')} characters is no note's; list_notes gives the ids.` };
  const listings = await runtime.store.listNotes();
  const listing = findNote(listings, asked);
  const note = listing === null ? null : await runtime.store.getNote(listing.id);
  if (note !== null) return { note };
  if (listings.length === 0) return { error: 'There are no notes yet, so none matches.' };
  const candidates = listings.slice(0, NOTE_CANDIDATES).map((entry) => `- ${entry.title} (id: ${entry.id})`);
  return { error: [`No note matches "${asked.trim()}". Some notes:`, ...candidates].join('\n') };
}

function citationLine(citation: McpCitation): string {
  const place = [citation.title, ...citation.section].filter((part) => part.trim() !== '').join(' › ');
  const translated = citation.translation ? `\n    (${citation.translation.language}: ${citation.translation.text})` : '';
  return `[${citation.rank}] ${place} · ${citation.noteId} line ${citation.line}${citation.url ? ` · ${citation.url}` : ''}\n    ${citation.text}${translated}`;
}

function noteFacts(note: Note): Record<string, unknown> {
  return { id: note.id, title: note.title, event: note.event, date: note.date, language: note.language, source: note.source, lineCount: note.lineCount, speakers: note.speakers, uri: noteResourceUri(note.id) };
}

function listingFacts(note: NoteListing): Record<string, unknown> {
  return { id: note.id, title: note.title, event: note.event, date: note.date, language: note.language, source: note.source, sections: note.sections, uri: noteResourceUri(note.id) };
}

function decodeComponent(value: string): string | null {
  try {
    return decodeURIComponent(value);
  } catch {
    return null;
  }
}
