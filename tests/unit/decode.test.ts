import Encoding from 'encoding-japanese';
import { describe, expect, it } from 'vitest';
import { DEFAULT_MAX_NOTE_BYTES, decodeNoteBytes } from '../../src/notes/decode.js';
import { RecapError } from '../../src/errors.js';

const NOTE = '# 20191010 勉強会\n\n## サービスメッシュ\n\n- Brown Field\n  - 技術的負債が多いサービス。VM上で動いている\n';

function encodeAs(text: string, to: 'SJIS' | 'EUCJP'): Uint8Array {
  return Uint8Array.from(Encoding.convert(Encoding.stringToCode(text), { to, from: 'UNICODE' }));
}

function decodeError(bytes: Uint8Array, options?: { maxBytes?: number; name?: string }): RecapError {
  try {
    decodeNoteBytes(bytes, options);
  } catch (error) {
    if (error instanceof RecapError) return error;
    throw error;
  }
  throw new Error('expected a RecapError');
}

describe('decodeNoteBytes', () => {
  it('decodes UTF-8 and normalises CRLF and CR to LF', () => {
    const bytes = new TextEncoder().encode('# タイトル\r\n\r\n- a\r- b\n');
    expect(decodeNoteBytes(bytes)).toEqual({ text: '# タイトル\n\n- a\n- b\n', encoding: 'utf-8' });
  });

  it('drops a UTF-8 BOM', () => {
    const bytes = Uint8Array.from([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(NOTE)]);
    const decoded = decodeNoteBytes(bytes);
    expect(decoded.text).toBe(NOTE);
    expect(decoded.encoding).toBe('utf-8');
  });

  it('detects and decodes Shift_JIS', () => {
    expect(decodeNoteBytes(encodeAs(NOTE, 'SJIS'))).toEqual({ text: NOTE, encoding: 'shift_jis' });
  });

  it('detects and decodes EUC-JP', () => {
    expect(decodeNoteBytes(encodeAs(NOTE, 'EUCJP'))).toEqual({ text: NOTE, encoding: 'euc-jp' });
  });

  it('refuses invalid UTF-8 that is not clean Shift_JIS or EUC-JP either', () => {
    const latin1 = Uint8Array.from([0x23, 0x20, 0x63, 0x61, 0x66, 0xe9, 0x20, 0x6e, 0x6f, 0x74, 0x65, 0x0a]);
    const garbage = Uint8Array.from([0x23, 0x20, 0xc3, 0x28, 0xa0, 0xa1, 0xe2, 0x28, 0xa1, 0xf0, 0x28, 0x8c, 0xbc, 0x0a, 0xff, 0xfe, 0xfd]);
    // Valid Shift_JIS byte-wise, but it decodes to half-width kana soup rather than Japanese text.
    const halfWidthKana = Uint8Array.from([0xb1, 0xb2, 0xb3, 0xc3, 0xc4, 0xd0, 0xd1, 0xa5, 0xa6, 0x0a]);
    for (const bytes of [latin1, garbage, halfWidthKana]) {
      const error = decodeError(bytes, { name: 'weird.md' });
      expect(error.code).toBe('input_encoding');
      expect(error.message).toContain('weird.md');
    }
  });

  it('refuses binary content: NUL bytes or many control characters', () => {
    const png = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]);
    expect(decodeError(png, { name: 'photo.png' })).toMatchObject({ code: 'input_binary' });
    const controls = Uint8Array.from({ length: 200 }, (_, index) => (index % 5 === 0 ? 0x01 : 0x61));
    const error = decodeError(controls, { name: 'blob.md' });
    expect(error.code).toBe('input_binary');
    expect(error.message).toContain('blob.md');
  });

  it('refuses empty and whitespace-only input', () => {
    expect(decodeError(new Uint8Array(0), { name: 'empty.md' })).toMatchObject({ code: 'input_empty' });
    const blank = new TextEncoder().encode(' \n\t\r\n\u3000\n');
    const error = decodeError(blank, { name: 'blank.md' });
    expect(error.code).toBe('input_empty');
    expect(error.message).toContain('blank.md');
  });

  it('refuses input over the limit, saying the size and the limit', () => {
    expect(DEFAULT_MAX_NOTE_BYTES).toBe(1024 * 1024);
    const huge = new Uint8Array(5 * 1024 * 1024).fill(0x61);
    const error = decodeError(huge, { name: 'huge.md' });
    expect(error.code).toBe('input_too_large');
    expect(error.message).toMatch(/huge\.md.*5\.0 MiB.*limit is 1\.0 MiB/);
    expect(decodeError(new Uint8Array(11).fill(0x61), { maxBytes: 10 }).code).toBe('input_too_large');
  });

  it.each([
    ['utf-32le', true],
    ['utf-32be', true],
    ['utf-16le', true],
    ['utf-16be', true],
    ['utf-32le', false],
    ['utf-32be', false],
    ['utf-16le', false],
    ['utf-16be', false],
  ] as const)('decodes %s (byte order mark: %s)', (encoding, withMark) => {
    // 𝔘 (U+1D518) is outside the BMP: a surrogate pair in UTF-16, one unit in UTF-32.
    const text = `${NOTE}- 一 and 𝔘\n`;
    const bytes = encodeWide(withMark ? `\uFEFF${text}` : text, encoding);
    expect(decodeNoteBytes(bytes, { name: 'wide.md' })).toEqual({ text, encoding });
  });

  it('names UTF-32 when bytes after its byte order mark are not valid UTF-32', () => {
    const truncated = encodeWide('\uFEFF# a\n', 'utf-32le').subarray(0, 10);
    expect(decodeError(truncated, { name: 'cut.md' })).toMatchObject({ code: 'input_encoding', message: expect.stringMatching(/cut\.md .*UTF-32 LE/) as unknown });
    const tooHigh = Uint8Array.from([0x00, 0x00, 0xfe, 0xff, 0x00, 0x11, 0x00, 0x00]);
    expect(decodeError(tooHigh, { name: 'high.md' }).message).toMatch(/UTF-32 BE/);
  });

  it('still takes NUL-ridden bytes without a byte order mark for binary', () => {
    const ints = new Uint8Array(new Uint32Array([1, 2, 3, 0, 70_000, 5, 6, 7]).buffer);
    expect(decodeError(ints, { name: 'ints.bin' })).toMatchObject({ code: 'input_binary' });
  });
});

function encodeWide(text: string, encoding: 'utf-16le' | 'utf-16be' | 'utf-32le' | 'utf-32be'): Uint8Array {
  const bigEndian = encoding.endsWith('be');
  if (encoding.startsWith('utf-16')) {
    const bytes = Buffer.from(text, 'utf16le');
    return bigEndian ? Uint8Array.from(bytes.swap16()) : Uint8Array.from(bytes);
  }
  const codePoints = Array.from(text, (char) => char.codePointAt(0) ?? 0);
  const view = new DataView(new ArrayBuffer(codePoints.length * 4));
  codePoints.forEach((codePoint, index) => view.setUint32(index * 4, codePoint, !bigEndian));
  return new Uint8Array(view.buffer);
}
