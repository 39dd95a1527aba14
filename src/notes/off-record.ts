/**
 * Off-the-record content never leaves the parser. Three ways to mark it:
 * a heading or bullet containing "[オフレコ]" or "(off the record)" (any case, full-width
 * brackets too), and lines between `<!-- offrecord -->` and `<!-- /offrecord -->`.
 */

// Brackets may be ASCII or full-width ones: [ ］ ［ ］ 【 】 ( ) （ ）.
const OFF_RECORD_MARKER = /[[［【]\s*オフレコ\s*[\]］】]|[(（]\s*off[\s\-_]*the[\s\-_]*record\s*[)）]/i;
const BLOCK_OPEN = /<!--\s*off[\s\-_]*record\s*-->/i;
const BLOCK_CLOSE = /<!--\s*\/\s*off[\s\-_]*record\s*-->/i;

/** Whether a heading's or item's text carries the off-the-record marker. */
export function hasOffRecordMarker(text: string): boolean {
  return OFF_RECORD_MARKER.test(text.normalize('NFKC')) || OFF_RECORD_MARKER.test(text);
}

/**
 * Blanks every line from an `<!-- offrecord -->` comment to its `<!-- /offrecord -->` (or to the
 * end when unclosed). Lines are emptied rather than removed so line numbers stay those of the file.
 */
export function blankOffRecordBlocks(text: string): string {
  if (!BLOCK_OPEN.test(text)) return text;
  const state = { inside: false };
  return text
    .split('\n')
    .map((line) => keepOnRecord(line, state))
    .join('\n');
}

/** The parts of one line outside off-the-record blocks; `state` carries "inside" across lines. */
function keepOnRecord(line: string, state: { inside: boolean }): string {
  let kept = '';
  let rest = line;
  for (;;) {
    if (state.inside) {
      const close = BLOCK_CLOSE.exec(rest);
      if (!close) return kept;
      state.inside = false;
      rest = rest.slice(close.index + close[0].length);
    }
    const open = BLOCK_OPEN.exec(rest);
    if (!open) return kept + rest;
    kept += rest.slice(0, open.index);
    rest = rest.slice(open.index + open[0].length);
    state.inside = true;
  }
}

/** Whether a chat message must never be kept: the marker in its text, or one of the off-the-record reactions on it. */
export function isOffRecordMessage(text: string, reactions: readonly string[], offRecordReactions: readonly string[]): boolean {
  if (hasOffRecordMarker(text)) return true;
  return reactions.some((reaction) => offRecordReactions.includes(reaction));
}
