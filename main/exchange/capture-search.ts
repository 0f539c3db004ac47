// How this works: finding bytes in one direction of a capture, however large, without holding it:
// the capture file is read in blocks of SEARCH_BLOCK bytes, each block searched with Buffer's native
// indexOf, and the last (pattern length - 1) bytes of a block carried into the next so that a match
// across a block boundary is found once. Case-insensitive text folds ASCII letters only (bytes are
// not characters: a folded é would need its charset), by a pattern of [aA] classes run over each
// block read as latin1 (one character per byte; measured faster than lower-casing blocks, in JS or
// natively with a check after). Every match is counted; the offsets of the first MAX_FIND_OFFSETS
// at or after `from` are returned, so a million matches cost a count and a page, not a million
// offsets.
import { open } from 'node:fs/promises';
import type { FindResult } from '../../shared/inspector-api';

export const SEARCH_BLOCK = 4 * 1024 * 1024;
export const MAX_FIND_OFFSETS = 10_000;

/**
 * A pattern that matches `pattern`'s bytes in a latin1 string (one character per byte), ASCII
 * letters in either case and every other byte as it is (a regex's own i flag would fold É too).
 */
function foldedPattern(pattern: Uint8Array): RegExp {
  let source = '';
  for (const byte of pattern) {
    const isLetter = (byte >= 0x41 && byte <= 0x5a) || (byte >= 0x61 && byte <= 0x7a);
    source += isLetter
      ? `[${String.fromCharCode(byte | 0x20)}${String.fromCharCode(byte & ~0x20)}]`
      : `\\x${byte.toString(16).padStart(2, '0')}`;
  }
  return new RegExp(source, 'g');
}

/** Offsets of every match in `haystack`, overlapping ones too. */
function* matches(haystack: Buffer, needle: Buffer, folded: RegExp | null): Generator<number> {
  if (!folded) {
    for (let at = haystack.indexOf(needle); at !== -1; at = haystack.indexOf(needle, at + 1)) yield at;
    return;
  }
  const text = haystack.toString('latin1');
  folded.lastIndex = 0;
  for (let match = folded.exec(text); match; match = folded.exec(text)) {
    yield match.index;
    folded.lastIndex = match.index + 1;
  }
}

/** Finds `pattern` in the file at `path`; matches may overlap ("aa" is found twice in "aaa"). */
export async function findInFile(
  path: string,
  pattern: Uint8Array,
  caseSensitive: boolean,
  from = 0,
): Promise<FindResult> {
  if (pattern.length === 0) throw new RangeError('there is nothing to find: the pattern is empty');
  const needle = Buffer.from(pattern);
  const folded = caseSensitive ? null : foldedPattern(pattern);
  const file = await open(path, 'r');
  const offsets: number[] = [];
  let count = 0;
  let before = 0;
  let searched = 0;
  try {
    const buffer = Buffer.allocUnsafe(SEARCH_BLOCK + needle.length);
    /** Bytes carried over from the block before (its last needle.length - 1). */
    let carried = 0;
    for (;;) {
      const { bytesRead } = await file.read(buffer, carried, SEARCH_BLOCK, searched);
      if (bytesRead === 0) break;
      const length = carried + bytesRead;
      const base = searched - carried;
      for (const at of matches(buffer.subarray(0, length), needle, folded)) {
        count++;
        if (base + at < from) before++;
        else if (offsets.length < MAX_FIND_OFFSETS) offsets.push(base + at);
      }
      searched += bytesRead;
      carried = Math.min(needle.length - 1, length);
      buffer.copy(buffer, 0, length - carried, length);
    }
  } finally {
    await file.close();
  }
  return { count, before, offsets, searched };
}
