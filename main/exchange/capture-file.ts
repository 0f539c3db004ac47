// How this works: one append-only capture file (tx.bin, rx.bin or frames.jsonl). The CaptureFile
// interface is what the capture store uses; QueuedCaptureFile, here, writes through the page cache
// and serves frames.jsonl everywhere and the byte files where O_DIRECT is not available (the byte
// files otherwise go around the page cache: capture-file-direct.ts). Appends are queued
// in memory and written by one positional writev at a time, each taking everything queued so far, so
// the disk is never idle while there is something to write. Two water marks keep the network and
// the disk overlapping instead of taking turns: past `high` queued bytes the exchange is told to
// wait (needsDrain), and its wait ends once the queue is back under `low`, while the disk is still
// busy with the rest. A write error is kept and thrown (a CaptureWriteError) from drained() and
// close(): nothing is lost silently. Bytes not yet on disk can be read from memory (held()), so a
// reader of a capture being written gets every byte received so far without waiting for the disk.
import type { FileHandle } from 'node:fs/promises';
import { open } from 'node:fs/promises';
import { ServiceError } from './service-errors';

export interface WaterMarks {
  /** Queued bytes past which the writer asks its producer to wait. */
  high: number;
  /** Queued bytes under which a waiting producer may go on. */
  low: number;
}

/** 16 MiB may wait for the disk per file; the producer resumes under 4 MiB. */
export const DEFAULT_WATER_MARKS: WaterMarks = { high: 16 * 1024 * 1024, low: 4 * 1024 * 1024 };

/** The disk refused a capture write (full, removed, no permission). */
export class CaptureWriteError extends ServiceError {
  override name = 'CaptureWriteError';

  constructor(path: string, cause: unknown) {
    super(
      'ERR_CAPTURE_WRITE',
      `Could not write the capture file ${path}: ${(cause as Error).message ?? String(cause)}. ` +
        'The exchange was stopped so that nothing goes unrecorded: free some disk space, or start the app with another data folder.',
      { cause },
    );
  }
}

/** Bytes of a file still in memory: `bytes` start at file offset `from`, and all before `from` is on disk. */
export interface HeldBytes {
  from: number;
  bytes: Uint8Array;
}

/** An append-only capture file being written. */
export interface CaptureFile {
  readonly path: string;
  /** Queues bytes to be written after those already appended. The caller must not change them later. */
  append(data: Uint8Array): void;
  /** Bytes appended and not yet on disk. */
  readonly pending: number;
  /** True when the producer should wait for drained() before giving more. */
  readonly needsDrain: boolean;
  /** Resolves once pending is under the low water mark; throws the write error if one happened. */
  drained(): Promise<void>;
  /** A copy of the bytes in [start, end) that are still in memory, and where the bytes on disk end. */
  held(start: number, end: number): HeldBytes;
  /** Writes everything appended, closes the file, and throws the write error if one happened. */
  close(): Promise<void>;
}

/** Resolves every waiter in `waiters` and empties it (those that wait again join a fresh turn). */
export function wakeAll(waiters: Array<() => void>): void {
  for (const resolve of waiters.splice(0)) resolve();
}

export function checkWaterMarks(marks: WaterMarks): void {
  if (!(marks.low >= 0 && marks.high > marks.low))
    throw new RangeError(`water marks ${marks.low}..${marks.high} are not low < high`);
}

/** Buffers per writev (under every platform's IOV_MAX). */
const MAX_BUFFERS = 512;

export class QueuedCaptureFile implements CaptureFile {
  private queue: Uint8Array[] = [];
  /** The buffers of the writev in progress (held() still answers from them). */
  private inFlight: Uint8Array[] = [];
  private queued = 0;
  private position = 0;
  private writing: Promise<void> | null = null;
  private failure: Error | null = null;
  private waiters: Array<() => void> = [];

  private constructor(
    private readonly handle: FileHandle,
    readonly path: string,
    private readonly marks: WaterMarks,
  ) {}

  static async create(path: string, marks: WaterMarks = DEFAULT_WATER_MARKS): Promise<QueuedCaptureFile> {
    checkWaterMarks(marks);
    return new QueuedCaptureFile(await open(path, 'w'), path, marks);
  }

  /** Queues bytes to be written after those already queued. The caller must not change them later. */
  append(data: Uint8Array): void {
    if (data.length === 0) return;
    this.queue.push(data);
    this.queued += data.length;
    this.writing ??= this.pump();
  }

  /** Bytes queued and not yet written. */
  get pending(): number {
    return this.queued;
  }

  /** True when the producer should wait for drained() before giving more. */
  get needsDrain(): boolean {
    return this.queued > this.marks.high || this.failure !== null;
  }

  /** Resolves once the queue is under the low water mark; throws the write error if one happened. */
  async drained(): Promise<void> {
    if (this.failure) throw this.failure;
    if (this.queued > this.marks.low) await new Promise<void>((resolve) => this.waiters.push(resolve));
    if (this.failure) throw this.failure;
  }

  /** A copy of the bytes in [start, end) that are still in memory, and where the bytes on disk end. */
  held(start: number, end: number): HeldBytes {
    const out: Uint8Array[] = [];
    let at = this.position;
    for (const part of [...this.inFlight, ...this.queue]) {
      if (at >= end) break;
      const lo = Math.max(start, at);
      const hi = Math.min(end, at + part.length);
      if (lo < hi) out.push(part.subarray(lo - at, hi - at)); // concat below copies
      at += part.length;
    }
    return { from: this.position, bytes: Buffer.concat(out) };
  }

  /** Writes what is queued, closes the file, and throws the write error if one happened. */
  async close(): Promise<void> {
    while (this.writing) await this.writing;
    await this.handle.close();
    if (this.failure) throw this.failure;
  }

  private async pump(): Promise<void> {
    try {
      while (this.queue.length > 0 && !this.failure) {
        const buffers = this.queue.length <= MAX_BUFFERS ? this.queue : this.queue.slice(0, MAX_BUFFERS);
        this.queue = buffers === this.queue ? [] : this.queue.slice(MAX_BUFFERS);
        let size = 0;
        for (const buffer of buffers) size += buffer.length;
        this.inFlight = buffers;
        try {
          await this.writeAll(buffers, size);
        } finally {
          this.inFlight = [];
        }
        this.position += size;
        this.queued -= size;
        if (this.queued <= this.marks.low) wakeAll(this.waiters);
      }
    } catch (error) {
      this.failure = new CaptureWriteError(this.path, error);
      this.queue = [];
      this.queued = 0;
      wakeAll(this.waiters);
    } finally {
      this.writing = null;
    }
  }

  /** writev may write less than asked (a full disk, a signal): go on from where it stopped. */
  private async writeAll(buffers: Uint8Array[], size: number): Promise<void> {
    let written = 0;
    let rest = buffers;
    while (written < size) {
      const { bytesWritten } = await this.handle.writev(rest, this.position + written);
      if (bytesWritten === 0) throw new Error('the disk took no bytes');
      written += bytesWritten;
      if (written < size) rest = remainder(buffers, written);
    }
  }
}

/** The buffers after the first `skip` bytes of `buffers`. */
function remainder(buffers: Uint8Array[], skip: number): Uint8Array[] {
  const out: Uint8Array[] = [];
  for (const buffer of buffers) {
    if (skip >= buffer.length) {
      skip -= buffer.length;
      continue;
    }
    out.push(skip > 0 ? buffer.subarray(skip) : buffer);
    skip = 0;
  }
  return out;
}
