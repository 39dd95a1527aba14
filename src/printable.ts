// C0 and C1 controls, DEL, and the bidi overrides and isolates that reorder what follows them:
// what a terminal or log viewer would act on instead of showing.
const UNPRINTABLE = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;
// The same, less newline and tab: the layout of multi-line output.
const UNPRINTABLE_IN_TEXT = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

/**
 * A file name or note title as it may be shown on a terminal or in a log line: control
 * characters (an ANSI escape in a file name, a newline that forges a log line) become visible
 * escapes such as \u001b, never the raw character.
 */
export function printable(text: string): string {
  return text.replace(UNPRINTABLE, visibleEscape);
}

/** printable() for multi-line output: newlines and tabs are kept, every other control escaped. */
export function printableText(text: string): string {
  return text.replace(UNPRINTABLE_IN_TEXT, visibleEscape);
}

// The \u form is also what JSON uses, so escaped JSON output still parses to the same text.
function visibleEscape(char: string): string {
  return `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`;
}
