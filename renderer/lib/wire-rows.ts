// How this works: lays one direction's bytes out as rows for the wire view, from its frames alone,
// without reading the bytes. Each frame starts a row and wraps every `width` bytes, so every HTTP
// line (they end in CRLF) is a row of its own and data wraps at a fixed width. Bytes no frame covers
// (a line still arriving, frames a batch left out, the bytes an error stopped at) wrap the same way.
// The layout is a list of segments (a frame, or a gap between frames) with the row each starts at;
// frames only ever grow at the end, so update() extends it by what is new, and finding the row of a
// byte, or the bytes of a row, is a binary search: a 1 GiB capture of 16 million rows is laid out
// from its 50,000 frames.
import type { Frame } from '../../shared/frames';

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
  /** Segment i covers bytes [segStart[i], segStart[i + 1]) (the last one up to `framed`). */
  private segStart: number[] = [];
  private segRow: number[] = [];
  private segFrame: number[] = [];
  private frames: readonly Frame[] | null = null;
  private seen = 0;
  /** Bytes covered by segments (the end of the last frame). */
  private framed = 0;
  /** Rows in segments. */
  private segmentRows = 0;
  private total = 0;

  constructor(readonly width: number) {
    if (!(Number.isInteger(width) && width > 0)) throw new RangeError(`row width ${width} is not a positive whole number`);
  }

  /** Brings the layout up to date with `frames` (the same list, grown since the last call) and the byte total. */
  update(frames: readonly Frame[], total: number): void {
    if (frames !== this.frames || frames.length < this.seen) this.reset(frames);
    for (; this.seen < frames.length; this.seen++) {
      const frame = frames[this.seen]!;
      if (frame.start > this.framed) this.push(this.framed, frame.start, -1);
      if (frame.end > Math.max(frame.start, this.framed)) this.push(Math.max(frame.start, this.framed), frame.end, this.seen);
    }
    this.total = Math.max(total, this.framed);
  }

  private reset(frames: readonly Frame[]): void {
    this.frames = frames;
    this.segStart = [];
    this.segRow = [];
    this.segFrame = [];
    this.seen = 0;
    this.framed = 0;
    this.segmentRows = 0;
  }

  private push(start: number, end: number, frame: number): void {
    this.segStart.push(start);
    this.segRow.push(this.segmentRows);
    this.segFrame.push(frame);
    this.segmentRows += Math.ceil((end - start) / this.width);
    this.framed = end;
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
    const i = lastAtOrBefore(this.segRow, r);
    const segEnd = i + 1 < this.segStart.length ? this.segStart[i + 1]! : this.framed;
    const start = this.segStart[i]! + (r - this.segRow[i]!) * this.width;
    return { start, end: Math.min(segEnd, start + this.width), frame: this.segFrame[i]!, first: r === this.segRow[i] };
  }

  /** The row holding byte `offset` (the last row for offsets at or past the end). */
  rowOf(offset: number): number {
    if (this.rowCount === 0) return 0;
    if (offset >= this.total) return this.rowCount - 1;
    if (offset >= this.framed || this.segStart.length === 0) return this.segmentRows + Math.floor((Math.max(offset, this.framed) - this.framed) / this.width);
    const i = lastAtOrBefore(this.segStart, Math.max(0, offset));
    return this.segRow[i]! + Math.floor((Math.max(offset, this.segStart[i]!) - this.segStart[i]!) / this.width);
  }
}

/** Index of the last element of the ascending `values` that is <= `target` (0 if none is). */
function lastAtOrBefore(values: number[], target: number): number {
  let low = 0;
  let high = values.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (values[mid]! <= target) low = mid;
    else high = mid - 1;
  }
  return low;
}
