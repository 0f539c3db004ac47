import { describe, expect, it } from 'vitest';
import type { Frame } from '../../shared/frames';
import { latin1Bytes } from '../../shared/visible-bytes';
import { parts } from './frame-parts';

describe('parts', () => {
  const at = (text: string) => {
    const bytes = latin1Bytes(text);
    return (offset: number) => bytes[offset];
  };

  it('cuts a field line into name, separator, value and CRLF', () => {
    const text = 'A:  b c \r\n';
    expect(parts({ kind: 'header', start: 0, end: text.length, name: 'A', value: 'b c' }, at(text))).toEqual([
      ['name', 0, 1],
      ['separator', 1, 4],
      ['value', 4, 7],
      ['crlf', 7, 10],
    ]);
  });

  it('marks each obs-fold of a folded field between the pieces of its value', () => {
    const text = 'X: one\r\n  two\r\n\tthree \r\n';
    const frame: Frame = {
      kind: 'header',
      start: 0,
      end: text.length,
      name: 'X',
      value: 'one two three',
      folds: [
        [6, 10],
        [13, 16],
      ],
    };
    const got = parts(frame, at(text));
    expect(got).toEqual([
      ['name', 0, 1],
      ['separator', 1, 3],
      ['value', 3, 6],
      ['fold', 6, 10],
      ['value', 10, 13],
      ['fold', 13, 16],
      ['value', 16, 21],
      ['crlf', 21, 24],
    ]);
    // The parts tile the frame.
    expect(got.map(([, from, to]) => text.slice(from, to)).join('')).toBe(text);
  });
});
