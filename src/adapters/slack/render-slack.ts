import { citationsHeading, type Reply } from '../../domain/reply.js';

/**
 * Renders a platform-neutral Reply as Slack Block Kit messages. Notes and model output are
 * untrusted: every piece of their text is escaped (&, <, >) so that `<!channel>`, `<!here>`,
 * `<!subteam^…>` and `<@U…>` show as text instead of pinging, and literal @channel / @here /
 * @everyone get a zero-width space. Long replies are split across messages, never cut.
 */

/** Block Kit shapes recap sends (a subset, structurally what Slack's KnownBlock accepts). */
export interface MrkdwnText {
  type: 'mrkdwn';
  text: string;
  verbatim?: boolean;
}
export interface PlainText {
  type: 'plain_text';
  text: string;
  emoji?: boolean;
}
export interface SectionBlock {
  type: 'section';
  text: MrkdwnText;
}
export interface ContextBlock {
  type: 'context';
  elements: MrkdwnText[];
}
export interface ButtonElement {
  type: 'button';
  action_id: string;
  text: PlainText;
  value: string;
  style?: 'primary' | 'danger';
}
export interface ActionsBlock {
  type: 'actions';
  elements: ButtonElement[];
}
export type SlackBlock = SectionBlock | ContextBlock | ActionsBlock;

/** One message to post: fallback text (notifications, screen readers) and blocks. */
export interface SlackMessage {
  text: string;
  blocks: SlackBlock[];
  unfurl_links: false;
  unfurl_media: false;
}

export interface SlackRenderOptions {
  /** The question, shown above the answer (so a shared answer makes sense on its own). */
  question?: string;
  /** Who shared the answer in the channel (a Slack user id). */
  sharedBy?: string;
  /** Stored answer id the buttons refer to; without it there are no buttons. */
  answerId?: string;
  /** "Share in channel" button (ephemeral answers). */
  share?: boolean;
  /** Helpful / not helpful buttons. */
  feedback?: boolean;
  /** A line under the reply from the adapter ("Shared in the channel."), plain text. */
  note?: string;
}

export const SLACK_ACTIONS = {
  share: 'recap_share',
  helpful: 'recap_feedback_helpful',
  notHelpful: 'recap_feedback_not_helpful',
  /** Confirm buttons are numbered (`recap_delete_note_1`, …): action ids must differ within a message. */
  deleteNote: 'recap_delete_note',
  cancelDelete: 'recap_delete_cancel',
} as const;

/** Every "Delete" button of a confirmation, whichever candidate it is for. */
export const SLACK_DELETE_NOTE_ACTION = /^recap_delete_note_\d+$/;

/** Slack rejects a section text over 3,000 characters (invalid_blocks). */
export const MAX_SECTION_CHARS = 3_000;
/** Slack rejects a message with more than 50 blocks. */
export const MAX_BLOCKS_PER_MESSAGE = 50;
/**
 * chat.postMessage rejects messages whose block texts add up to about 12,000-13,000 characters
 * (msg_blocks_too_long; undocumented, see slackapi/bolt-js#2509 and #2867): stay well below.
 */
export const MAX_MESSAGE_TEXT_CHARS = 10_000;
/** A context block holds at most 10 elements. */
const MAX_CONTEXT_ELEMENTS = 10;
/** Labels and the question are shown in full up to this length, then visibly shortened ("…"). */
const MAX_LABEL_CHARS = 300;
const MAX_QUESTION_CHARS = 1_000;
/** The notification text is a preview; the blocks carry the whole reply. */
const MAX_FALLBACK_CHARS = 300;
/** Room kept in every message for the "part 2 of 3" line. */
const PART_LINE_RESERVE_CHARS = 40;

const KIND_PREFIX: Record<Reply['kind'], string> = {
  answer: '',
  'not-found': ':mag: ',
  info: '',
  error: ':warning: ',
  confirm: ':wastebasket: ',
};

/** Escapes Slack's control characters and defuses mass mentions in untrusted text. */
export function escapeSlackText(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/([@＠])(channel|here|everyone)\b/gi, (_match, at: string, word: string) => `${at}\u200b${word}`);
}

/** Reply text (plain, "- " bullets) as mrkdwn: escaped, bullets as "•", Markdown **bold** as *bold*. */
export function toMrkdwn(text: string): string {
  return escapeSlackText(text)
    .replace(/^(\s*)[-*] /gm, (_match, indent: string) => `${indent}${indent.length > 0 ? '◦' : '•'} `)
    .replace(/\*\*([^*\n]+)\*\*/g, '*$1*');
}

/** The reply as one or more Slack messages, each within Slack's limits, in reading order. */
export function renderSlackReply(reply: Reply, options: SlackRenderOptions = {}): SlackMessage[] {
  const head: SlackBlock[] = [];
  if (options.question !== undefined && options.question.trim() !== '') {
    const by = options.sharedBy && /^[UW][A-Z0-9]+$/.test(options.sharedBy) ? `<@${options.sharedBy}> asked` : '*Q*';
    head.push(context([`${by}: ${escapeSlackText(shorten(options.question.trim(), MAX_QUESTION_CHARS))}`]));
  }
  const body = paragraphs(reply.text).flatMap((paragraph, position) =>
    splitForSection(`${position === 0 ? KIND_PREFIX[reply.kind] : ''}${toMrkdwn(paragraph)}`).map(section),
  );
  const tail: SlackBlock[] = [...citationBlocks(reply)];
  if (reply.footer) tail.push(context([`_${escapeSlackText(shorten(reply.footer, MAX_SECTION_CHARS - 2))}_`]));
  if (options.note) tail.push(context([escapeSlackText(shorten(options.note, MAX_SECTION_CHARS))]));
  const actions = actionsBlock(options);
  if (actions) tail.push(actions);
  const confirm = confirmationBlock(reply);
  if (confirm) tail.push(confirm);
  const parts = pack([...head, ...body, ...tail]);
  return parts.map((blocks, index) => {
    const numbered = parts.length > 1 ? [...blocks, context([`part ${index + 1} of ${parts.length}`])] : blocks;
    return { text: fallbackText(reply, index), blocks: numbered, unfurl_links: false, unfurl_media: false };
  });
}

/** A short plain message (placeholders such as "Searching the notes…"). */
export function slackText(text: string): SlackMessage {
  const escaped = escapeSlackText(text);
  return { text: escaped, blocks: [section(splitForSection(escaped)[0] ?? '')], unfurl_links: false, unfurl_media: false };
}

function paragraphs(text: string): string[] {
  const found = text.split(/\n\s*\n/).map((paragraph) => paragraph.replace(/\s+$/, '')).filter((paragraph) => paragraph.trim() !== '');
  return found.length > 0 ? found : ['(empty reply)'];
}

/** Splits mrkdwn into section texts: at line ends, then spaces, then anywhere safe. */
export function splitForSection(text: string, limit = MAX_SECTION_CHARS): string[] {
  const pieces: string[] = [];
  let rest = text;
  while (rest.length > limit) {
    let cut = rest.lastIndexOf('\n', limit);
    if (cut < limit / 2) cut = rest.lastIndexOf(' ', limit);
    if (cut < limit / 2) cut = safeCut(rest, limit);
    pieces.push(rest.slice(0, cut).replace(/\s+$/, ''));
    rest = rest.slice(cut).replace(/^[\n ]/, '');
  }
  if (rest.trim() !== '' || pieces.length === 0) pieces.push(rest);
  return pieces.filter((piece) => piece !== '');
}

/** A cut at or before `limit` that splits neither an entity (&amp;) nor a surrogate pair. */
function safeCut(text: string, limit: number): number {
  let cut = limit;
  const ampersand = text.lastIndexOf('&', cut - 1);
  if (ampersand >= 0 && ampersand > cut - 5 && !text.slice(ampersand, cut).includes(';')) cut = ampersand;
  const code = text.charCodeAt(cut - 1);
  if (code >= 0xd800 && code <= 0xdbff) cut -= 1;
  return cut;
}

function citationBlocks(reply: Reply): ContextBlock[] {
  if (reply.citations.length === 0) return [];
  const lines = reply.citations.map((citation) => {
    const label = escapeSlackText(shorten(citation.label, MAX_LABEL_CHARS));
    const location = escapeSlackText(shorten(citation.location, MAX_LABEL_CHARS));
    // A link to the line on the web page (RECAP_PUBLIC_URL); our own URL, its note id percent-encoded.
    return citation.url ? `[${citation.rank}] <${citation.url}|${label}> · \`${location}\`` : `[${citation.rank}] ${label} · \`${location}\``;
  });
  const heading = citationsHeading(reply);
  lines[0] = `*${heading}:* ${lines[0]}`;
  const blocks: ContextBlock[] = [];
  for (let start = 0; start < lines.length; start += MAX_CONTEXT_ELEMENTS) blocks.push(context(lines.slice(start, start + MAX_CONTEXT_ELEMENTS)));
  return blocks;
}

function actionsBlock(options: SlackRenderOptions): ActionsBlock | null {
  if (options.answerId === undefined) return null;
  const value = options.answerId;
  const elements: ButtonElement[] = [];
  if (options.share) elements.push(button(SLACK_ACTIONS.share, 'Share in channel', value, 'primary'));
  if (options.feedback) {
    elements.push(button(SLACK_ACTIONS.helpful, ':+1: Helpful', value));
    elements.push(button(SLACK_ACTIONS.notHelpful, ':-1: Not helpful', value));
  }
  return elements.length > 0 ? { type: 'actions', elements } : null;
}

/** "Delete" (one target) or "Delete 1", "Delete 2", … and "Cancel"; each value is a note's exact id. */
function confirmationBlock(reply: Reply): ActionsBlock | null {
  const targets = reply.confirmation?.targets ?? [];
  if (targets.length === 0) return null;
  const elements = targets.map((target, position) =>
    button(`${SLACK_ACTIONS.deleteNote}_${position + 1}`, targets.length === 1 ? 'Delete' : `Delete ${position + 1}`, target.id, 'danger'),
  );
  elements.push(button(SLACK_ACTIONS.cancelDelete, 'Cancel', 'cancel'));
  return { type: 'actions', elements };
}

/** Puts blocks into messages in order, each within the block count and the text budget. */
function pack(blocks: SlackBlock[]): SlackBlock[][] {
  const messages: SlackBlock[][] = [];
  let current: SlackBlock[] = [];
  let chars = 0;
  for (const block of blocks) {
    const size = blockChars(block);
    const full = current.length + 1 > MAX_BLOCKS_PER_MESSAGE - 1 || chars + size > MAX_MESSAGE_TEXT_CHARS - PART_LINE_RESERVE_CHARS;
    if (full && current.length > 0) {
      messages.push(current);
      current = [];
      chars = 0;
    }
    current.push(block);
    chars += size;
  }
  if (current.length > 0) messages.push(current);
  return messages;
}

function blockChars(block: SlackBlock): number {
  switch (block.type) {
    case 'section':
      return block.text.text.length;
    case 'context':
      return block.elements.reduce((sum, element) => sum + element.text.length, 0);
    case 'actions':
      return block.elements.reduce((sum, element) => sum + element.text.text.length + element.value.length, 0);
  }
}

function fallbackText(reply: Reply, part: number): string {
  const preview = escapeSlackText(shorten(reply.text.replace(/\s+/g, ' ').trim(), MAX_FALLBACK_CHARS));
  return part === 0 ? preview : `(continued) ${preview}`;
}

function section(text: string): SectionBlock {
  return { type: 'section', text: { type: 'mrkdwn', text } };
}

function context(texts: string[]): ContextBlock {
  return { type: 'context', elements: texts.map((text) => ({ type: 'mrkdwn', text })) };
}

function button(actionId: string, text: string, value: string, style?: 'primary' | 'danger'): ButtonElement {
  return { type: 'button', action_id: actionId, text: { type: 'plain_text', text, emoji: true }, value, ...(style ? { style } : {}) };
}

/** Shortens for display with a visible ellipsis (never used on answer text, which is split instead). */
function shorten(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.charCodeAt(max - 2) >= 0xd800 && text.charCodeAt(max - 2) <= 0xdbff ? max - 2 : max - 1;
  return `${text.slice(0, cut)}…`;
}
