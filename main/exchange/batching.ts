// How this works: the wire observer fires for every read and every frame; the renderer must not
// get one IPC message per event. A BatchCoalescer gathers one exchange's events and sends them as
// one batch at most every `flushMs` (the first after a quiet spell at once), with a bounded preview of bytes (the first
// `previewBytes` of
// each direction of the exchange, which the page shows at once; the rest is counted and stays in the
// capture on disk, read on demand), a bounded number of frames per batch,
// and only the latest upload progress. Past the frame bound, chunk-size frames still go (up to as
// many again), so the chunk table stays live when 100,000 small chunks arrive at once. However fast the wire, what
// crosses IPC per second is bounded.
import type { ExchangeBatch, ExchangeEvent } from '../../shared/exchange-events';
import type { Direction, Frame } from '../../shared/frames';
import { PREVIEW_BYTES } from '../../shared/limits';

export interface BatchLimits {
  /** Longest an event waits before its batch is sent, in ms. */
  flushMs: number;
  /** Bytes previewed of each direction of an exchange (its first bytes; the rest stays on disk). */
  previewBytes: number;
  /**
   * Frames per batch; past it, chunk-size frames (what the chunk table shows) still go, up to as
   * many again, and the rest is counted and read from the capture when the exchange is over.
   */
  maxFrames: number;
}

/**
 * 12,000 frames are about 700 KB of JSON: a batch stays well under a megabyte, and 100,000 chunks (300,000 frames)
 * arrive live in under a second.
 */
export const DEFAULT_BATCH_LIMITS: BatchLimits = { flushMs: 32, previewBytes: PREVIEW_BYTES, maxFrames: 12_000 };

export class BatchCoalescer {
  private events: ExchangeEvent[] = [];
  private seq = 0;
  private previewLeft: Record<Direction, number>;
  private framesLeft: number;
  private sizeLinesLeft: number;
  private previewDropped = 0;
  private framesDropped = 0;
  private timer: NodeJS.Timeout | null = null;
  private lastFlush = -Infinity;
  private readonly totals: Record<Direction, number> = { tx: 0, rx: 0 };

  constructor(
    private readonly exchangeId: string,
    private readonly sink: (batch: ExchangeBatch) => void,
    private readonly limits: BatchLimits = DEFAULT_BATCH_LIMITS,
  ) {
    this.previewLeft = { tx: limits.previewBytes, rx: limits.previewBytes };
    this.framesLeft = limits.maxFrames;
    this.sizeLinesLeft = limits.maxFrames;
  }

  /**
   * Sends what gathers flushMs after the last batch went, or as soon as this turn of the event loop
   * ends when the last batch is older than that: the first event of a quiet exchange (its start, a
   * chunk after a pause) goes out at once, and still no more than one batch per flushMs.
   */
  private schedule(): void {
    this.timer ??= setTimeout(
      () => this.flush(),
      Math.max(0, this.lastFlush + this.limits.flushMs - performance.now()),
    );
  }

  add(event: ExchangeEvent): void {
    if (event.type === 'progress') {
      // Only the latest progress matters.
      const index = this.events.findIndex((e) => e.type === 'progress');
      if (index >= 0) this.events.splice(index, 1);
    }
    this.events.push(event);
    this.schedule();
  }

  addBytes(direction: Direction, offset: number, data: Uint8Array, t: number): void {
    this.totals[direction] = Math.max(this.totals[direction], offset + data.length);
    const take = Math.min(this.previewLeft[direction], data.length);
    this.previewDropped += data.length - take;
    if (take > 0) {
      this.previewLeft[direction] -= take;
      this.events.push({ type: 'bytes', t, direction, offset, data: data.slice(0, take) });
    }
    this.schedule();
  }

  addFrame(direction: Direction, frame: Frame, t: number): void {
    if (this.framesLeft > 0) this.framesLeft--;
    else if (frame.kind === 'chunk-size' && this.sizeLinesLeft > 0) this.sizeLinesLeft--;
    else {
      this.framesDropped++;
      return;
    }
    const last = this.events[this.events.length - 1];
    if (last?.type === 'frames' && last.direction === direction) last.frames.push(frame);
    else this.events.push({ type: 'frames', t, direction, frames: [frame] });
    this.schedule();
  }

  /** Sends what has gathered, if anything. */
  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (this.events.length === 0 && this.previewDropped === 0 && this.framesDropped === 0) return;
    this.lastFlush = performance.now();
    const batch: ExchangeBatch = {
      exchangeId: this.exchangeId,
      seq: this.seq++,
      t: Date.now(),
      events: this.events,
      totals: { ...this.totals },
      previewDropped: this.previewDropped,
      framesDropped: this.framesDropped,
    };
    this.events = [];
    this.framesLeft = this.limits.maxFrames;
    this.sizeLinesLeft = this.limits.maxFrames;
    this.previewDropped = 0;
    this.framesDropped = 0;
    this.sink(batch);
  }
}

/** A batch without its byte previews and frames, for a page that cannot keep up. */
export function summarize(batch: ExchangeBatch): ExchangeBatch {
  let previewDropped = batch.previewDropped;
  let framesDropped = batch.framesDropped;
  const events = batch.events.filter((event) => {
    if (event.type === 'bytes') previewDropped += event.data.length;
    else if (event.type === 'frames') framesDropped += event.frames.length;
    else return true;
    return false;
  });
  return { ...batch, events, previewDropped, framesDropped };
}
