import { RecapError } from '../errors.js';

/**
 * Real outlines go 5-6 levels deep; beyond this a note is generated or broken, and the
 * Markdown parser's cost (and our recursion) grows with every open container.
 */
export const MAX_NESTING_DEPTH = 64;

const FENCE = /^\s*(```|~~~)/;
const THEMATIC_BREAK = /^\s*([-*_])(?:\s*\1){2,}\s*$/;
const LIST_MARKER = /^(?:[-*+]|\d{1,9}[.)])(?=\s|$)/;

/**
 * Cheap line-by-line estimate of how deeply lists and block quotes nest, run before the
 * Markdown parser so a 10,000-level note fails fast with a clear error instead of a stack overflow.
 * Throws RecapError input_too_deep naming the file and line.
 */
export function assertNestingDepth(text: string, name: string, limit = MAX_NESTING_DEPTH): void {
  const outline: number[] = [];
  let inFence = false;
  const lines = text.split('\n');
  for (let index = 0; index < lines.length; index++) {
    const line = (lines[index] ?? '').replace(/\t/g, '    ');
    if (FENCE.test(line)) inFence = !inFence;
    if (inFence || line.trim() === '' || THEMATIC_BREAK.test(line)) continue;
    const depth = lineDepth(line, outline);
    if (depth > limit) {
      throw new RecapError(
        'input_too_deep',
        `${name} nests lists or quotes ${depth} levels deep at line ${index + 1}; the limit is ${limit}. Flatten the outline.`,
      );
    }
  }
}

/** Containers opened on this line plus the list levels still open above it (tracked by indent). */
function lineDepth(line: string, outline: number[]): number {
  const indent = line.length - line.trimStart().length;
  const markers = containerMarkers(line.trimStart());
  const startsList = LIST_MARKER.test(line.trimStart());
  if (startsList) {
    while (outline.length > 0 && (outline.at(-1) ?? 0) >= indent) outline.pop();
    outline.push(indent);
  } else if (indent === 0) {
    outline.length = 0;
  }
  return Math.max(outline.length - (startsList ? 1 : 0), 0) + markers;
}

/** Count of `>` and list markers at the start of a line ("> > - - x" is 4). */
function containerMarkers(content: string): number {
  let count = 0;
  let rest = content;
  for (;;) {
    if (rest.startsWith('>')) {
      rest = rest.slice(1).trimStart();
    } else {
      const marker = LIST_MARKER.exec(rest);
      if (!marker) return count;
      rest = rest.slice(marker[0].length).trimStart();
    }
    count++;
  }
}
