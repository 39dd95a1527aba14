/**
 * micromark's time grows faster than linearly with document length (a 300 KB outline takes
 * ~30 s in one piece), so long notes are cut into parts that parse independently: cuts fall only
 * where every open block is certain to end (a column-0 heading, bullet or block after a blank
 * line), never inside front matter, fenced code or HTML blocks.
 */

/** A run of whole lines; `firstLine` is its 1-based line in the note. */
export interface MarkdownPart {
  firstLine: number;
  text: string;
}

// Small parts keep every micromark run cheap; one part per few dozen lines costs little overhead.
export const PART_TARGET_LINES = 80;

const FENCE_OPEN = /^(?:\s*(?:[-*+]\s+|\d{1,9}[.)]\s+|>\s?))*\s*(`{3,}|~{3,})/;
const HEADING = /^#{1,6}(?:[ \t]|$)/;
const BULLET = /^[-*+][ \t]+\S/;
const THEMATIC_BREAK = /^([-*_])(?:[ \t]*\1){2,}[ \t]*$/;
const HTML_RAW_OPEN = /^ {0,3}<(pre|script|style|textarea)(?:[\s>]|$)/i;
const HTML_COMMENT_OPEN = /^ {0,3}<!--/;
const HTML_OPEN = /^ {0,3}<[/A-Za-z?!]/;

type Mode =
  | { kind: 'flow' }
  | { kind: 'front-matter' }
  | { kind: 'fence'; marker: string }
  | { kind: 'html-until'; end: RegExp }
  | { kind: 'html-until-blank' };

/** Splits lines into parts of about targetLines that can be parsed one by one. */
export function splitMarkdown(lines: readonly string[], targetLines = PART_TARGET_LINES): MarkdownPart[] {
  const parts: MarkdownPart[] = [];
  let start = 0;
  let mode: Mode = lines[0] === '---' ? { kind: 'front-matter' } : { kind: 'flow' };
  for (let index = 1; index < lines.length; index++) {
    const line = lines[index] ?? '';
    const previous = lines[index - 1] ?? '';
    if (mode.kind === 'flow' && index - start >= targetLines && isCut(line, previous)) {
      parts.push(part(lines, start, index));
      start = index;
    }
    mode = nextMode(mode, line);
  }
  parts.push(part(lines, start, lines.length));
  return parts;
}

function part(lines: readonly string[], start: number, end: number): MarkdownPart {
  return { firstLine: start + 1, text: lines.slice(start, end).join('\n') };
}

/** Whether every block open before `line` must close at `line`. */
function isCut(line: string, previous: string): boolean {
  if (HEADING.test(line)) return true;
  if (BULLET.test(line) && !THEMATIC_BREAK.test(line)) return true;
  return previous.trim() === '' && /^\S/.test(line);
}

/** The mode after `line`: entering or leaving front matter, a fence or an HTML block. */
function nextMode(mode: Mode, line: string): Mode {
  switch (mode.kind) {
    case 'front-matter':
      return /^(---|\.\.\.)\s*$/.test(line) ? { kind: 'flow' } : mode;
    case 'fence':
      return line.trim().startsWith(mode.marker) && line.trim().replace(/[`~]/g, '') === '' ? { kind: 'flow' } : mode;
    case 'html-until':
      return mode.end.test(line) ? { kind: 'flow' } : mode;
    case 'html-until-blank':
      return line.trim() === '' ? { kind: 'flow' } : mode;
    case 'flow':
      return openedMode(line);
  }
}

function openedMode(line: string): Mode {
  const fence = FENCE_OPEN.exec(line);
  if (fence) return { kind: 'fence', marker: fence[1] ?? '```' };
  const raw = HTML_RAW_OPEN.exec(line);
  if (raw) return new RegExp(`</${raw[1]}>`, 'i').test(line) ? { kind: 'flow' } : { kind: 'html-until', end: new RegExp(`</${raw[1]}>`, 'i') };
  if (HTML_COMMENT_OPEN.test(line)) return line.includes('-->') ? { kind: 'flow' } : { kind: 'html-until', end: /-->/ };
  if (HTML_OPEN.test(line)) return { kind: 'html-until-blank' };
  return { kind: 'flow' };
}
