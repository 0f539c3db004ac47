// How this works: the byte files of a capture (tx.bin, rx.bin), which can be gigabytes, written
// around the page cache (O_DIRECT). Appends are copied into 1 MiB blocks of page-aligned memory
// (block-pool.ts, shared by all captures: O_DIRECT wants aligned buffers, offsets and lengths);
// each full block is written at its offset straight from that memory, up to
// MAX_IN_FLIGHT at a time, with no copy into the kernel's page cache and no page cache to hold it.
// Why: through the page cache a 1 GiB response costs 1 GiB of kernel memory and a kernel copy of
// every byte on libuv's threads (on the build machine, 1.7 to 2.7 s of kernel time per GiB when that
// memory was not recently freed); this way the disk reads the block from our memory. Captures read
// back later come from the disk (a few KiB per wire-view screen, or one pass to save a body).
// The last, partial block goes through an ordinary handle, exactly as long as it is: when the file
// closes, when nothing has been appended for IDLE_MS (a slow stream's bytes reach the disk without
// waiting for its block to fill), when bytes of it have waited MAX_TAIL_WAIT_MS while appends go on
// (so that a crash loses at most that much of a steady stream), and when the producer waits on the
// partial block alone. If it
// fills later, the whole block is written again, directly. `position` (all before it is on disk)
// advances over blocks in file order only, so held() answers for everything after it from memory.
// Where the system has no O_DIRECT (macOS, Windows) or the file system refuses it (tmpfs), open()
// says so with null and the caller writes through the page cache (QueuedCaptureFile).
import { constants } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { BLOCK, giveBack, takeBlock } from './block-pool';
import {
  CaptureWriteError,
  checkWaterMarks,
  DEFAULT_WATER_MARKS,
  QueuedCaptureFile,
  wakeAll,
  type CaptureFile,
  type HeldBytes,
  type WaterMarks,
} from './capture-file';

/** Direct writes of one file at a time (libuv's pool has four threads). */
const MAX_IN_FLIGHT = 4;
/** A partial block untouched this long is written out through the page cache. */
export const IDLE_MS = 200;
/** Bytes of a partial block that have waited this long are written out, even while appends go on. */
export const MAX_TAIL_WAIT_MS = 500;

interface Block {
  bytes: Uint8Array;
  /** File offset of bytes[0]: a multiple of BLOCK. */
  start: number;
  /** Bytes appended into it. */
  fill: number;
  /** Bytes from its start known to be on disk. */
  onDisk: number;
  /** A direct write of the whole block is under way. */
  writing: boolean;
  /** A write of its partial tail through the page cache is under way (its memory must stay). */
  tailWriting: boolean;
}

/** Whether `error` is the system refusing O_DIRECT (at open, or for a write), not a failure to write. */
export function refusesDirect(error: unknown): boolean {
  return ['EINVAL', 'ENOTSUP', 'EOPNOTSUPP'].includes((error as NodeJS.ErrnoException).code ?? '');
}

export class DirectCaptureFile implements CaptureFile {
  /** Blocks not yet wholly on disk, in file order; the last is the one being filled. */
  private blocks: Block[] = [];
  private end = 0;
  private inFlight = 0;
  private failure: Error | null = null;
  private waiters: Array<() => void> = [];
  private settleWaiters: Array<() => void> = [];
  private lastAppend = 0;
  /** When the oldest byte not yet on disk or in a write was appended (null: there is none). */
  private firstUnwritten: number | null = null;
  private idleTimer: NodeJS.Timeout | null = null;
  private closing = false;
  /** The file system refused a direct write: the rest goes through the page cache. */
  private refused = false;

  private constructor(
    private readonly direct: FileHandle,
    private readonly buffered: FileHandle,
    readonly path: string,
    private readonly marks: WaterMarks,
  ) {}

  /**
   * Creates (or empties) the file at `path` for direct writes; null where this system or file
   * system has no O_DIRECT, for the caller to write through the page cache instead.
   */
  static async open(path: string, marks: WaterMarks = DEFAULT_WATER_MARKS): Promise<DirectCaptureFile | null> {
    checkWaterMarks(marks);
    if (constants.O_DIRECT === undefined) return null;
    const buffered = await open(path, 'w');
    try {
      const direct = await open(path, constants.O_WRONLY | constants.O_DIRECT);
      return new DirectCaptureFile(direct, buffered, path, marks);
    } catch (error) {
      await buffered.close();
      if (refusesDirect(error)) return null;
      throw error;
    }
  }

  /** The file offset up to which every byte is on disk. */
  private get position(): number {
    const first = this.blocks[0];
    return first ? first.start + first.onDisk : this.end;
  }

  append(data: Uint8Array): void {
    if (this.failure) return; // the error is thrown from drained() and close()
    for (let at = 0; at < data.length;) {
      let tail = this.blocks[this.blocks.length - 1];
      if (!tail || tail.fill === BLOCK) {
        let bytes: Uint8Array;
        try {
          bytes = takeBlock();
        } catch (error) {
          return this.fail(error); // no memory for a block: thrown from drained() and close()
        }
        tail = { bytes, start: this.end, fill: 0, onDisk: 0, writing: false, tailWriting: false };
        this.blocks.push(tail);
      }
      const n = Math.min(BLOCK - tail.fill, data.length - at);
      tail.bytes.set(at === 0 && n === data.length ? data : data.subarray(at, at + n), tail.fill);
      tail.fill += n;
      this.end += n;
      at += n;
      if (tail.fill === BLOCK) {
        this.pump();
        this.firstUnwritten = null; // those bytes are on their way; the wait starts again with the next block
      }
    }
    this.lastAppend = performance.now();
    this.firstUnwritten ??= this.lastAppend;
    if (this.idleTimer === null && !this.closing) {
      this.idleTimer = setTimeout(() => this.onIdleTimer(), IDLE_MS);
      this.idleTimer.unref();
    }
  }

  get pending(): number {
    return this.end - this.position;
  }

  get needsDrain(): boolean {
    return this.pending > this.marks.high || this.failure !== null;
  }

  async drained(): Promise<void> {
    if (this.failure) throw this.failure;
    if (this.pending > this.marks.low) {
      const woken = new Promise<void>((resolve) => this.waiters.push(resolve));
      this.unblockTail();
      await woken;
    }
    if (this.failure) throw this.failure;
  }

  held(start: number, end: number): HeldBytes {
    const from = this.position;
    const out: Uint8Array[] = [];
    for (const block of this.blocks) {
      const lo = Math.max(start, from, block.start);
      const hi = Math.min(end, block.start + block.fill);
      if (lo < hi) out.push(block.bytes.subarray(lo - block.start, hi - block.start)); // concat below copies
    }
    return { from, bytes: Buffer.concat(out) };
  }

  async close(): Promise<void> {
    this.closing = true;
    if (this.idleTimer) clearTimeout(this.idleTimer);
    // Full blocks first (each finished write starts the next), then the partial one, again if
    // bytes came after an idle write of it had started.
    for (;;) {
      await this.settled();
      const tail = this.blocks[this.blocks.length - 1];
      if (this.failure || !tail || tail.fill === BLOCK || tail.onDisk >= tail.fill) break;
      this.writeTail();
    }
    for (const block of this.blocks) giveBack(block.bytes);
    this.blocks = [];
    await Promise.all([this.direct.close(), this.buffered.close()]);
    if (this.failure) throw this.failure;
  }

  /** Waits until no write is under way (each finished write starts the next full block's). */
  private async settled(): Promise<void> {
    while (this.inFlight > 0 || this.blocks.some((block) => block.tailWriting)) {
      await new Promise<void>((resolve) => this.settleWaiters.push(resolve));
    }
  }

  private onIdleTimer(): void {
    this.idleTimer = null;
    const now = performance.now();
    const quiet = now - this.lastAppend;
    const waited = now - (this.firstUnwritten ?? now);
    if (quiet >= IDLE_MS || waited >= MAX_TAIL_WAIT_MS) {
      this.firstUnwritten = null;
      this.writeTail();
    } else if (!this.closing) {
      this.idleTimer = setTimeout(() => this.onIdleTimer(), Math.min(IDLE_MS - quiet, MAX_TAIL_WAIT_MS - waited));
      this.idleTimer.unref();
    }
  }

  /** Starts direct writes of full blocks, up to MAX_IN_FLIGHT. */
  private pump(): void {
    for (const block of this.blocks) {
      if (this.inFlight >= MAX_IN_FLIGHT || this.failure) return;
      if (block.fill === BLOCK && !block.writing && block.onDisk < BLOCK) {
        block.writing = true;
        this.inFlight++;
        void this.writeBlock(block);
      }
    }
  }

  private async writeBlock(block: Block): Promise<void> {
    try {
      let written = 0;
      if (!this.refused) {
        try {
          ({ bytesWritten: written } = await this.direct.write(block.bytes, 0, BLOCK, block.start));
        } catch (error) {
          // A file system that takes O_DIRECT at open but not these writes: the page cache from now on.
          if (!refusesDirect(error)) throw error;
          this.refused = true;
        }
      }
      // The rest of a short direct write (no longer aligned), or all of it once refused.
      await writeFully(this.buffered, block.bytes, written, BLOCK - written, block.start + written);
      block.onDisk = BLOCK;
    } catch (error) {
      this.fail(error);
    } finally {
      block.writing = false;
      this.inFlight--;
      this.settle();
    }
  }

  /**
   * Under water marks smaller than a block, the partial last block alone can keep a waiting
   * producer above the low mark, and no full block is left to write: write that block out.
   */
  private unblockTail(): void {
    const tail = this.blocks[this.blocks.length - 1];
    if (
      this.waiters.length > 0 &&
      tail &&
      tail.fill < BLOCK &&
      this.pending - (tail.fill - tail.onDisk) <= this.marks.low
    )
      this.writeTail();
  }

  /** Writes the partial last block's bytes not yet on disk through the page cache. */
  private writeTail(): void {
    const tail = this.blocks[this.blocks.length - 1];
    if (!tail || this.failure || tail.fill === BLOCK || tail.tailWriting || tail.onDisk >= tail.fill) return;
    const from = tail.onDisk;
    const to = tail.fill;
    tail.tailWriting = true;
    writeFully(this.buffered, tail.bytes, from, to - from, tail.start + from)
      .then(
        () => {
          tail.onDisk = Math.max(tail.onDisk, to);
        },
        (error: unknown) => this.fail(error),
      )
      .finally(() => {
        tail.tailWriting = false;
        this.settle();
      });
  }

  private fail(error: unknown): void {
    this.failure ??= new CaptureWriteError(this.path, error);
    wakeAll(this.waiters);
  }

  /** After a write: drop blocks wholly on disk, start more writes, wake whoever waits. */
  private settle(): void {
    while (this.blocks.length > 0) {
      const first = this.blocks[0]!;
      if (first.onDisk < BLOCK || first.writing || first.tailWriting) break;
      giveBack(first.bytes);
      this.blocks.shift();
    }
    this.pump();
    if (this.failure || this.pending <= this.marks.low) wakeAll(this.waiters);
    else this.unblockTail();
    wakeAll(this.settleWaiters);
  }
}

/** A capture byte file: around the page cache where the system allows it, through it elsewhere. */
export async function openByteCaptureFile(path: string, marks: WaterMarks = DEFAULT_WATER_MARKS): Promise<CaptureFile> {
  return (await DirectCaptureFile.open(path, marks)) ?? (await QueuedCaptureFile.create(path, marks));
}

/**
 * Writes `length` bytes of `bytes` from `offset` at file `position`, going on after a short write
 * (a full disk says so with an error on the next call).
 */
async function writeFully(
  handle: FileHandle,
  bytes: Uint8Array,
  offset: number,
  length: number,
  position: number,
): Promise<void> {
  for (let done = 0; done < length;) {
    const { bytesWritten } = await handle.write(bytes, offset + done, length - done, position + done);
    if (bytesWritten === 0) throw new Error('the disk took no bytes');
    done += bytesWritten;
  }
}
