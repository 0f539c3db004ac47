// Bytes as a person can read them: printable ASCII stays text, every other byte becomes a named
// marker (CR, LF, TAB, NUL, or its hex value), so the wire view shows exactly what was sent,
// including the CRLFs that frame HTTP/1.1. Pure: no Node, no DOM.

export type VisibleRun =
  | { kind: 'text'; start: number; text: string }
  | { kind: 'control'; start: number; byte: number; name: string; glyph: string };

const NAMED: Record<number, { name: string; glyph: string }> = {
  0x00: { name: 'NUL', glyph: '\\0' },
  0x09: { name: 'TAB', glyph: '\\t' },
  0x0a: { name: 'LF', glyph: '\\n' },
  0x0d: { name: 'CR', glyph: '\\r' },
};

export function isPrintableAscii(byte: number): boolean {
  return byte >= 0x20 && byte <= 0x7e;
}

export function hexByte(byte: number): string {
  return byte.toString(16).padStart(2, '0').toUpperCase();
}

/** Decodes bytes one to one (ISO-8859-1), as HTTP/1.1 field values are read. */
export function latin1(bytes: Uint8Array, start = 0, end = bytes.length): string {
  let out = '';
  for (let i = start; i < end; i += 4096) {
    out += String.fromCharCode(...bytes.subarray(i, Math.min(end, i + 4096)));
  }
  return out;
}

/** Encodes a string whose code points are all below 256 as one byte each; throws on any other. */
export function latin1Bytes(text: string): Uint8Array {
  const out = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code > 0xff) throw new RangeError(`character ${JSON.stringify(text[i])} at index ${i} is not a single byte`);
    out[i] = code;
  }
  return out;
}

/**
 * Splits bytes into runs of printable text and single control markers. `offset` is added to each
 * run's `start`, so runs of a slice keep the positions they have in the whole capture.
 */
export function toVisibleRuns(bytes: Uint8Array, offset = 0): VisibleRun[] {
  const runs: VisibleRun[] = [];
  let textStart = -1;
  for (let i = 0; i <= bytes.length; i++) {
    const byte = bytes[i];
    if (byte !== undefined && isPrintableAscii(byte)) {
      if (textStart < 0) textStart = i;
      continue;
    }
    if (textStart >= 0) {
      runs.push({ kind: 'text', start: offset + textStart, text: latin1(bytes, textStart, i) });
      textStart = -1;
    }
    if (byte === undefined) break;
    const named = NAMED[byte] ?? { name: `0x${hexByte(byte)}`, glyph: `\\x${hexByte(byte)}` };
    runs.push({ kind: 'control', start: offset + i, byte, ...named });
  }
  return runs;
}
