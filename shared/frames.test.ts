import { describe, expect, it } from 'vitest';
import { findTilingFault, type Frame } from './frames';

const frame = (start: number, end: number): Frame => ({ kind: 'body', start, end });

describe('findTilingFault', () => {
  it('accepts frames that cover the range exactly', () => {
    expect(findTilingFault([frame(0, 3), frame(3, 10)], 10)).toBeNull();
    expect(findTilingFault([frame(5, 7)], 7, 5)).toBeNull();
    expect(findTilingFault([], 0)).toBeNull();
  });

  it('names the first gap, overlap, empty frame or short coverage', () => {
    expect(findTilingFault([frame(0, 3), frame(4, 10)], 10)).toBe('gap before frame 1 (body): expected start 3, got 4');
    expect(findTilingFault([frame(0, 3), frame(2, 10)], 10)).toBe(
      'overlap before frame 1 (body): expected start 3, got 2',
    );
    expect(findTilingFault([frame(0, 0)], 0)).toBe('frame 0 (body) is empty or reversed: 0..0');
    expect(findTilingFault([frame(0, 3)], 10)).toBe('frames end at 3, bytes at 10');
  });
});
