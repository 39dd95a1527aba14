import { MAX_RECAP_MESSAGES } from '../recap/conversation-messages.js';
import { digestReply } from '../recap/digest-reply.js';
import { writeConversationRecap } from '../recap/write-conversation-recap.js';
import { recapReply } from '../recap/recap-reply.js';
import { infoReply, withCitationLinks, type Reply } from '../domain/reply.js';
import { isPermanentLlmError } from '../llm/llm-client.js';
import type { Note } from '../domain/note.js';
import { extractiveRecap, storedRecap, type ImmediateRecap } from '../recap/recap-without-waiting.js';
import { summarizeStoredNote } from '../recap/summarize-stored-note.js';
import type { Runtime } from '../runtime.js';
import type { ScheduleStatus } from '../store/schedule-store.js';
import { formatIn } from './describe-schedule.js';
import type { Schedule } from '../domain/schedule.js';

/** A digest shows at most this many notes; the rest are named (a chat post is not an archive). */
export const MAX_NOTES_PER_POST = 10;

/** The notes a window shows, and since when (digest); for a channel digest, the span of the conversation. */
export interface WindowSelection {
  noteIds: string[];
  sinceMs: number | null;
  /** Channel digest: messages before this time (ms). */
  untilMs: number | null;
  /** Channel digest: how many captured messages the window has (0: nothing new). */
  messageCount: number;
}

/**
 * What a window of a schedule posts: every note that arrived since the last digest (digest), the
 * newest note unless it was the last one posted (latest), or the note that landed (on-ingest).
 */
export async function selectNotes(runtime: Runtime, schedule: Schedule, status: ScheduleStatus, windowAtMs: number, landedNoteId?: string): Promise<WindowSelection> {
  switch (schedule.kind) {
    case 'digest': {
      const sinceMs = status.digestCutoff ?? Date.parse(schedule.createdAt);
      return { noteIds: await runtime.store.notesArrivedBetween(sinceMs, windowAtMs), sinceMs, untilMs: null, messageCount: 0 };
    }
    case 'latest': {
      const [newest] = await runtime.store.listNotes();
      return { noteIds: newest && newest.id !== status.latestNoteId ? [newest.id] : [], sinceMs: null, untilMs: null, messageCount: 0 };
    }
    case 'on-ingest':
      return { noteIds: landedNoteId && (await runtime.store.getNote(landedNoteId)) ? [landedNoteId] : [], sinceMs: null, untilMs: null, messageCount: 0 };
    case 'channel-digest': {
      const sinceMs = status.digestCutoff ?? Date.parse(schedule.createdAt);
      const messages = await runtime.conversations.channelMessages(schedule.platform, schedule.channel, sinceMs, windowAtMs);
      return { noteIds: [], sinceMs, untilMs: windowAtMs, messageCount: messages.length };
    }
  }
}

/**
 * The replies of a post: a recap per note and language (notes deleted since are left out), with
 * a heading for digests; "nothing new" when no note is left.
 */
export async function postReplies(runtime: Runtime, schedule: Pick<Schedule, 'kind' | 'timezone'>, post: PostContent): Promise<Reply[]> {
  // With RECAP_PUBLIC_URL a post's citations link to their lines on the web page.
  return (await unlinkedReplies(runtime, schedule, post)).map((reply) => withCitationLinks(reply, runtime.config.web.publicUrl));
}

/** What a post covers: its notes, or (channel digest) the span of its channel's conversation. */
export interface PostContent {
  platform: string;
  channel: string;
  noteIds: readonly string[];
  languages: readonly string[];
  sinceMs: number | null;
  untilMs: number | null;
}

async function unlinkedReplies(runtime: Runtime, schedule: Pick<Schedule, 'kind' | 'timezone'>, post: PostContent): Promise<Reply[]> {
  if (schedule.kind === 'channel-digest') return channelDigestReplies(runtime, post);
  const notes: Note[] = [];
  for (const noteId of post.noteIds) {
    const note = await runtime.store.getNote(noteId);
    if (note !== null) notes.push(note);
  }
  const since = post.sinceMs === null ? null : formatIn(new Date(post.sinceMs).toISOString(), schedule.timezone);
  // Notes recapped here and deleted since: the post (edited) says so rather than "nothing new".
  if (notes.length === 0 && post.noteIds.length > 0) return [infoReply(`The note${post.noteIds.length === 1 ? '' : 's'} recapped here ${post.noteIds.length === 1 ? 'was' : 'were'} removed from the notes.`)];
  if (notes.length === 0) return [infoReply(since ? `Nothing new in the notes since ${since}.` : 'Nothing new in the notes.')];
  const shown = notes.slice(0, MAX_NOTES_PER_POST);
  if (schedule.kind === 'digest') {
    // One compact reply per language: the notes' highlights, not their whole recaps.
    const more = notes.slice(MAX_NOTES_PER_POST).map((note) => note.title);
    const heading = [`New in the notes since ${since ?? 'the last post'}: ${notes.length} note${notes.length === 1 ? '' : 's'}.`];
    if (more.length > 0) heading.push(`Not shown here (ask for them with /recap summary): ${more.join(', ')}`);
    const replies: Reply[] = [];
    for (const language of post.languages) {
      const entries = [];
      for (const note of shown) entries.push({ note, recap: await recapForPost(runtime, note, language) });
      replies.push(digestReply(heading.join('\n'), entries));
    }
    return replies;
  }
  const replies: Reply[] = [];
  for (const note of shown) {
    for (const language of post.languages) replies.push(recapReply(note, await recapForPost(runtime, note, language)));
  }
  return replies;
}

/**
 * A channel digest: a recap per language of what recap captured in the channel during the
 * window (edits applied, deleted and off-the-record messages gone), citing the messages.
 */
async function channelDigestReplies(runtime: Runtime, post: PostContent): Promise<Reply[]> {
  const since = post.sinceMs ?? 0;
  const all = await runtime.conversations.channelMessages(post.platform, post.channel, since, post.untilMs ?? Date.now());
  const messages = all.slice(-MAX_RECAP_MESSAGES);
  const gathered = { messages, fromHistory: 0, truncated: all.length > messages.length, historyProblem: null };
  const scope = { platform: post.platform, channel: post.channel, threadId: null, since };
  const replies: Reply[] = [];
  for (const language of post.languages) replies.push(await writeConversationRecap(runtime, scope, gathered, language, runtime.logger));
  return replies;
}

/**
 * A note's recap for a post: the stored model recap when current, otherwise written now (and
 * stored, so the summarize queue finds it done). A model that refuses for good (budget spent,
 * bad key) gives the extractive recap rather than no post; a busy or down one throws (the job retries).
 */
export async function recapForPost(runtime: Runtime, note: Note, language: string): Promise<ImmediateRecap> {
  const { llm } = runtime;
  if (llm === null) return extractiveRecap(note, false, language);
  const stored = await storedRecap(runtime, note, language);
  if (stored !== null) return stored;
  try {
    await summarizeStoredNote({ notes: runtime.store, summaries: runtime.summaries, llm, contextTokens: runtime.config.llm.contextTokens }, { noteId: note.id, contentHash: note.contentHash, language });
  } catch (error) {
    if (!isPermanentLlmError(error)) throw error;
    runtime.logger.warn({ err: error, noteId: note.id, language }, 'the model refused a recap for a post; posting the extractive recap');
    return extractiveRecap(note, false, language);
  }
  return (await storedRecap(runtime, note, language)) ?? extractiveRecap(note, false, language);
}
