// How this works: the wire view shows a few dozen rows of a capture that can be many GiB, so it asks
// for bytes by range and this cache answers from what it holds: the live preview (the first bytes,
// pushed with the batches), then fixed-size blocks read from the capture on demand (readBytes),
// the most recently used few kept. get() answers at once with the bytes, or null after asking for
// the blocks it lacks; onLoad tells the view to draw again when they come. A block read while the
// capture was still growing is read again once there is more of it; a block that could not be read
// is reported (problem) and not asked for again until the capture grows.

export type ReadBytes = (start: number, end: number) => Promise<Uint8Array>;

export const BLOCK_SIZE = 64 * 1024;

export class ByteBlocks {
  private readonly blocks = new Map<number, Uint8Array>();
  private readonly loading = new Set<number>();
  /** Blocks whose read failed: not asked again until the capture grows (no retry storm). */
  private readonly failed = new Set<number>();
  private preview: Uint8Array = new Uint8Array(0);
  private total = 0;
  /** The last read that failed, in words (cleared by the next success). */
  problem: string | null = null;

  constructor(
    private readonly read: ReadBytes,
    private readonly onLoad: () => void,
    readonly blockSize = BLOCK_SIZE,
    private readonly maxBlocks = 48,
  ) {}

  /** The preview and the bytes the capture has by now. */
  update(preview: Uint8Array, total: number): void {
    this.preview = preview;
    if (total !== this.total) this.failed.clear();
    this.total = total;
  }

  /** Bytes [start, end), or null while some of them are being read. */
  get(start: number, end: number): Uint8Array | null {
    end = Math.min(end, Math.max(this.total, this.preview.length));
    if (end <= start) return new Uint8Array(0);
    if (end <= this.preview.length) return this.preview.subarray(start, end);
    const first = Math.floor(start / this.blockSize);
    const last = Math.floor((end - 1) / this.blockSize);
    let missing = false;
    for (let b = first; b <= last; b++) if (!this.usable(b, end)) missing = true;
    if (missing) return null;
    if (first === last) {
      // Within one block: a view of it, the same from call to call (so rows can tell nothing changed).
      const block = this.touch(first);
      const blockStart = first * this.blockSize;
      return block.subarray(start - blockStart, end - blockStart);
    }
    const out = new Uint8Array(end - start);
    for (let b = first; b <= last; b++) {
      const block = this.touch(b);
      const blockStart = b * this.blockSize;
      const from = Math.max(start, blockStart);
      const to = Math.min(end, blockStart + block.length);
      out.set(block.subarray(from - blockStart, to - blockStart), from - start);
    }
    return out;
  }

  /** Block `b`, now the most recently used. */
  private touch(b: number): Uint8Array {
    const block = this.blocks.get(b)!;
    this.blocks.delete(b);
    this.blocks.set(b, block);
    return block;
  }

  /** True when block `b` holds what is needed of it for a read up to `end`; asks for it otherwise. */
  private usable(b: number, end: number): boolean {
    const blockStart = b * this.blockSize;
    const block = this.blocks.get(b);
    const needed = Math.min(this.blockSize, end - blockStart, this.total - blockStart);
    if (block && block.length >= needed) return true;
    this.load(b);
    return false;
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
