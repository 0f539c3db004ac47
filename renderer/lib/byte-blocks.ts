// How this works: the wire view shows a few dozen rows of a capture that can be many GiB, so it asks
// for bytes by range and this cache answers from what it holds: the live preview (the first bytes,
// pushed with the batches, passed in by the caller), then fixed-size blocks read from the capture on
// demand (readBytes), the most recently used few kept. Reading a render's worth is two steps, so that
// rendering stays pure: peek() answers with the bytes, or null for bytes it lacks, and changes
// nothing; request(), from an effect after the render, reads the blocks the shown range lacks and
// marks those it has as recently used; onLoad tells the view to draw again when they come. A block
// read while the capture was still growing is read again once there is more of it; a block that
// could not be read is reported (problem) and not asked for again until the capture grows.
export type ReadBytes = (start: number, end: number) => Promise<Uint8Array>;

export const BLOCK_SIZE = 64 * 1024;

export class ByteBlocks {
  private readonly blocks = new Map<number, Uint8Array>();
  private readonly loading = new Set<number>();
  /** Blocks whose read failed: not asked again until the capture grows (no retry storm). */
  private readonly failed = new Set<number>();
  /** The capture's size when last asked: a block that failed is tried again once it grows. */
  private total = 0;
  /** The last read that failed, in words (cleared by the next success). */
  problem: string | null = null;

  constructor(
    private readonly read: ReadBytes,
    private readonly onLoad: () => void,
    readonly blockSize = BLOCK_SIZE,
    private readonly maxBlocks = 48,
  ) {}

  /**
   * Bytes [start, end) of a capture of `total` bytes whose first bytes are `preview`, or null while some are not read;
   * changes nothing.
   */
  peek(start: number, end: number, preview: Uint8Array, total: number): Uint8Array | null {
    end = Math.min(end, Math.max(total, preview.length));
    if (end <= start) return new Uint8Array(0);
    if (end <= preview.length) return preview.subarray(start, end);
    const first = Math.floor(start / this.blockSize);
    const last = Math.floor((end - 1) / this.blockSize);
    for (let b = first; b <= last; b++) if (!this.holds(b, end, total)) return null;
    if (first === last) {
      // Within one block: a view of it, the same from call to call (so rows can tell nothing changed).
      const block = this.blocks.get(first)!;
      const blockStart = first * this.blockSize;
      return block.subarray(start - blockStart, end - blockStart);
    }
    const out = new Uint8Array(end - start);
    for (let b = first; b <= last; b++) {
      const block = this.blocks.get(b)!;
      const blockStart = b * this.blockSize;
      const from = Math.max(start, blockStart);
      const to = Math.min(end, blockStart + block.length);
      out.set(block.subarray(from - blockStart, to - blockStart), from - start);
    }
    return out;
  }

  /**
   * Makes [start, end) readable by peek(): reads the blocks it lacks (past the preview) and marks
   * those it holds as the most recently used. Call it after the render that showed the range.
   */
  request(start: number, end: number, preview: Uint8Array, total: number): void {
    if (total !== this.total) this.failed.clear();
    this.total = total;
    end = Math.min(end, Math.max(total, preview.length));
    if (end <= start || end <= preview.length) return;
    const first = Math.floor(start / this.blockSize);
    const last = Math.floor((end - 1) / this.blockSize);
    for (let b = first; b <= last; b++) {
      if (this.holds(b, end, total)) this.touch(b);
      else this.load(b);
    }
  }

  /** Block `b`, now the most recently used. */
  private touch(b: number): Uint8Array {
    const block = this.blocks.get(b)!;
    this.blocks.delete(b);
    this.blocks.set(b, block);
    return block;
  }

  /** True when block `b` holds what is needed of it for a read up to `end` of `total` bytes. */
  private holds(b: number, end: number, total: number): boolean {
    const blockStart = b * this.blockSize;
    const block = this.blocks.get(b);
    const needed = Math.min(this.blockSize, end - blockStart, total - blockStart);
    return block !== undefined && block.length >= needed;
  }

  private load(b: number): void {
    if (this.loading.has(b) || this.failed.has(b)) return;
    this.loading.add(b);
    const start = b * this.blockSize;
    this.read(start, start + this.blockSize).then(
      (bytes) => {
        this.loading.delete(b);
        this.blocks.set(b, bytes);
        while (this.blocks.size > this.maxBlocks) this.blocks.delete(this.blocks.keys().next().value!);
        this.problem = null;
        this.onLoad();
      },
      (error: Error) => {
        this.loading.delete(b);
        this.failed.add(b);
        this.problem = `Could not read bytes ${start.toLocaleString('en-US')} to ${(start + this.blockSize).toLocaleString('en-US')} of the capture: ${error.message}`;
        this.onLoad();
      },
    );
  }
}
