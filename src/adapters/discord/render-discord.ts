import { citationsHeading, type Reply, type ReplyCitation } from '../../domain/reply.js';
import { splitMessage } from '../../chat/split-message.js';

/**
 * Renders a Reply as Discord messages: the text as message content (split within Discord's
 * limits), the citations as one embed on the last message. Plain objects shaped like Discord's
 * API, so this file needs no discord.js; the adapter sends them as they are.
 */

/** Discord's documented limits (characters). */
export const DISCORD_LIMITS = {
  content: 2000,
  embedTitle: 256,
  embedDescription: 4096,
  embedFields: 25,
  fieldName: 256,
  fieldValue: 1024,
  footer: 2048,
  /** All text of all embeds of one message together. */
  embedTotal: 6000,
  customId: 100,
} as const;

/** custom_id of the confirmation buttons: the delete one ends with the note's exact id. */
export const DISCORD_CUSTOM_IDS = {
  deleteNotePrefix: 'recap-delete-note:',
  cancelDelete: 'recap-delete-cancel',
} as const;

// Discord lets a bot post about 5 messages per 5 s in a channel; a reply of more parts stalls
// the channel, and nobody reads that much in chat. The last part says what was left out.
const MAX_MESSAGES_PER_REPLY = 8;

export interface DiscordEmbed {
  title?: string;
  description?: string;
  fields?: Array<{ name: string; value: string; inline?: boolean }>;
  footer?: { text: string };
}

/** Mentions this bot's messages may make: none (notes and model output are untrusted text). */
export interface NoMentions {
  parse: never[];
  repliedUser: false;
}

export interface DiscordMessage {
  content: string;
  embeds: DiscordEmbed[];
  allowedMentions: NoMentions;
  /** Buttons under the message (a confirmation); the adapter builds them as components. */
  buttons?: DiscordButton[];
}

/** A message button, described without discord.js (the adapter turns it into a ButtonBuilder). */
export interface DiscordButton {
  customId: string;
  label: string;
  style: 'danger' | 'secondary';
}

/** A fresh copy each time: discord.js may hold on to the object it is given. */
export function noMentions(): NoMentions {
  return { parse: [], repliedUser: false };
}

/**
 * Breaks mention syntax so that text shows it without it acting as a mention: "@everyone",
 * "@here", "<@123>", "<@!123>", "<@&123>" get a zero-width space after the "@". The messages also
 * carry allowedMentions { parse: [] }; this keeps the text from even looking like a ping.
 */
export function neutralizeMentions(text: string): string {
  return text.replace(/@(everyone|here)\b/gi, '@\u200b$1').replace(/<@([!&]?\d)/g, '<@\u200b$1');
}

export function renderDiscord(reply: Reply): DiscordMessage[] {
  const paragraphs = [reply.kind === 'error' ? `⚠️ ${reply.text}` : reply.text];
  // "-# " is Discord's small grey subtext: right for "written by model X".
  if (reply.footer) paragraphs.push(`-# ${reply.footer.replace(/\s*\n\s*/g, ' ')}`);
  const content = neutralizeMentions(paragraphs.join('\n\n').trim() || '…');
  const parts = splitMessage(content, {
    limit: DISCORD_LIMITS.content,
    maxParts: MAX_MESSAGES_PER_REPLY,
    overflowNotice: (omitted) => `-# … ${omitted} more characters not shown. Ask something narrower to see the rest.`,
  });
  const embed = reply.citations.length > 0 ? citationsEmbed(reply) : null;
  const buttons = confirmationButtons(reply);
  return parts.map((part, position) => ({
    content: part,
    embeds: embed && position === parts.length - 1 ? [embed] : [],
    allowedMentions: noMentions(),
    ...(buttons.length > 0 && position === parts.length - 1 ? { buttons } : {}),
  }));
}

/**
 * "Delete" (or "Delete 1", "Delete 2", … in the order the text lists them) and "Cancel". A note
 * whose id does not fit in a custom_id gets no button; the text still names its id.
 */
function confirmationButtons(reply: Reply): DiscordButton[] {
  const targets = reply.confirmation?.targets ?? [];
  if (targets.length === 0) return [];
  const buttons: DiscordButton[] = [];
  for (const [position, target] of targets.entries()) {
    const customId = `${DISCORD_CUSTOM_IDS.deleteNotePrefix}${target.id}`;
    if (customId.length > DISCORD_LIMITS.customId) continue;
    buttons.push({ customId, label: targets.length === 1 ? 'Delete' : `Delete ${position + 1}`, style: 'danger' });
  }
  buttons.push({ customId: DISCORD_CUSTOM_IDS.cancelDelete, label: 'Cancel', style: 'secondary' });
  return buttons;
}

/** Sources as embed fields ("[1] Title › Section" / `file.md:24` and the cited line), within limits. */
export function citationsEmbed(reply: Reply): DiscordEmbed {
  const title = citationsHeading(reply);
  const fields: NonNullable<DiscordEmbed['fields']> = [];
  // Room for the "N more not shown" footer, so adding it can never break the total.
  let used = title.length + 64;
  for (const citation of reply.citations) {
    const field = citationField(citation);
    const size = field.name.length + field.value.length;
    if (fields.length >= DISCORD_LIMITS.embedFields || used + size > DISCORD_LIMITS.embedTotal) break;
    fields.push(field);
    used += size;
  }
  const hidden = reply.citations.length - fields.length;
  return {
    title,
    fields,
    ...(hidden > 0 ? { footer: { text: `${hidden} more source${hidden === 1 ? '' : 's'} not shown` } } : {}),
  };
}

function citationField(citation: ReplyCitation): { name: string; value: string } {
  const code = `\`${citation.location.replace(/`/g, "'")}\``;
  // A masked link to the line on the web page (RECAP_PUBLIC_URL); our own URL, its note id percent-encoded.
  const location = citation.url ? `[${code}](${citation.url})` : code;
  const text = citation.text.replace(/\s+/g, ' ').trim();
  return {
    name: clip(neutralizeMentions(`[${citation.rank}] ${citation.label}`), DISCORD_LIMITS.fieldName),
    value: clip(neutralizeMentions(text === '' ? location : `${location}\n${text}`), DISCORD_LIMITS.fieldValue),
  };
}

/** Shortens to `max` characters with a visible ellipsis (an embed field cannot continue elsewhere). */
function clip(text: string, max: number): string {
  // A cut between the two halves of a surrogate pair (an emoji) would leave half a character.
  return text.length <= max ? text : `${text.slice(0, max - 1).replace(/[\uD800-\uDBFF]$/, '')}…`;
}
