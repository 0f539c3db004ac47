// How this works: lays one direction's bytes out as rows for the wire view, from its frames alone,
// without reading the bytes. Each frame starts a row and wraps every `width` bytes, so every HTTP
// line (they end in CRLF) is a row of its own and data wraps at a fixed width. Bytes no frame covers
// (a line still arriving, frames a batch left out, the bytes an error stopped at) wrap the same way.
// The layout is a list of segments (a frame, or a gap between frames) with the row each starts at;
// frames only ever grow at the end, so update() extends it by what is new, and finding the row of a
// byte, or the bytes of a row, is a binary search: a 1 GiB capture of 16 million rows is laid out
// from its 50,000 frames.
import type { FrameList } from '../store/frame-list';
import { doubled } from './doubled';

export interface WireRow {
  /** Bytes [start, end) of the direction. */
  start: number;
  end: number;
  /** Index of the frame the row is part of, or -1 for bytes no frame covers. */
  frame: number;
  /** True for the first row of its frame (or of its gap). */
  first: boolean;
}

export class WireRows {
  /**
   * Segment i covers bytes [segStart[i], segStart[i + 1]) (the last one up to `framed`); typed arrays, off the heap the
   * collector walks.
   */
  private segStart = new Float64Array(64);
  private segRow = new Float64Array(64);
  private segFrame = new Float64Array(64);
  private segments = 0;
  private frames: FrameList | null = null;
  private seen = 0;
  /** Bytes covered by segments (the end of the last frame). */
  private framed = 0;
  /** Rows in segments. */
  private segmentRows = 0;
  private total = 0;

  constructor(readonly width: number) {
    if (!(Number.isInteger(width) && width > 0))
      throw new RangeError(`row width ${width} is not a positive whole number`);
  }

  /**
   * Brings the layout up to date with `frames` (the same list, grown since the last call) and the
   * byte total, taking at most `budget` new frames: the bytes past them are laid out as plain rows
   * until a later call takes the rest (`pending`), so millions of frames read back at once never
   * hold the page for one long task.
   */
  update(frames: FrameList, total: number, budget = Infinity): void {
    if (frames !== this.frames || frames.length < this.seen) this.reset(frames);
    const stop = Math.min(frames.length, this.seen + budget);
    for (; this.seen < stop; this.seen++) {
      const start = frames.start(this.seen);
      const end = frames.end(this.seen);
      if (start > this.framed) this.push(this.framed, start, -1);
      if (end > Math.max(start, this.framed)) this.push(Math.max(start, this.framed), end, this.seen);
    }
    this.total = Math.max(total, this.framed);
  }

  private reset(frames: FrameList): void {
    this.frames = frames;
    // Room for the frames there are (and a few gaps), so a list of millions read back from a
    // capture is laid out without growing the arrays twenty times; a much smaller list lets the
    // big arrays go.
    const room = frames.length + 64;
    if (this.segStart.length < room || this.segStart.length > 4 * room) {
      this.segStart = new Float64Array(room);
      this.segRow = new Float64Array(room);
      this.segFrame = new Float64Array(room);
    }
    this.segments = 0;
    this.seen = 0;
    this.framed = 0;
    this.segmentRows = 0;
  }

  private push(start: number, end: number, frame: number): void {
    if (this.segments === this.segStart.length) {
      this.segStart = doubled(this.segStart);
      this.segRow = doubled(this.segRow);
      this.segFrame = doubled(this.segFrame);
    }
    this.segStart[this.segments] = start;
    this.segRow[this.segments] = this.segmentRows;
    this.segFrame[this.segments] = frame;
    this.segments++;
    this.segmentRows += Math.ceil((end - start) / this.width);
    this.framed = end;
  }

  /** True while frames given to update() wait for a later call. */
  get pending(): boolean {
    return this.frames !== null && this.seen < this.frames.length;
  }

  /** Bytes laid out (the frames' end, or the total when bytes arrived past it). */
  get byteCount(): number {
    return this.total;
  }

  get rowCount(): number {
    return this.segmentRows + Math.ceil((this.total - this.framed) / this.width);
  }

  /** Row `r` (0 <= r < rowCount). */
  row(r: number): WireRow {
    if (!(r >= 0 && r < this.rowCount)) throw new RangeError(`row ${r} is outside 0..${this.rowCount - 1}`);
    if (r >= this.segmentRows) {
      const start = this.framed + (r - this.segmentRows) * this.width;
      return { start, end: Math.min(this.total, start + this.width), frame: -1, first: r === this.segmentRows };
    }
    const i = lastAtOrBefore(this.segRow, this.segments, r);
    const segEnd = i + 1 < this.segments ? this.segStart[i + 1]! : this.framed;
    const start = this.segStart[i]! + (r - this.segRow[i]!) * this.width;
    return { start, end: Math.min(segEnd, start + this.width), frame: this.segFrame[i]!, first: r === this.segRow[i] };
  }

  /** The row holding byte `offset` (the last row for offsets at or past the end). */
  rowOf(offset: number): number {
    if (this.rowCount === 0) return 0;
    if (offset >= this.total) return this.rowCount - 1;
    if (offset >= this.framed || this.segments === 0)
      return this.segmentRows + Math.floor((Math.max(offset, this.framed) - this.framed) / this.width);
    const i = lastAtOrBefore(this.segStart, this.segments, Math.max(0, offset));
    return this.segRow[i]! + Math.floor((Math.max(offset, this.segStart[i]!) - this.segStart[i]!) / this.width);
  }
}

/** Index of the last of the first `count` (ascending) `values` that is <= `target` (0 if none is). */
function lastAtOrBefore(values: Float64Array, count: number, target: number): number {
  let low = 0;
  let high = count - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (values[mid]! <= target) low = mid;
    else high = mid - 1;
  }
  return low;
}
