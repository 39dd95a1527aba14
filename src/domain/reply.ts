/**
 * The platform-neutral reply every front end renders: Slack (Block Kit), Discord (content +
 * embeds) and the terminal. The core never builds platform payloads; adapters never compose text.
 */
export interface Reply {
  kind: 'answer' | 'not-found' | 'info' | 'error' | 'confirm';
  /** Body in plain text with "- " bullets and blank lines between paragraphs; no platform markup. */
  text: string;
  /** Where the answer comes from, best first ([n] in the text refers to rank n). */
  citations: ReplyCitation[];
  /** A short line under the answer (model used, fallback note). */
  footer?: string;
  /** The asker's language, for the words around the answer ("Sources" / "出典"); English when unset. */
  language?: 'ja' | 'en';
  /** For kind 'confirm': what the buttons under the text would do; each renderer makes them. */
  confirmation?: ReplyConfirmation;
}

/**
 * A destructive action waiting for a click: one confirm button per target (numbered when
 * several, in the order the text lists them) and a Cancel. Buttons carry the target's exact id,
 * never what was typed, so a click acts on the very note that was shown.
 */
export interface ReplyConfirmation {
  action: 'delete-note';
  targets: Array<{ id: string; title: string }>;
}

/** The heading over a reply's citations, in the reply's language. */
export function citationsHeading(reply: Reply): string {
  if (reply.language === 'ja') return reply.kind === 'not-found' ? '近い記述' : '出典';
  return reply.kind === 'not-found' ? 'Nearest lines' : 'Sources';
}

export interface ReplyCitation {
  rank: number;
  noteId: string;
  /** "Title › Section › Sub" */
  label: string;
  /** "notes/file.md:24" */
  location: string;
  /** The cited line of the note (1-based); 0 for a chat message, which `url` links to. */
  line: number;
  /** The line on the web page (`RECAP_PUBLIC_URL/notes/<id>#L24`), when recap knows where that is. */
  url?: string;
  text: string;
}

/** Where a note's line is on the web page: `<base>/notes/<id>#L<line>` (base '' for a link within the page). */
export function noteLineUrl(base: string, noteId: string, line: number): string {
  return `${base.replace(/\/+$/, '')}/notes/${encodeURIComponent(noteId)}#L${line}`;
}

/**
 * The reply with each citation linked to its line on the web page; without a public URL, a
 * citation of a note fetched from a URL links to that URL, and the others stay as they are.
 */
export function withCitationLinks(reply: Reply, publicUrl: string | null): Reply {
  if (reply.citations.length === 0) return reply;
  // A citation that already links somewhere (a chat message) keeps its link; only note lines (line >= 1) have a page.
  return {
    ...reply,
    citations: reply.citations.map((citation) => {
      if (citation.url !== undefined || citation.line < 1) return citation;
      const url = publicUrl === null ? sourceUrlOf(citation.location) : noteLineUrl(publicUrl, citation.noteId, citation.line);
      return url === null ? citation : { ...citation, url };
    }),
  };
}

/** The http(s) URL a citation's location ("https://hackmd.io/abc:12") names, or null for a file. */
function sourceUrlOf(location: string): string | null {
  const source = location.replace(/:\d+$/, '');
  if (!/^https?:\/\//i.test(source)) return null;
  try {
    return new URL(source).href;
  } catch {
    return null;
  }
}

/** An error as a reply that says what went wrong, so no request ends in silence. */
export function errorReply(message: string): Reply {
  return { kind: 'error', text: message, citations: [] };
}

export function infoReply(text: string): Reply {
  return { kind: 'info', text, citations: [] };
}
