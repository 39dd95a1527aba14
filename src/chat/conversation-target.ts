import type { ConversationHistory, ConversationScope } from '../domain/conversation.js';
import type { Reply } from '../domain/reply.js';

/**
 * The conversation a command names, as typed: a thread (by a message link, or the thread the
 * command was typed in) or a channel (by name or id, or the one it was typed in) with a window.
 * Each front end resolves it to a ConversationScope with what only it knows.
 */
export type ConversationTarget =
  | { kind: 'thread'; link: string | null }
  | { kind: 'channel'; channel: string | null; since: string | null };

/** What a chat platform gives conversation commands: where a target is, and its history. */
export interface ConversationAccess {
  /** The scope a target names, or a reply saying why it names none (not in a thread, a bad link, a channel the bot is not in). */
  scopeOf(target: ConversationTarget): Promise<ConversationScope | Reply>;
  /** The platform's message history, for what came before recap captured; null when it has none. */
  history: ConversationHistory | null;
}

/** A channel recap without "since" covers the last day. */
export const DEFAULT_CHANNEL_WINDOW_MS = 24 * 60 * 60 * 1000;

const UNIT_MS: Record<string, number> = { m: 60_000, min: 60_000, h: 3_600_000, hour: 3_600_000, d: 86_400_000, day: 86_400_000, w: 604_800_000, week: 604_800_000 };

/**
 * When a window starts: "2h", "30m", "3d", "1w", "yesterday"/"昨日" (its midnight), "today"/"今日",
 * or a date ("2026-12-01", midnight in `timeZone`); null for none (the default window). A reply
 * text says what was wrong.
 */
export function parseSince(text: string | null, now: number, timeZone: string): { since: number } | { problem: string } {
  if (text === null || text.trim() === '') return { since: now - DEFAULT_CHANNEL_WINDOW_MS };
  const value = text.trim().toLowerCase();
  const relative = /^(\d{1,4})\s*(m|min|h|hour|d|day|w|week)s?$/.exec(value);
  if (relative) {
    const amount = Number(relative[1]);
    const unit = UNIT_MS[relative[2] ?? ''] ?? 0;
    return { since: now - amount * unit };
  }
  if (value === 'today' || value === '今日') return { since: midnightOf(now, timeZone) };
  if (value === 'yesterday' || value === '昨日') return { since: midnightOf(now - DEFAULT_CHANNEL_WINDOW_MS, timeZone) };
  const date = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (date) {
    const since = zonedMidnight(Number(date[1]), Number(date[2]), Number(date[3]), timeZone);
    if (Number.isNaN(since)) return { problem: `"${text}" is not a date.` };
    if (since > now) return { problem: `${text} has not come yet.` };
    return { since };
  }
  return { problem: `"${text.slice(0, 40)}" is not a time: use 2h, 30m, 3d, yesterday, today or a date such as 2026-12-01.` };
}

/** Midnight (in `timeZone`) of the day `at` falls on. */
function midnightOf(at: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(at));
  const [year, month, day] = parts.split('-').map(Number);
  return zonedMidnight(year ?? 1970, month ?? 1, day ?? 1, timeZone);
}

/** The instant of 00:00 on a calendar day in a time zone. */
function zonedMidnight(year: number, month: number, day: number, timeZone: string): number {
  const utc = Date.UTC(year, month - 1, day);
  const check = new Date(utc);
  if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) return Number.NaN;
  // The zone's offset at that moment: the wall time it shows for `utc`, minus `utc`.
  const shown = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' }).formatToParts(check);
  const field = (type: string) => Number(shown.find((part) => part.type === type)?.value ?? 0);
  const wall = Date.UTC(field('year'), field('month') - 1, field('day'), field('hour'), field('minute'), field('second'));
  return utc - (wall - utc);
}

/** A mention that asks for a recap of where it was posted: "まとめて", "このスレッドを要約して", "recap", "summarize this thread", "tl;dr". */
export function asksForConversationRecap(text: string): boolean {
  const words = text.trim().replace(/[\s　]+/g, ' ');
  return (
    /^(この|今の)?(スレッド|スレ|チャンネル|会話|話)?(を|の内容を|の)?\s?(まとめて|要約して|まとめ)(ください|くれる|ほしい|欲しい)?[!！。.?？]*$/.test(words) ||
    /^(please )?(recap|summari[sz]e|sum up|tl;? ?dr)( (this|the) (thread|channel|conversation))?( please)?[!.?]*$/i.test(words)
  );
}
