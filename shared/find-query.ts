// What Find in bytes looks for: text (UTF-8, case sensitive or ASCII letters folded) or bytes in
// hex ("0d 0a 30", "0d0a30", "0x0d 0x0a"). Pure: the page checks a query as it is typed, and the
// main process turns it into the bytes it searches for.

export type FindQuery = { kind: 'text'; text: string; caseSensitive: boolean } | { kind: 'hex'; hex: string };

/** Longest text or hex a query may have. */
export const MAX_FIND_QUERY = 1000;

/** The bytes a hex query names, or what is wrong with it in words. */
export function hexPattern(hex: string): { bytes: number[] } | { problem: string } {
  const words = hex
    .trim()
    .split(/[\s,]+/)
    .filter((word) => word !== '')
    .map((word) => word.replace(/^0x/i, ''));
  if (words.length === 0) return { problem: 'Type the bytes to find in hex, as 0d 0a 30.' };
  const bytes: number[] = [];
  for (const word of words) {
    if (!/^[0-9a-f]+$/i.test(word))
      return { problem: `"${word}" is not hex: use the digits 0-9 and a-f, two for each byte.` };
    if (word.length % 2 !== 0)
      return { problem: `"${word}" has an odd number of hex digits: each byte takes two (0d, not d).` };
    for (let i = 0; i < word.length; i += 2) bytes.push(parseInt(word.slice(i, i + 2), 16));
  }
  return { bytes };
}
