import { describe, expect, it } from 'vitest';
import { hexPattern } from './find-query';

describe('hexPattern', () => {
  it('reads bytes spaced, run together, or with 0x', () => {
    expect(hexPattern('0d 0a 30')).toEqual({ bytes: [0x0d, 0x0a, 0x30] });
    expect(hexPattern('0D0A30')).toEqual({ bytes: [0x0d, 0x0a, 0x30] });
    expect(hexPattern(' 0x0d, 0xFF ')).toEqual({ bytes: [0x0d, 0xff] });
  });

  it('says what is wrong', () => {
    expect(hexPattern('')).toEqual({ problem: 'Type the bytes to find in hex, as 0d 0a 30.' });
    expect(hexPattern('0d zz')).toEqual({ problem: '"zz" is not hex: use the digits 0-9 and a-f, two for each byte.' });
    expect(hexPattern('0d a')).toEqual({
      problem: '"a" has an odd number of hex digits: each byte takes two (0d, not d).',
    });
  });
});
