// The parts of a frame, for colouring its bytes: a field line as name, separator, value and CRLF;
// any other line as its text and CRLF; data as itself. And where a byte offset falls among frames.
import type { Frame } from '../../shared/frames';
import type { FrameList } from '../store/frame-list';

export type Part = [kind: 'line' | 'name' | 'separator' | 'value' | 'fold' | 'crlf', start: number, end: number];

/**
 * A frame's parts for colouring: a field line as name, ": ", value and CRLF (a folded one with each
 * obs-fold, its CRLF and the whitespace after it, as a `fold` part between pieces of the value); any
 * other line as its text and CRLF; data as itself.
 */
export function parts(frame: Frame, byteAt: (offset: number) => number | undefined): Part[] {
  const lineLike = frame.kind !== 'body' && frame.kind !== 'chunk-data';
  if (!lineLike) return [['line', frame.start, frame.end]];
  const crlf = frame.end - 2;
  if (frame.kind === 'header' || frame.kind === 'trailer') {
    // name ":" OWS value OWS CRLF: the value starts after the spaces that follow the colon.
    const nameEnd = frame.start + frame.name.length;
    let valueStart = nameEnd + 1;
    while (valueStart < crlf && (byteAt(valueStart) === 0x20 || byteAt(valueStart) === 0x09)) valueStart++;
    if (frame.kind === 'header' && frame.folds && frame.folds.length > 0) {
      // The value's bytes run from valueStart to the last non-space byte before the final CRLF.
      let valueEnd = crlf;
      while (valueEnd > valueStart && (byteAt(valueEnd - 1) === 0x20 || byteAt(valueEnd - 1) === 0x09)) valueEnd--;
      const out: Part[] = [
        ['name', frame.start, nameEnd],
        ['separator', nameEnd, valueStart],
      ];
      let at = valueStart;
      for (const [from, to] of frame.folds) {
        if (from > at) out.push(['value', at, from]);
        out.push(['fold', Math.max(from, at), to]);
        at = to;
      }
      if (valueEnd > at) out.push(['value', at, valueEnd]);
      out.push(['crlf', Math.max(at, valueEnd), frame.end]);
      return out;
    }
    const valueEnd = Math.min(crlf, valueStart + frame.value.length);
    return [
      ['name', frame.start, nameEnd],
      ['separator', nameEnd, valueStart],
      ['value', valueStart, valueEnd],
      ['crlf', valueEnd, frame.end],
    ];
  }
  return [
    ['line', frame.start, crlf],
    ['crlf', crlf, frame.end],
  ];
}

/** Index of the first frame that ends after `offset` (frames are in order and tile the bytes). */
export function firstFrameAfter(frames: FrameList, offset: number): number {
  let low = 0;
  let high = frames.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (frames.end(mid) <= offset) low = mid + 1;
    else high = mid;
  }
  return low;
}

/** Index of the frame that starts at `start`, or null when none does. */
export function frameStartingAt(frames: FrameList, start: number): number | null {
  const index = firstFrameAfter(frames, start);
  return index < frames.length && frames.start(index) === start ? index : null;
}

/**
 * The whole chunk (RFC 9112 section 7.1) a frame belongs to: its chunk-size line, its data and its
 * CRLF, as [start, end) with the offset of its size line (what the chunk table's rows know it by);
 * null for a frame that is not part of a chunk. The last chunk is its size line alone.
 */
export function chunkSpanOf(frames: FrameList, index: number): { start: number; end: number } | null {
  const kinds = ['chunk-size', 'chunk-data', 'chunk-end'];
  let at = index;
  // Back to the size line: at most two frames before (data, then CRLF).
  for (let back = 0; back < 3; back++) {
    const frame = frames.at(at);
    if (!frame || !kinds.includes(frame.kind)) return null;
    if (frame.kind === 'chunk-size') break;
    if (back === 2) return null;
    at--;
  }
  const size = frames.at(at)!;
  if (size.kind !== 'chunk-size') return null;
  let end = size.end;
  if (size.size > 0)
    for (let next = at + 1; next <= at + 2; next++) {
      const frame = frames.at(next);
      if (!frame || (frame.kind !== 'chunk-data' && frame.kind !== 'chunk-end')) break;
      end = frame.end;
      if (frame.kind === 'chunk-end') break;
    }
  return { start: size.start, end };
}
