import Encoding from 'encoding-japanese';
import { RecapError } from '../errors.js';
import { decodeWide, guessWideEncoding, wideByteOrderMark, wideEncodingLabel, type WideEncoding, type WideText } from './wide-encodings.js';

/** Notes are hand-typed outlines; 1 MiB is hundreds of pages, so anything larger is a mistake. */
export const DEFAULT_MAX_NOTE_BYTES = 1024 * 1024;

export type NoteEncoding = 'utf-8' | 'shift_jis' | 'euc-jp' | WideEncoding;

/** Decoded note text (newlines normalised to \n, BOM removed) and the encoding it came from. */
export interface DecodedNote {
  text: string;
  encoding: NoteEncoding;
}

export interface DecodeOptions {
  /** Reject larger inputs; defaults to DEFAULT_MAX_NOTE_BYTES. */
  maxBytes?: number;
  /** File name used in error messages. */
  name?: string;
}

// Share of non-ASCII characters that must be ordinary Japanese for a legacy decode to count:
// random bytes that happen to be valid Shift_JIS decode to half-width kana and rare symbols.
const MIN_JAPANESE_SHARE = 0.95;
// Text files carry tabs and newlines, not other C0 controls; a few stray ones are tolerated.
const MAX_CONTROL_SHARE = 0.01;

const LEGACY = [
  { name: 'shift_jis', library: 'SJIS' },
  { name: 'euc-jp', library: 'EUCJP' },
] as const;

/**
 * Decodes the bytes of a note: UTF-8 (with or without BOM); UTF-16 or UTF-32 (with a BOM, or
 * recognised by where their NUL bytes fall); else Shift_JIS or EUC-JP when they decode cleanly
 * into Japanese text. Throws RecapError input_too_large, input_empty,
 * input_binary or input_encoding with a message that names the file.
 */
export function decodeNoteBytes(bytes: Uint8Array, options: DecodeOptions = {}): DecodedNote {
  const name = options.name ?? 'input';
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_NOTE_BYTES;
  if (bytes.length > maxBytes) {
    throw new RecapError(
      'input_too_large',
      `${name} is ${formatBytes(bytes.length)}; the limit is ${formatBytes(maxBytes)}. Split the note into smaller files.`,
    );
  }
  if (bytes.length === 0) throw emptyError(name);
  const decoded = decodeWideText(bytes, name) ?? decodeNarrowText(bytes, name);
  const text = normalizeNewlines(decoded.text.replace(/^\uFEFF/, ''));
  if (text.trim() === '') throw emptyError(name);
  return { text, encoding: decoded.encoding };
}

/** UTF-16 or UTF-32 text (null when the bytes are not in either). */
function decodeWideText(bytes: Uint8Array, name: string): WideText | null {
  const mark = wideByteOrderMark(bytes);
  if (mark) {
    const text = decodeWide(bytes.subarray(mark.length), mark.encoding);
    const label = wideEncodingLabel(mark.encoding);
    if (text === null) {
      throw new RecapError('input_encoding', `${name} starts with a ${label} byte order mark but is not valid ${label} text. Save it as UTF-8 and try again.`);
    }
    rejectControls(codeUnits(text), name);
    return { text, encoding: mark.encoding };
  }
  // UTF-8 and the legacy encodings never contain NUL bytes; wide encodings of text nearly always do.
  const guessed = bytes.includes(0) ? guessWideEncoding(bytes) : null;
  if (guessed) rejectControls(codeUnits(guessed.text), name);
  return guessed;
}

function decodeNarrowText(bytes: Uint8Array, name: string): DecodedNote {
  rejectControls(bytes, name);
  const decoded = decodeUtf8(bytes) ?? decodeLegacy(bytes);
  if (!decoded) {
    throw new RecapError(
      'input_encoding',
      `${name} is not valid UTF-8, UTF-16, UTF-32, Shift_JIS or EUC-JP text. Save it as UTF-8 and try again.`,
    );
  }
  return decoded;
}

function emptyError(name: string): RecapError {
  return new RecapError('input_empty', `${name} is empty: there is nothing to ingest.`);
}

/** Refuses NULs and more than a few other control characters (bytes, or a decoded text's code units). */
function rejectControls(units: ArrayLike<number> & Iterable<number>, name: string): void {
  let controls = 0;
  for (const byte of units) {
    if (byte === 0) {
      throw new RecapError('input_binary', `${name} looks like a binary file (it contains NUL bytes), not a Markdown note.`);
    }
    if (isStrayControl(byte)) controls++;
  }
  if (controls > 1 && controls / units.length > MAX_CONTROL_SHARE) {
    throw new RecapError(
      'input_binary',
      `${name} looks like a binary file (${controls} control characters), not a Markdown note.`,
    );
  }
}

function codeUnits(text: string): Uint16Array {
  const units = new Uint16Array(text.length);
  for (let index = 0; index < text.length; index++) units[index] = text.charCodeAt(index);
  return units;
}

/** C0 controls other than tab, newline, vertical tab, form feed, carriage return; and DEL. */
function isStrayControl(byte: number): boolean {
  return (byte < 0x20 && (byte < 0x09 || byte > 0x0d)) || byte === 0x7f;
}

function decodeUtf8(bytes: Uint8Array): DecodedNote | null {
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    return null;
  }
}

/** The legacy encoding whose decode is valid and reads most like Japanese, if any. */
function decodeLegacy(bytes: Uint8Array): DecodedNote | null {
  let best: { note: DecodedNote; share: number } | null = null;
  for (const candidate of LEGACY) {
    if (Encoding.detect(bytes, candidate.library) !== candidate.library) continue;
    const text = Encoding.convert(bytes, { to: 'UNICODE', from: candidate.library, type: 'string' });
    const share = japaneseShare(text);
    if (share >= MIN_JAPANESE_SHARE && (!best || share > best.share)) {
      best = { note: { text, encoding: candidate.name }, share };
    }
  }
  return best?.note ?? null;
}

/** Share of non-ASCII characters that are kana, common kanji, Japanese punctuation or full-width forms. */
function japaneseShare(text: string): number {
  const nonAscii = text.match(/[^\x00-\x7f]/gu) ?? [];
  if (nonAscii.length === 0) return 0;
  const ordinary = text.match(/[\u3000-\u30ff\u4e00-\u9fff\uff01-\uff5e]/gu) ?? [];
  return ordinary.length / nonAscii.length;
}

function normalizeNewlines(text: string): string {
  return text.replace(/\r\n?/g, '\n');
}

function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  const kib = bytes / 1024;
  const human = kib < 1024 ? `${kib.toFixed(1)} KiB` : `${(kib / 1024).toFixed(1)} MiB`;
  return `${human} (${bytes} bytes)`;
}
