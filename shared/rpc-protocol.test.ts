import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeMessage, encodeMessage, fromBase64, toBase64, uploadSlicePath } from './rpc-protocol';

describe('rpc protocol', () => {
  it('encodes base64 as RFC 4648 does', () => {
    const cases: Array<[string, string]> = [
      ['', ''],
      ['f', 'Zg=='],
      ['fo', 'Zm8='],
      ['foo', 'Zm9v'],
      ['foob', 'Zm9vYg=='],
      ['fooba', 'Zm9vYmE='],
      ['foobar', 'Zm9vYmFy'],
    ];
    for (const [plain, encoded] of cases) {
      expect(toBase64(Uint8Array.from(plain, (c) => c.charCodeAt(0)))).toBe(encoded);
    }
  });

  it('round-trips any bytes through base64 and any message through JSON', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        expect(fromBase64(toBase64(bytes))).toEqual(bytes);
      }),
    );
    const message = {
      kind: 'response' as const,
      id: 7,
      result: { data: Uint8Array.of(0, 13, 10, 255), nested: [Uint8Array.of(1)] },
    };
    expect(decodeMessage(encodeMessage(message))).toEqual(message);
  });

  it('round-trips a batch of frames and bytes, leaving the message it encodes unchanged', () => {
    const frames = Array.from({ length: 1000 }, (_, i) => ({
      kind: 'chunk-size' as const,
      start: i * 4,
      end: i * 4 + 4,
      size: 2,
      extensions: [['a', null] as [string, null]],
    }));
    const message = {
      kind: 'batch' as const,
      batch: {
        exchangeId: 'e1',
        seq: 3,
        t: 1,
        totals: { tx: 0, rx: 4000 },
        previewDropped: 0,
        framesDropped: 0,
        events: [
          { type: 'bytes' as const, t: 1, direction: 'rx' as const, offset: 0, data: Uint8Array.of(0x30, 0x0d, 0x0a) },
          { type: 'frames' as const, t: 1, direction: 'rx' as const, frames },
        ],
      },
    };
    const text = encodeMessage(message);
    expect(message.batch.events[0]).toMatchObject({ data: Uint8Array.of(0x30, 0x0d, 0x0a) });
    expect(text).toContain('{"$bytes":"MA0K"}');
    expect(decodeMessage(text)).toEqual(message);
    // Values that only look like bytes at the top level of a string stay strings.
    expect(decodeMessage(encodeMessage({ kind: 'response', id: 1, result: { note: '$bytes' } }))).toEqual({
      kind: 'response',
      id: 1,
      result: { note: '$bytes' },
    });
  });

  it('names where an upload slice goes', () => {
    expect(uploadSlicePath('AbC_-12')).toBe('/upload/AbC_-12');
    expect(uploadSlicePath('a/b')).toBe('/upload/a%2Fb');
  });

  it('refuses characters outside base64', () => {
    expect(() => fromBase64('ab$c')).toThrow(/invalid base64 character at 2/);
  });
});
