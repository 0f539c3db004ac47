import { describe, expect, it } from 'vitest';
import { byteOffsetOf, charIndexOf, charsetOf, decodeText, lineStarts } from './body-text';

const utf8 = (text: string) => new TextEncoder().encode(text);

describe('decodeText', () => {
  it('decodes UTF-8 with every character mapped to its bytes and back', () => {
    const text = 'aé€😀b';
    const decoded = decodeText(utf8(text), 'utf-8');
    expect(decoded.text).toBe(text);
    expect(decoded.invalid.size).toBe(0);
    // a=1 byte, é=2, €=3, 😀=4 (two UTF-16 units), b=1
    expect([0, 1, 2, 3, 5, 6].map((i) => byteOffsetOf(decoded, i))).toEqual([0, 1, 3, 6, 10, 11]);
    expect([0, 1, 2, 3, 4, 6, 9, 10].map((offset) => charIndexOf(decoded, offset))).toEqual([0, 1, 1, 2, 2, 3, 3, 5]);
  });

  it('marks each invalid byte as one character of its own, with its value, and keeps the map exact', () => {
    const bytes = Uint8Array.of(0x61, 0xc3, 0x28, 0xe2, 0x82, 0x62, 0xff, 0xed, 0xa0, 0x80, 0x63);
    const decoded = decodeText(bytes, 'utf-8');
    // C3 then "(" : C3 invalid; E2 82 then "b": both invalid; FF invalid; ED A0 80 (a surrogate) three invalid.
    expect(decoded.text).toBe('a\ufffd(\ufffd\ufffdb\ufffd\ufffd\ufffd\ufffdc');
    expect([...decoded.invalid]).toEqual([
      [1, 0xc3],
      [3, 0xe2],
      [4, 0x82],
      [6, 0xff],
      [7, 0xed],
      [8, 0xa0],
      [9, 0x80],
    ]);
    expect(byteOffsetOf(decoded, 10)).toBe(10);
    expect(charIndexOf(decoded, 5)).toBe(5);
  });

  it('takes the charset of Content-Type, single-byte ones mapped one to one', () => {
    expect(charsetOf('text/html; charset="ISO-8859-1"')).toBe('iso-8859-1');
    expect(charsetOf('application/json')).toBe('utf-8');
    const latin = decodeText(Uint8Array.of(0x63, 0x61, 0x66, 0xe9), 'iso-8859-1');
    expect(latin).toMatchObject({ text: 'café', mapping: 'single-byte' });
    expect(byteOffsetOf(latin, 3)).toBe(3);
    expect(decodeText(Uint8Array.of(0x82, 0xa0), 'shift_jis')).toMatchObject({ text: 'あ', mapping: 'none' });
    expect(decodeText(utf8('x'), 'no-such-charset').charset).toMatch(/^utf-8 \(the body says no-such-charset/);
  });

  it('finds where lines start', () => {
    expect(lineStarts('a\nbc\n')).toEqual([0, 2, 5]);
  });
});
