import path from 'node:path';
import { baseName } from './note-id.js';
import { hasOffRecordMarker } from './off-record.js';

/** What a note says about itself: its title, the event and the date (ISO YYYY-MM-DD). */
export interface NoteMeta {
  title: string;
  event: string | null;
  date: string | null;
}

export interface MetaSources {
  /** Parsed YAML front matter ({} when none). */
  frontMatter: Record<string, unknown>;
  /** Text of the first H1 heading, if any. */
  firstH1: string | null;
  /** The first lines of the note (dates like "2019/04/16 Tue" sit under the title). */
  headLines: readonly string[];
  source: string;
}

// "20190604 Cloud Native Meetup Tokyo #8", "2019/06/04 ...", "2019年6月4日 ..."
const DATED_TITLE = [
  /^(\d{4})(\d{2})(\d{2})\s+(.+)$/,
  /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?\s+(.+)$/,
];
const DATE_IN_TEXT = /(?<!\d)(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})(?!\d)/;
// File names: 2019_0416-..., 2019-04-23-..., 20190604-..., 2019/0416-x/README.md
const DATE_IN_NAME = /(?<!\d)(\d{4})[-_/]?(\d{2})[-_]?(\d{2})(?!\d)/;

/** Title, event and date from front matter, a dated title, the first lines or the file name. */
export function noteMeta(sources: MetaSources): NoteMeta {
  const title =
    frontMatterString(sources.frontMatter, 'title') ??
    sources.firstH1 ??
    sloppyHeading(sources.headLines) ??
    readableName(sources.source);
  const dated = datedTitle(title);
  const fmDate = isoDateOf(sources.frontMatter['date']);
  const headDate = firstDate(sources.headLines);
  const date = fmDate ?? dated?.date ?? headDate ?? dateInName(sources.source);
  const event =
    frontMatterString(sources.frontMatter, 'event') ??
    dated?.event ??
    // An H1 followed by a date line is an event page ("# CloudNative Days Fukuoka 2019" / "2019/04/16 Tue").
    (headDate !== null && sources.firstH1 !== null && title === sources.firstH1 ? title : null);
  return { title, event, date };
}

function frontMatterString(frontMatter: Record<string, unknown>, key: string): string | null {
  const value = frontMatter[key];
  if (typeof value !== 'string' && typeof value !== 'number') return null;
  const text = String(value).trim();
  return text === '' || hasOffRecordMarker(text) ? null : text;
}

function datedTitle(title: string): { date: string; event: string } | null {
  for (const pattern of DATED_TITLE) {
    const match = pattern.exec(title.trim());
    const date = match ? isoDate(match[1], match[2], match[3]) : null;
    if (match && date) return { date, event: (match[4] ?? '').trim() };
  }
  return null;
}

function firstDate(lines: readonly string[]): string | null {
  for (const line of lines) {
    const match = DATE_IN_TEXT.exec(line);
    const date = match ? isoDate(match[1], match[2], match[3]) : null;
    if (date) return date;
  }
  return null;
}

function dateInName(source: string): string | null {
  const tail = source.split(/[\\/]/).slice(-3).join('/');
  const match = DATE_IN_NAME.exec(tail);
  return match ? isoDate(match[1], match[2], match[3]) : null;
}

/** "#Title" on the first line (no space after #) is meant as the title, though Markdown disagrees. */
function sloppyHeading(lines: readonly string[]): string | null {
  const first = lines.find((line) => line.trim() !== '')?.trim() ?? '';
  const match = /^#([^#\s].*)$/.exec(first);
  return match && !hasOffRecordMarker(first) ? (match[1] ?? '').trim() : null;
}

/** Front matter dates arrive as strings ("2019-06-04") or, from some YAML schemas, Date objects. */
function isoDateOf(value: unknown): string | null {
  if (value instanceof Date && !Number.isNaN(value.getTime())) return value.toISOString().slice(0, 10);
  if (typeof value !== 'string') return null;
  const match = DATE_IN_TEXT.exec(value);
  return match ? isoDate(match[1], match[2], match[3]) : null;
}

function isoDate(year?: string, month?: string, day?: string): string | null {
  const y = Number(year);
  const m = Number(month);
  const d = Number(day);
  if (y < 1990 || y > 2100 || m < 1 || m > 12 || d < 1 || d > 31) return null;
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCMonth() !== m - 1) return null; // 2019-02-30
  return date.toISOString().slice(0, 10);
}

/** "loftkun__conference__2019_0416-CloudNativeDaysFukuoka2019_README.md" -> words. */
function readableName(source: string): string {
  const name = baseName(source)
    .replace(/[_\s-]*readme$/i, '')
    .replace(/[_-]+/g, ' ')
    .trim();
  return name === '' ? path.basename(source) : name;
}
