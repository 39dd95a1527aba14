import { printableText } from '../printable.js';

// Everything the CLI prints passes here: file names, note titles and note text come from users'
// files, and a raw ESC in one of them would drive the terminal. JSON output has no raw controls.

/** Writes text to stdout with control characters (other than newlines and tabs) shown escaped. */
export function writeOut(text: string): void {
  process.stdout.write(printableText(text));
}

/** writeOut for stderr. */
export function writeErr(text: string): void {
  process.stderr.write(printableText(text));
}
