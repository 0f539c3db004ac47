// How this works: where each byte of a response's body content sits in its wire bytes. The content
// is the final response's body and chunk-data frames joined (RFC 9112 section 7.1.3 decodes chunked
// the same way), so a map is a list of segments [content start, wire start, length], built from the
// frames without making frame objects. A body with a content coding (gzip...) has no such map: its
// decoded bytes come from the whole stream, not from one place on the wire.
import type { FrameList } from '../store/frame-list';

export interface BodyMap {
  contentStarts: number[];
  wireStarts: number[];
  lengths: number[];
  /** The content's length (the sum of the segments). */
  length: number;
}

/** The map of the body content in one direction's `frames`: the request's, or the final response's. */
export function bodyMapOf(frames: FrameList): BodyMap {
  const map: BodyMap = { contentStarts: [], wireStarts: [], lengths: [], length: 0 };
  let final = false;
  let inBody = false;
  for (let i = 0; i < frames.length; i++) {
    const kind = frames.kind(i);
    if (!inBody) {
      if (kind === 'request-line') final = true;
      else if (kind === 'status-line') {
        const frame = frames.at(i);
        final = frame?.kind === 'status-line' && frame.code >= 200;
      } else if (kind === 'head-end' && final) inBody = true;
      continue;
    }
    if (kind !== 'body' && kind !== 'chunk-data') continue;
    const start = frames.start(i);
    const length = frames.end(i) - start;
    map.contentStarts.push(map.length);
    map.wireStarts.push(start);
    map.lengths.push(length);
    map.length += length;
  }
  return map;
}

/** The segment holding content byte `offset` (the last one at the very end), or -1 for an empty body. */
function segmentOf(map: BodyMap, offset: number): number {
  let low = 0;
  let high = map.contentStarts.length - 1;
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if (map.contentStarts[middle]! <= offset) low = middle;
    else high = middle - 1;
  }
  return high;
}

/** The wire bytes that hold content [start, end): from the first's place to one past the last's. */
export function wireSpanOf(map: BodyMap, start: number, end: number): { start: number; end: number } | null {
  if (map.length === 0 || end <= start || start >= map.length) return null;
  const last = Math.min(end, map.length) - 1;
  const a = segmentOf(map, start);
  const b = segmentOf(map, last);
  return {
    start: map.wireStarts[a]! + (start - map.contentStarts[a]!),
    end: map.wireStarts[b]! + (last - map.contentStarts[b]!) + 1,
  };
}

/** The content bytes that wire bytes [start, end) hold, or null when they hold none. */
export function contentSpanOf(map: BodyMap, start: number, end: number): { start: number; end: number } | null {
  let from: number | null = null;
  let to = 0;
  for (let i = 0; i < map.wireStarts.length; i++) {
    const wireStart = map.wireStarts[i]!;
    const wireEnd = wireStart + map.lengths[i]!;
    if (wireEnd <= start) continue;
    if (wireStart >= end) break;
    const a = Math.max(start, wireStart);
    const b = Math.min(end, wireEnd);
    from ??= map.contentStarts[i]! + (a - wireStart);
    to = map.contentStarts[i]! + (b - wireStart);
  }
  return from === null ? null : { start: from, end: to };
}
