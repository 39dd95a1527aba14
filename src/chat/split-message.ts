/**
 * Splits text into messages of at most `limit` characters (UTF-16 code units, which never
 * undercount what a chat platform counts), at the most natural boundary that fits: paragraphs,
 * then bullets (a bullet keeps its indented sub-bullets when it can), then lines, and only for a
 * single over-long line at a character boundary, marked so the reader sees it continues.
 * Nothing is dropped silently: past `maxParts` the last part says how much was left out.
 */
export interface SplitOptions {
  limit: number;
  /** Most messages one reply may take (chat platforms rate-limit bursts). */
  maxParts?: number;
  /** The line closing the last part when text was left out. */
  overflowNotice?: (omittedChars: number) => string;
}

/** Ends a piece of a line that was cut, and starts its continuation. */
export const CONTINUATION_MARK = '…';
// A cut within this share of the end of a window may move back to the last space (English text).
const SOFT_BREAK_SHARE = 0.2;

const graphemes = new Intl.Segmenter('und', { granularity: 'grapheme' });

export function splitMessage(text: string, options: SplitOptions): string[] {
  const { limit } = options;
  const units = paragraphsOf(text).flatMap((paragraph) => fit(paragraph, limit));
  const parts = pack(units, limit);
  return options.maxParts !== undefined && parts.length > options.maxParts ? capParts(parts, options as Required<SplitOptions>) : parts;
}

interface Unit {
  text: string;
  /** What joins this unit to the one before it in the same message. */
  separator: string;
}

function paragraphsOf(text: string): string[] {
  return text
    .replace(/\r\n?/g, '\n')
    .split(/\n[ \t]*\n+/)
    .map((paragraph) => paragraph.replace(/^\n+|\s+$/g, ''))
    .filter((paragraph) => paragraph !== '');
}

/** A paragraph as units of at most `limit` characters: whole, or bullet groups, lines, line pieces. */
function fit(paragraph: string, limit: number): Unit[] {
  if (paragraph.length <= limit) return [{ text: paragraph, separator: '\n\n' }];
  const units: Unit[] = [];
  bulletGroups(paragraph).forEach((group, position) => {
    const separator = position === 0 ? '\n\n' : '\n';
    if (group.length <= limit) {
      units.push({ text: group, separator });
      return;
    }
    group.split('\n').forEach((line, lineNo) => {
      const lineSeparator = lineNo === 0 ? separator : '\n';
      if (line.length <= limit) units.push({ text: line, separator: lineSeparator });
      else cutLine(line, limit).forEach((piece, pieceNo) => units.push({ text: piece, separator: pieceNo === 0 ? lineSeparator : '\n' }));
    });
  });
  return units;
}

/** Lines grouped so that an indented line stays with the bullet (or line) above it. */
function bulletGroups(paragraph: string): string[] {
  const groups: string[] = [];
  for (const line of paragraph.split('\n')) {
    const last = groups.length - 1;
    if (last >= 0 && /^\s+\S/.test(line)) groups[last] = `${groups[last]}\n${line}`;
    else groups.push(line);
  }
  return groups;
}

/** Cuts one line into marked pieces at grapheme boundaries (a space near the end when there is one). */
function cutLine(line: string, limit: number): string[] {
  const pieces: string[] = [];
  let rest = line;
  while (rest.length > 0) {
    const prefix = pieces.length > 0 ? CONTINUATION_MARK : '';
    if (prefix.length + rest.length <= limit) {
      pieces.push(prefix + rest);
      break;
    }
    const room = limit - prefix.length - CONTINUATION_MARK.length;
    let cut = graphemeCut(rest, room);
    const space = rest.lastIndexOf(' ', cut);
    if (space > room * (1 - SOFT_BREAK_SHARE)) cut = space;
    if (cut <= 0) cut = Math.max(1, room);
    pieces.push(prefix + rest.slice(0, cut).trimEnd() + CONTINUATION_MARK);
    rest = rest.slice(cut).trimStart();
  }
  return pieces;
}

/** The longest prefix of whole graphemes (a character as a reader sees it) of at most `max` units. */
function graphemeCut(text: string, max: number): number {
  let cut = 0;
  // Only the window matters; a little beyond it lets the last grapheme be recognised whole.
  for (const { index, segment } of graphemes.segment(text.slice(0, max + 32))) {
    const end = index + segment.length;
    if (end > max) break;
    cut = end;
  }
  return cut;
}

function pack(units: Unit[], limit: number): string[] {
  const parts: string[] = [];
  let current = '';
  for (const unit of units) {
    if (current === '') current = unit.text;
    else if (current.length + unit.separator.length + unit.text.length <= limit) current += unit.separator + unit.text;
    else {
      parts.push(current);
      current = unit.text;
    }
  }
  if (current !== '') parts.push(current);
  return parts;
}

/** Keeps `maxParts` parts, the last one ending with the notice of what was left out. */
function capParts(parts: string[], options: Required<SplitOptions>): string[] {
  const kept = parts.slice(0, options.maxParts);
  let omitted = parts.slice(options.maxParts).reduce((sum, part) => sum + part.length, 0);
  let last = kept.pop() ?? '';
  // The notice's own length depends on the number it shows; allow for a few more digits.
  const room = options.limit - options.overflowNotice(omitted + last.length).length - 2;
  if (last.length > room) {
    const cutAt = Math.max(last.lastIndexOf('\n', room), 0);
    omitted += last.length - cutAt;
    last = last.slice(0, cutAt);
  }
  const notice = options.overflowNotice(omitted);
  kept.push(last === '' ? notice : `${last}\n\n${notice}`);
  return kept;
}
