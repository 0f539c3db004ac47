// How this works: every exchange's full capture lives on disk, never in memory: under
// <dataDir>/captures/<id>/ the bytes sent (tx.bin) and received (rx.bin), in wire order, the frames
// in compact blocks (frames.bin, frame-codec.ts; captures of earlier versions have JSON lines in
// frames.jsonl, still read), meta.json with the summary that history lists, and spec.json with the
// request as the composer sent it (to edit and send again). Each file is a
// CaptureFile (capture-file.ts; the byte files go around the page cache where the system allows,
// capture-file-direct.ts): appends go to the disk in large writes; a writer that
// falls behind says so (needsDrain) so the exchange can stop reading the network until the disk
// catches up. Readers fetch byte ranges on demand; while a capture is being written, its newest
// bytes (queued for the disk) are answered from memory.
import { createReadStream, existsSync } from 'node:fs';
import { mkdir, open, readdir, readFile, rm, writeFile, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import type { ExchangeSummary } from '../../shared/exchange-events';
import type { ExchangeSpec } from '../../shared/exchange-spec';
import type { Direction, Frame } from '../../shared/frames';
import type { CapturedFrame, FramePage } from '../../shared/inspector-api';
import {
  DEFAULT_WATER_MARKS,
  QueuedCaptureFile,
  type CaptureFile,
  type HeldBytes,
  type WaterMarks,
} from './capture-file';
import { openByteCaptureFile } from './capture-file-direct';
import { FrameBlockEncoder } from './frame-codec';
import { frameBlocks, jsonLines, readFramePage } from './frame-pages';
import { EXCHANGE_ID } from '../../shared/exchange-id';
import { MAX_READ_BYTES } from '../../shared/limits';

/** Largest range one readBytes call returns. */
export const MAX_READ = MAX_READ_BYTES;

/** About how much of frames.jsonl one readFrames page holds. */
export const FRAME_PAGE_BYTES = 1024 * 1024;

/** A direction's byte file (tx.bin or rx.bin); anything but a direction is refused, whatever called. */
function byteFile(directory: string, direction: Direction): string {
  if (direction !== 'tx' && direction !== 'rx')
    throw new RangeError(`"${String(direction)}" is not a direction (tx or rx)`);
  return join(directory, `${direction}.bin`);
}

/** meta.json: the summary, and while the exchange runs the pid of the process writing it. */
export type StoredSummary = ExchangeSummary & { ownerPid?: number };

/** Writes a capture's meta.json (what history lists). */
export function writeMeta(directory: string, summary: StoredSummary): Promise<void> {
  return writeFile(join(directory, 'meta.json'), JSON.stringify(summary, null, 2));
}

/** Frames of a block not yet full are written out after this long (a crash loses at most that much). */
export const FRAME_FLUSH_MS = 500;

export class CaptureWriter {
  private readonly frameBlocks = new FrameBlockEncoder();
  private frameTimer: NodeJS.Timeout | null = null;

  private constructor(
    readonly directory: string,
    private readonly files: Record<Direction | 'frames', CaptureFile>,
    private readonly onClosed: () => void,
  ) {}

  /** Opens the capture files; `onClosed` runs once close() is done. */
  static async open(
    directory: string,
    marks: WaterMarks = DEFAULT_WATER_MARKS,
    onClosed: () => void = () => {},
  ): Promise<CaptureWriter> {
    const [tx, rx, frames] = await Promise.all([
      openByteCaptureFile(join(directory, 'tx.bin'), marks),
      openByteCaptureFile(join(directory, 'rx.bin'), marks),
      // Read back while the exchange runs and soon after: through the page cache.
      QueuedCaptureFile.create(join(directory, 'frames.bin'), marks),
    ]);
    return new CaptureWriter(directory, { tx, rx, frames }, onClosed);
  }

  /** Appends bytes of one direction; they arrive in wire order. */
  appendBytes(direction: Direction, data: Uint8Array): void {
    this.files[direction].append(data);
  }

  /**
   * Appends a frame found `t` ms after the exchange started; frames.bin gets them a block at a time,
   * a full one at once, one not full after FRAME_FLUSH_MS (readFrames lags by that much at most).
   */
  appendFrame(direction: Direction, frame: Frame, t: number): void {
    if (this.frameBlocks.add(direction, frame, t)) this.flushFrames();
    else if (this.frameTimer === null) {
      this.frameTimer = setTimeout(() => this.flushFrames(), FRAME_FLUSH_MS);
      this.frameTimer.unref();
    }
  }

  private flushFrames(): void {
    if (this.frameTimer !== null) clearTimeout(this.frameTimer);
    this.frameTimer = null;
    const block = this.frameBlocks.take();
    if (block) this.files.frames.append(block);
  }

  /** True when the disk is behind and the caller should wait for drained(). */
  get needsDrain(): boolean {
    return this.files.tx.needsDrain || this.files.rx.needsDrain || this.files.frames.needsDrain;
  }

  /** Resolves once every file is under its low water mark; throws a write error. */
  async drained(): Promise<void> {
    for (const file of Object.values(this.files)) await file.drained();
  }

  /** Bytes of one direction in [start, end) not yet on disk (see CaptureFile.held). */
  held(direction: Direction, start: number, end: number): HeldBytes {
    return this.files[direction].held(start, end);
  }

  /** Writes everything queued and closes the files; throws the first write error. */
  async close(): Promise<void> {
    this.flushFrames();
    const closed = await Promise.allSettled(Object.values(this.files).map((file) => file.close()));
    this.onClosed();
    const failed = closed.find((result): result is PromiseRejectedResult => result.status === 'rejected');
    if (failed) throw failed.reason;
  }

  /** Records the exchange's final summary (what history lists). */
  async writeSummary(summary: ExchangeSummary): Promise<void> {
    await writeMeta(this.directory, summary);
  }
}

export class CaptureStore {
  private readonly root: string;
  /** Captures being written: their newest bytes may be in memory still. */
  private readonly live = new Map<string, CaptureWriter>();

  constructor(
    dataDir: string,
    private readonly marks: WaterMarks = DEFAULT_WATER_MARKS,
  ) {
    this.root = join(dataDir, 'captures');
  }

  /** The folder of an exchange's capture; throws for anything that is not an exchange id. */
  captureDirectory(id: string): string {
    if (!EXCHANGE_ID.test(id)) throw new Error(`"${id}" is not an exchange id`);
    return join(this.root, id);
  }

  /** Whether a capture of this id exists (live or on disk). */
  exists(id: string): boolean {
    return this.live.has(id) || existsSync(this.captureDirectory(id));
  }

  async create(id: string, summary: ExchangeSummary, spec?: ExchangeSpec): Promise<CaptureWriter> {
    const directory = this.captureDirectory(id);
    await mkdir(directory, { recursive: true });
    if (spec) await writeFile(join(directory, 'spec.json'), JSON.stringify(spec));
    // The writer's pid marks a running capture as this process's: one left running by a process that
    // is gone was interrupted (capture-recovery.ts).
    await writeMeta(directory, { ...summary, ownerPid: process.pid });
    const writer = await CaptureWriter.open(directory, this.marks, () => this.live.delete(id));
    this.live.set(id, writer);
    return writer;
  }

  /** Where one direction's bytes are on disk. */
  bytePath(id: string, direction: Direction): string {
    return byteFile(this.captureDirectory(id), direction);
  }

  /** Bytes [start, end) of one direction (at most MAX_READ of them, fewer at the end of the capture). */
  async readBytes(id: string, direction: Direction, start: number, end: number): Promise<Uint8Array> {
    if (!Number.isSafeInteger(start) || !Number.isSafeInteger(end) || start < 0 || end < start) {
      throw new RangeError(`bytes ${start}..${end} is not a range`);
    }
    end = start + Math.min(end - start, MAX_READ);
    const path = byteFile(this.captureDirectory(id), direction);
    // A live capture's newest bytes may not be on disk yet: those come from memory, the rest from disk.
    const held = this.live.get(id)?.held(direction, start, end);
    const onDisk = held ? Math.max(0, Math.min(end, held.from) - start) : end - start;
    const file = await open(path, 'r');
    try {
      const buffer = new Uint8Array(onDisk + (held?.bytes.length ?? 0));
      const { bytesRead } = await file.read(buffer, 0, onDisk, start);
      if (!held || bytesRead < onDisk) return buffer.subarray(0, bytesRead);
      buffer.set(held.bytes, onDisk);
      return buffer;
    } finally {
      await file.close();
    }
  }

  /**
   * One page of a capture's frames (both directions, each tagged with its direction and time), in
   * order: whole blocks of frames.bin from byte `cursor` on (frame-pages.ts), up to about
   * `pageBytes` of them and at most FRAME_PAGE_FRAMES frames. A block still being written (the
   * exchange runs) is left for a later page. A cursor is 0 or a page's `next`.
   */
  async readFrames(id: string, cursor = 0, pageBytes = FRAME_PAGE_BYTES): Promise<FramePage> {
    const directory = this.captureDirectory(id);
    let file: FileHandle;
    let parse = frameBlocks;
    try {
      file = await open(join(directory, 'frames.bin'), 'r');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      // A capture of an earlier version: JSON lines.
      file = await open(join(directory, 'frames.jsonl'), 'r');
      parse = jsonLines;
    }
    try {
      return await readFramePage(file, cursor, pageBytes, parse);
    } finally {
      await file.close();
    }
  }

  /** Every frame of a capture, page by page. */
  async *frames(id: string): AsyncGenerator<CapturedFrame> {
    for (let cursor: number | null = 0; cursor !== null;) {
      const page = await this.readFrames(id, cursor);
      yield* page.frames;
      cursor = page.next;
    }
  }

  /** The exact bytes of one direction, streamed from disk. */
  streamRaw(id: string, direction: Direction): AsyncIterable<Uint8Array> {
    return createReadStream(byteFile(this.captureDirectory(id), direction), { highWaterMark: 256 * 1024 });
  }

  /**
   * The response's (or the request's) body as the application sees it: the bytes of its `body` and
   * `chunk-data` frames, without chunk-size lines, CRLFs or trailers. Streamed from disk.
   */
  async *streamBody(id: string, direction: Direction = 'rx'): AsyncGenerator<Uint8Array> {
    const file = await open(byteFile(this.captureDirectory(id), direction), 'r');
    try {
      for await (const span of this.frames(id)) {
        if (span.direction !== direction || (span.kind !== 'body' && span.kind !== 'chunk-data')) continue;
        for (let at = span.start; at < span.end; at += MAX_READ) {
          const buffer = new Uint8Array(Math.min(MAX_READ, span.end - at));
          const { bytesRead } = await file.read(buffer, 0, buffer.length, at);
          if (bytesRead === 0) return;
          yield buffer.subarray(0, bytesRead);
        }
      }
    } finally {
      await file.close();
    }
  }

  /** The capture folder of every exchange on disk, by id. */
  async ids(): Promise<string[]> {
    try {
      return (await readdir(this.root)).filter((id) => EXCHANGE_ID.test(id));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    }
  }

  /** The summary as stored (with the writer's pid while it runs); null when meta.json is missing or torn. */
  async storedSummary(id: string): Promise<StoredSummary | null> {
    try {
      return JSON.parse(await readFile(join(this.captureDirectory(id), 'meta.json'), 'utf8')) as StoredSummary;
    } catch (error) {
      // A capture whose meta.json is missing or torn (the app died mid-write) is left out.
      if (error instanceof SyntaxError || (error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
  }

  /** The request an exchange sent, as the composer gave it; null for a capture of an earlier version (none kept). */
  async spec(id: string): Promise<ExchangeSpec | null> {
    try {
      return JSON.parse(await readFile(join(this.captureDirectory(id), 'spec.json'), 'utf8')) as ExchangeSpec;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
  }

  /** Past exchanges, newest first. */
  async list(): Promise<ExchangeSummary[]> {
    const summaries = await Promise.all(
      (await this.ids()).map(async (id) => {
        const stored = await this.storedSummary(id);
        if (stored === null) return null;
        const { ownerPid: _pid, ...summary } = stored;
        return summary;
      }),
    );
    return summaries.filter((s): s is ExchangeSummary => s !== null).sort((a, b) => b.startedAt - a.startedAt);
  }

  async delete(id: string): Promise<void> {
    await rm(this.captureDirectory(id), { recursive: true, force: true });
  }
}
