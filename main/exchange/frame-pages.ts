// How this works: a capture's frames are read a page at a time, as whole units from a byte cursor
// on: blocks of frames.bin (frame-codec.ts), or the JSON lines of frames.jsonl that captures of
// earlier versions kept (still read, so that no history is lost). A unit still being written (the
// exchange runs, or a crash cut it) is left out; one longer than a page is read whole.
import type { FileHandle } from 'node:fs/promises';
import type { CapturedFrame, FramePage } from '../../shared/inspector-api';
import { blockLength, decodeBlock } from './frame-codec';

/** Frames one page holds at most (about a megabyte of them as objects crossing IPC). */
export const FRAME_PAGE_FRAMES = 16_384;

/** The frames of the whole units at the start of `bytes`, and how many bytes those units take. */
export type UnitParser = (bytes: Uint8Array) => { frames: CapturedFrame[]; used: number };

/** Whole blocks of frames.bin, up to FRAME_PAGE_FRAMES frames. */
export const frameBlocks: UnitParser = (bytes) => {
  const frames: CapturedFrame[] = [];
  let used = 0;
  for (
    let block = blockLength(bytes, 0);
    block !== null && frames.length < FRAME_PAGE_FRAMES;
    block = blockLength(bytes, used)
  ) {
    decodeBlock(bytes, used, frames);
    used += block;
  }
  return { frames, used };
};

/** Whole lines of frames.jsonl. */
export const jsonLines: UnitParser = (bytes) => {
  const used = bytes.lastIndexOf(0x0a) + 1;
  const frames = new TextDecoder()
    .decode(bytes.subarray(0, used))
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as CapturedFrame);
  return { frames, used };
};

/** One page: the whole units in about `pageBytes` from byte `cursor` of `file`; `next` is null after the last. */
export async function readFramePage(
  file: FileHandle,
  cursor: number,
  pageBytes: number,
  parse: UnitParser,
): Promise<FramePage> {
  if (!Number.isSafeInteger(cursor) || cursor < 0)
    throw new RangeError(`${cursor} is not a frame cursor (a byte offset from a previous page's next)`);
  const { size } = await file.stat();
  if (cursor > size)
    throw new RangeError(`frame cursor ${cursor} is past the end of the capture's frames (${size} bytes)`);
  for (let length = Math.min(pageBytes, size - cursor); ; length = Math.min(length * 2, size - cursor)) {
    const buffer = new Uint8Array(length);
    const { bytesRead } = await file.read(buffer, 0, length, cursor);
    const { frames, used } = parse(buffer.subarray(0, bytesRead));
    // Not one whole unit in this much: one longer than a page (read more), or one still being written.
    if (used === 0 && cursor + bytesRead < size) continue;
    return { frames, next: used > 0 && cursor + used < size ? cursor + used : null };
  }
}
