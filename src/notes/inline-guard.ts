/**
 * micromark resolves emphasis and brackets in time that grows with the square of their number in
 * one paragraph (10,000 nested "*a" take over a minute and then overflow the stack). No real note
 * has hundreds in one paragraph, so such runs are escaped: the text stays, the markup goes.
 */

// 250 nested emphasis pairs parse in ~0.1 s; a busy real paragraph has a few dozen markers.
export const MAX_INLINE_MARKERS_PER_PARAGRAPH = 500;

const MARKERS = /[*_~[\]]/g;
const BLOCK_START = /^\s*(?:$|[-*+]\s|\d{1,9}[.)]\s|#{1,6}\s|>|```|~~~)/;

/** Escapes inline markers in any run of paragraph lines that holds too many of them. */
export function defuseInlineMarkers(text: string, limit = MAX_INLINE_MARKERS_PER_PARAGRAPH): string {
  if ((text.match(MARKERS)?.length ?? 0) <= limit) return text;
  const lines = text.split('\n');
  let runStart = 0;
  let markers = 0;
  for (let index = 0; index <= lines.length; index++) {
    const line = lines[index];
    if (line === undefined || (index > runStart && BLOCK_START.test(line))) {
      if (markers > limit) escapeLines(lines, runStart, index);
      runStart = index;
      markers = 0;
    }
    markers += line?.match(MARKERS)?.length ?? 0;
  }
  return lines.join('\n');
}

function escapeLines(lines: string[], start: number, end: number): void {
  for (let index = start; index < end; index++) {
    lines[index] = (lines[index] ?? '').replace(/^(\s*(?:[-*+]\s+)?)(.*)$/, (_, lead: string, rest: string) => lead + rest.replace(MARKERS, '\\$&'));
  }
}
