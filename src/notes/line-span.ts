import type { Node } from 'mdast';

/** An mdast node's position. */
export type LinePosition = NonNullable<Node['position']>;

/**
 * An mdast position covering 1-based lines `start` to `end`. Only lines are tracked: citations
 * name lines, and markdown-it does not report columns.
 */
export function lineSpan(start: number, end = start): LinePosition {
  return { start: { line: start, column: 1 }, end: { line: end, column: 1 } };
}
