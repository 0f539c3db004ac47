import { describe, expect, it } from 'vitest';
import { formatBytesAs } from './copy-formats';

describe('copying bytes', () => {
  const bytes = new Uint8Array([0x47, 0x45, 0x54, 0x20, 0x22, 0x5c, 0x0d, 0x0a, 0x09, 0xc3, 0xa9, 0x00]);
  it('as text, hex, or C/JS escapes that give the same bytes back', () => {
    expect(formatBytesAs(bytes, 'text')).toBe('GET "\\\r\n\té\u0000');
    expect(formatBytesAs(bytes, 'hex')).toBe('47 45 54 20 22 5c 0d 0a 09 c3 a9 00');
    const escaped = formatBytesAs(bytes, 'escapes');
    expect(escaped).toBe('GET \\"\\\\\\r\\n\\t\\xc3\\xa9\\x00');
    // The literal, read back as a JS string of byte-valued characters, is the bytes.
    const back = (JSON.parse(`"${escaped.replace(/\\x([0-9a-f]{2})/g, '\\u00$1')}"`) as string)
      .split('')
      .map((c) => c.charCodeAt(0));
    expect(back).toEqual([...bytes]);
  });
});
