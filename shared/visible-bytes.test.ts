import { describe, expect, it } from 'vitest';
import { latin1, latin1Bytes, toVisibleRuns } from './visible-bytes';

describe('toVisibleRuns', () => {
  it('keeps printable text and names CR, LF, TAB, NUL and other bytes', () => {
    const bytes = latin1Bytes('HTTP/1.1 200 OK\r\nA:\tb\x00\xff');
    expect(toVisibleRuns(bytes)).toEqual([
      { kind: 'text', start: 0, text: 'HTTP/1.1 200 OK' },
      { kind: 'control', start: 15, byte: 0x0d, name: 'CR', glyph: '\\r' },
      { kind: 'control', start: 16, byte: 0x0a, name: 'LF', glyph: '\\n' },
      { kind: 'text', start: 17, text: 'A:' },
      { kind: 'control', start: 19, byte: 0x09, name: 'TAB', glyph: '\\t' },
      { kind: 'text', start: 20, text: 'b' },
      { kind: 'control', start: 21, byte: 0x00, name: 'NUL', glyph: '\\0' },
      { kind: 'control', start: 22, byte: 0xff, name: '0xFF', glyph: '\\xFF' },
    ]);
  });

  it('shifts positions by the offset of a slice', () => {
    expect(toVisibleRuns(latin1Bytes('\nok'), 100)).toEqual([
      { kind: 'control', start: 100, byte: 0x0a, name: 'LF', glyph: '\\n' },
      { kind: 'text', start: 101, text: 'ok' },
    ]);
  });

  it('accounts for every byte exactly once', () => {
    const bytes = Uint8Array.from({ length: 512 }, (_, i) => i % 256);
    const runs = toVisibleRuns(bytes);
    const covered = runs.reduce((n, run) => n + (run.kind === 'text' ? run.text.length : 1), 0);
    expect(covered).toBe(bytes.length);
  });
});

describe('latin1', () => {
  it('round-trips every byte value, also past the chunking of long inputs', () => {
    const bytes = Uint8Array.from({ length: 10_000 }, (_, i) => (i * 7) % 256);
    expect(latin1Bytes(latin1(bytes))).toEqual(bytes);
  });

  it('refuses characters that are not one byte', () => {
    expect(() => latin1Bytes('caf\u00e9 \u2603')).toThrow(/index 5 is not a single byte/);
  });
});
