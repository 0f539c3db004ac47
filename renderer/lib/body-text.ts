// How this works: a body's bytes as text, with the way back to its bytes. UTF-8 (the default, and
// what most bodies are) is decoded here byte by byte, so that each invalid byte becomes one U+FFFD
// of its own, remembered with its value (the view marks it and shows the byte), and every character
// keeps its byte length: a character index maps to a byte offset and back. Single-byte charsets
// (latin1, windows-125x, iso-8859-x...) map one to one; any other charset is decoded by the
// browser's TextDecoder without a map (the view then says it cannot link text to bytes).

export interface BodyText {
  text: string;
  /** The charset it was decoded with, as the view names it. */
  charset: string;
  /** How characters map to bytes: by UTF-8 lengths, one to one, or not at all. */
  mapping: 'utf-8' | 'single-byte' | 'none';
  /** Characters that stand for an invalid byte (U+FFFD here), with that byte's value. */
  invalid: Map<number, number>;
}

/** The charset parameter of a Content-Type (lower-cased), or utf-8 when it names none. */
export function charsetOf(contentType: string | null): string {
  const match = /;\s*charset\s*=\s*"?([^";\s]+)"?/i.exec(contentType ?? '');
  return (match?.[1] ?? 'utf-8').toLowerCase();
}

const SINGLE_BYTE = /^(us-ascii|ascii|latin1|iso-8859-\d+|iso8859-\d+|windows-125\d|cp125\d|koi8-[ru]|macintosh)$/;

/** `bytes` decoded by `charset` (UTF-8 when the browser knows no such charset). */
export function decodeText(bytes: Uint8Array, charset: string): BodyText {
  if (charset === 'utf-8' || charset === 'utf8') return decodeUtf8(bytes);
  let decoder: TextDecoder;
  try {
    decoder = new TextDecoder(charset);
  } catch {
    return { ...decodeUtf8(bytes), charset: `utf-8 (the body says ${charset}, which this browser cannot decode)` };
  }
  return {
    text: decoder.decode(bytes),
    charset: decoder.encoding,
    mapping: SINGLE_BYTE.test(charset) ? 'single-byte' : 'none',
    invalid: new Map(),
  };
}

/** How many bytes a valid UTF-8 sequence starting with `lead` has (0: not a lead byte). */
function sequenceLength(lead: number): number {
  if (lead < 0x80) return 1;
  if (lead >= 0xc2 && lead <= 0xdf) return 2;
  if (lead >= 0xe0 && lead <= 0xef) return 3;
  if (lead >= 0xf0 && lead <= 0xf4) return 4;
  return 0;
}

/** Whether bytes [at, at + length) are a valid UTF-8 sequence (RFC 3629 section 4: no overlongs, no surrogates). */
function validSequence(bytes: Uint8Array, at: number, length: number): boolean {
  if (at + length > bytes.length) return false;
  const lead = bytes[at]!;
  for (let i = 1; i < length; i++) if ((bytes[at + i]! & 0xc0) !== 0x80) return false;
  const second = bytes[at + 1]!;
  if (lead === 0xe0 && second < 0xa0) return false;
  if (lead === 0xed && second > 0x9f) return false;
  if (lead === 0xf0 && second < 0x90) return false;
  if (lead === 0xf4 && second > 0x8f) return false;
  return true;
}

/** UTF-8, each invalid byte one U+FFFD of its own. */
export function decodeUtf8(bytes: Uint8Array): BodyText {
  const decoder = new TextDecoder('utf-8');
  const invalid = new Map<number, number>();
  const parts: string[] = [];
  let length = 0;
  let runStart = 0;
  let at = 0;
  while (at < bytes.length) {
    const lead = bytes[at]!;
    if (lead < 0x80) {
      at++;
      continue;
    }
    const size = sequenceLength(lead);
    if (size > 0 && validSequence(bytes, at, size)) {
      at += size;
      continue;
    }
    // The valid run before it, then the invalid byte alone.
    if (runStart < at) {
      const run = decoder.decode(bytes.subarray(runStart, at));
      parts.push(run);
      length += run.length;
    }
    invalid.set(length, lead);
    parts.push('\ufffd');
    length++;
    at++;
    runStart = at;
  }
  if (runStart < bytes.length) parts.push(decoder.decode(bytes.subarray(runStart)));
  return { text: parts.join(''), charset: 'utf-8', mapping: 'utf-8', invalid };
}

/** Bytes the character at `index` took (its whole code point at a high surrogate, 0 at a low one). */
function bytesOfChar(decoded: BodyText, index: number): number {
  if (decoded.mapping === 'single-byte') return 1;
  if (decoded.invalid.has(index)) return 1;
  const unit = decoded.text.charCodeAt(index);
  if (unit < 0x80) return 1;
  if (unit < 0x800) return 2;
  if (unit >= 0xd800 && unit <= 0xdbff) return 4;
  if (unit >= 0xdc00 && unit <= 0xdfff) return 0;
  return 3;
}

/** The byte offset where the character at `index` starts; null when the charset has no map. */
export function byteOffsetOf(decoded: BodyText, index: number): number | null {
  if (decoded.mapping === 'none') return null;
  if (decoded.mapping === 'single-byte') return index;
  let offset = 0;
  for (let i = 0; i < index && i < decoded.text.length; i++) offset += bytesOfChar(decoded, i);
  return offset;
}

/** The index of the character whose bytes hold `offset`; null when the charset has no map. */
export function charIndexOf(decoded: BodyText, offset: number): number | null {
  if (decoded.mapping === 'none') return null;
  if (decoded.mapping === 'single-byte') return Math.min(offset, decoded.text.length);
  let at = 0;
  for (let i = 0; i < decoded.text.length; i++) {
    const size = bytesOfChar(decoded, i);
    if (offset < at + size) return i;
    at += size;
  }
  return decoded.text.length;
}

/** Where each line starts (character indexes; a line ends before its LF). */
export function lineStarts(text: string): number[] {
  const starts = [0];
  for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', at + 1)) starts.push(at + 1);
  return starts;
}
