// Byte classes of HTTP/1.1's grammar (RFC 9110 section 5.6, RFC 9112 section 5), as 256-entry
// tables so the parser's inner loops are one lookup per byte.

export const CR = 0x0d;
export const LF = 0x0a;
export const SP = 0x20;
export const HTAB = 0x09;
export const COLON = 0x3a;
export const SEMICOLON = 0x3b;
export const EQUALS = 0x3d;
export const DQUOTE = 0x22;
export const BACKSLASH = 0x5c;

function table(predicate: (byte: number) => boolean): Uint8Array {
  return Uint8Array.from({ length: 256 }, (_, byte) => (predicate(byte) ? 1 : 0));
}

const TCHAR_SYMBOLS = "!#$%&'*+-.^_`|~";

/** tchar (RFC 9110 section 5.6.2): the bytes of a token, such as a field name or a method. */
export const TCHAR = table(
  (b) =>
    (b >= 0x30 && b <= 0x39) ||
    (b >= 0x41 && b <= 0x5a) ||
    (b >= 0x61 && b <= 0x7a) ||
    TCHAR_SYMBOLS.includes(String.fromCharCode(b)),
);

/** field-vchar, SP and HTAB (RFC 9110 section 5.5): what a field value may hold. */
export const FIELD_VALUE = table((b) => b === HTAB || b === SP || (b >= 0x21 && b <= 0x7e) || b >= 0x80);

/** qdtext (RFC 9110 section 5.6.4): a quoted string's bytes other than DQUOTE and backslash. */
export const QDTEXT = table(
  (b) => b === HTAB || b === SP || b === 0x21 || (b >= 0x23 && b <= 0x5b) || (b >= 0x5d && b <= 0x7e) || b >= 0x80,
);

/** What may follow a backslash in a quoted string (quoted-pair, RFC 9110 section 5.6.4). */
export const QUOTED_PAIR = table((b) => b === HTAB || b === SP || (b >= 0x21 && b <= 0x7e) || b >= 0x80);

/** HEXDIG values, or -1. */
export const HEX_VALUE = Int8Array.from({ length: 256 }, (_, b) => {
  if (b >= 0x30 && b <= 0x39) return b - 0x30;
  if (b >= 0x41 && b <= 0x46) return b - 0x41 + 10;
  if (b >= 0x61 && b <= 0x66) return b - 0x61 + 10;
  return -1;
});

export function isDigit(byte: number | undefined): boolean {
  return byte !== undefined && byte >= 0x30 && byte <= 0x39;
}

export function isToken(text: string): boolean {
  if (text.length === 0) return false;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code > 0xff || TCHAR[code] !== 1) return false;
  }
  return true;
}

/** Describes a byte for an error message: `"a" (0x61)`, `CR (0x0d)`, `NUL (0x00)`. */
export function describeByte(byte: number): string {
  const hex = `0x${byte.toString(16).padStart(2, '0')}`;
  const names: Record<number, string> = { 0x00: 'NUL', 0x09: 'HTAB', 0x0a: 'LF', 0x0d: 'CR', 0x20: 'SP', 0x7f: 'DEL' };
  const name = names[byte];
  if (name) return `${name} (${hex})`;
  if (byte >= 0x21 && byte <= 0x7e) return `"${String.fromCharCode(byte)}" (${hex})`;
  return `byte ${hex}`;
}
