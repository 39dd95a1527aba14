/**
 * UTF-16 and UTF-32, which Windows editors ("Unicode" in Notepad) and some exporters write.
 * TextDecoder reads UTF-16; neither it nor encoding-japanese reads UTF-32, hence the small
 * decoder below.
 */
export type WideEncoding = 'utf-16le' | 'utf-16be' | 'utf-32le' | 'utf-32be';

export interface WideText {
  text: string;
  encoding: WideEncoding;
}

// UTF-32 LE's mark starts with UTF-16 LE's, so it is tried first.
const BYTE_ORDER_MARKS: ReadonlyArray<{ encoding: WideEncoding; bytes: readonly number[] }> = [
  { encoding: 'utf-32le', bytes: [0xff, 0xfe, 0x00, 0x00] },
  { encoding: 'utf-32be', bytes: [0x00, 0x00, 0xfe, 0xff] },
  { encoding: 'utf-16le', bytes: [0xff, 0xfe] },
  { encoding: 'utf-16be', bytes: [0xfe, 0xff] },
];

const ENCODINGS: readonly WideEncoding[] = ['utf-32le', 'utf-32be', 'utf-16le', 'utf-16be'];

// Without a byte order mark, a wide encoding is only guessed when the decode reads like a note:
// every note has newlines, spaces and list marks, which random binary almost never decodes to.
const MIN_ASCII_SHARE = 0.05;

/** "UTF-32 LE" for messages. */
export function wideEncodingLabel(encoding: WideEncoding): string {
  return encoding.toUpperCase().replace(/(LE|BE)$/, ' $1');
}

/** The encoding a byte order mark at the start names, if any. */
export function wideByteOrderMark(bytes: Uint8Array): { encoding: WideEncoding; length: number } | null {
  const mark = BYTE_ORDER_MARKS.find((candidate) => candidate.bytes.every((byte, index) => bytes[index] === byte));
  return mark ? { encoding: mark.encoding, length: mark.bytes.length } : null;
}

/** The bytes as text in that encoding, or null when they are not valid in it. */
export function decodeWide(bytes: Uint8Array, encoding: WideEncoding): string | null {
  if (encoding === 'utf-32le' || encoding === 'utf-32be') return decodeUtf32(bytes, encoding === 'utf-32le');
  try {
    return new TextDecoder(encoding, { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return null;
  }
}

/**
 * For bytes without a byte order mark that contain NULs: the wide encoding they read as, if one
 * decodes validly, without NUL characters, and with a share of ASCII a note has (the right byte
 * order gives every newline and space; the wrong one gives U+0A00, U+2000 and the like).
 */
export function guessWideEncoding(bytes: Uint8Array): WideText | null {
  let best: { found: WideText; ascii: number } | null = null;
  for (const encoding of ENCODINGS) {
    const text = decodeWide(bytes, encoding);
    if (text === null || text.includes('\u0000')) continue;
    const ascii = asciiCount(text);
    if (ascii / text.length >= MIN_ASCII_SHARE && (!best || ascii > best.ascii)) best = { found: { text, encoding }, ascii };
  }
  return best?.found ?? null;
}

function decodeUtf32(bytes: Uint8Array, littleEndian: boolean): string | null {
  if (bytes.length % 4 !== 0) return null;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const parts: string[] = [];
  // String.fromCodePoint takes its arguments on the stack: convert in slices.
  const SLICE = 4096;
  const codePoints: number[] = [];
  for (let offset = 0; offset < bytes.length; offset += 4) {
    const codePoint = view.getUint32(offset, littleEndian);
    if (codePoint > 0x10ffff || (codePoint >= 0xd800 && codePoint <= 0xdfff)) return null;
    codePoints.push(codePoint);
    if (codePoints.length === SLICE) parts.push(String.fromCodePoint(...codePoints.splice(0)));
  }
  parts.push(String.fromCodePoint(...codePoints));
  return parts.join('');
}

function asciiCount(text: string): number {
  let count = 0;
  for (let index = 0; index < text.length; index++) if (text.charCodeAt(index) < 0x80) count++;
  return count;
}
