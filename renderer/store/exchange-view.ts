// How this works: the renderer's view of one exchange, built by folding its batches in order
// (applyBatch is a pure reducer). It keeps what the views show while the response streams: the
// status line, header tables, a row per chunk as its size line arrives, upload progress, the
// first bytes of each direction for the wire view (bounded; the rest stays in the capture), and
// how it ended.
import type { ExchangeBatch, ExchangeStatus, ExchangeSummary } from '../../shared/exchange-events';
import type { CapturedFrame } from '../../shared/inspector-api';
import type { ChunkExtension, Direction, Frame } from '../../shared/frames';
import type { SerializedError } from '../../shared/serialized-error';

/** Bytes of each direction kept for the wire view. */
export const PREVIEW_LIMIT = 256 * 1024;

export interface ChunkRow {
  index: number;
  size: number;
  extensions: ChunkExtension[];
  /** Offset of its chunk-size line in the response bytes. */
  offset: number;
  /** When its size line was seen (ms, the service's clock). */
  t: number;
  /** Since the previous chunk, in ms (null for the first). */
  gap: number | null;
}

export interface ExchangeView {
  id: string;
  method: string;
  url: string;
  status: ExchangeStatus;
  code: number | null;
  reason: string;
  requestHeaders: Array<[string, string]>;
  responseHeaders: Array<[string, string]>;
  trailers: Array<[string, string]>;
  chunks: ChunkRow[];
  progress: { sent: number; total: number | null; bytesPerSecond: number } | null;
  preview: Record<Direction, Uint8Array>;
  frames: Record<Direction, Frame[]>;
  totals: Record<Direction, number>;
  error: SerializedError | null;
  /** When each phase happened (ms, the service's clock); absent until it has. */
  timings: Timings;
  lastSeq: number;
}

export interface Timings {
  started?: number;
  resolved?: number;
  connected?: number;
  tlsDone?: number;
  /** The last byte of the request handed to the socket. */
  sent?: number;
  firstByte?: number;
  head?: number;
  end?: number;
}

export function emptyView(id: string): ExchangeView {
  return {
    id,
    method: '',
    url: '',
    status: 'running',
    code: null,
    reason: '',
    requestHeaders: [],
    responseHeaders: [],
    trailers: [],
    chunks: [],
    progress: null,
    preview: { tx: new Uint8Array(0), rx: new Uint8Array(0) },
    frames: { tx: [], rx: [] },
    totals: { tx: 0, rx: 0 },
    error: null,
    timings: {},
    lastSeq: -1,
  };
}

function extend(preview: Uint8Array, offset: number, data: Uint8Array): Uint8Array {
  // Previews are contiguous from 0; a piece past a gap (bytes left out of a batch) is not kept.
  if (offset !== preview.length || preview.length >= PREVIEW_LIMIT) return preview;
  const take = Math.min(data.length, PREVIEW_LIMIT - preview.length);
  const out = new Uint8Array(preview.length + take);
  out.set(preview, 0);
  out.set(data.subarray(0, take), preview.length);
  return out;
}

/** Folds one batch into the view; batches out of order or repeated are ignored. */
export function applyBatch(view: ExchangeView, batch: ExchangeBatch): ExchangeView {
  if (batch.exchangeId !== view.id || batch.seq <= view.lastSeq) return view;
  const next: ExchangeView = {
    ...view,
    lastSeq: batch.seq,
    totals: batch.totals,
    chunks: [...view.chunks],
    frames: { tx: [...view.frames.tx], rx: [...view.frames.rx] },
    preview: { ...view.preview },
    timings: { ...view.timings },
  };
  for (const event of batch.events) {
    switch (event.type) {
      case 'started':
        next.method = event.method;
        next.url = event.url;
        next.timings.started = event.t;
        break;
      case 'resolve':
        next.timings.resolved = event.t;
        break;
      case 'connect':
        next.timings.connected = event.t;
        break;
      case 'tls':
        next.timings.tlsDone = event.t;
        break;
      case 'frames':
        for (const frame of event.frames) {
          next.frames[event.direction].push(frame);
          if (event.direction === 'tx' && frame.kind === 'header') next.requestHeaders = [...next.requestHeaders, [frame.name, frame.value]];
          if (event.direction === 'rx' && frame.kind === 'chunk-size') {
            const previous = next.chunks[next.chunks.length - 1];
            next.chunks.push({ index: next.chunks.length + 1, size: frame.size, extensions: frame.extensions, offset: frame.start, t: event.t, gap: previous ? event.t - previous.t : null });
          }
          if (event.direction === 'rx' && frame.kind === 'trailer') next.trailers = [...next.trailers, [frame.name, frame.value]];
        }
        break;
      case 'bytes':
        next.preview[event.direction] = extend(next.preview[event.direction], event.offset, event.data);
        if (event.direction === 'tx') next.timings.sent = event.t;
        else next.timings.firstByte ??= event.t;
        break;
      case 'response-head':
        next.timings.head = event.t;
        next.code = event.code;
        next.reason = event.reason;
        next.responseHeaders = event.headers;
        break;
      case 'progress':
        next.timings.sent = event.t;
        next.progress = { sent: event.sent, total: event.total, bytesPerSecond: event.bytesPerSecond };
        break;
      case 'end':
        next.timings.end = event.t;
        next.status = event.status;
        next.error = event.error ?? null;
        break;
      default:
        break;
    }
  }
  return next;
}

/**
 * A past exchange, reopened from its capture: its summary, every frame, and the first bytes of
 * each direction. Chunk arrival times are not kept on disk, so reopened chunks have no gaps.
 */
export function viewFromCapture(summary: ExchangeSummary, frames: CapturedFrame[], preview: Record<Direction, Uint8Array>): ExchangeView {
  const view = emptyView(summary.id);
  view.method = summary.method;
  view.url = summary.url;
  view.status = summary.status;
  view.code = summary.code;
  view.error = summary.error ?? null;
  view.totals = { tx: summary.bytesSent, rx: summary.bytesReceived };
  view.preview = preview;
  for (const { direction, ...frame } of frames) view.frames[direction].push(frame as Frame);
  let finalHead = false;
  for (const frame of view.frames.rx) {
    if (frame.kind === 'status-line') {
      finalHead = frame.code >= 200;
      if (finalHead) {
        view.reason = frame.reason;
        view.responseHeaders = [];
      }
    } else if (frame.kind === 'header' && finalHead) view.responseHeaders.push([frame.name, frame.value]);
    else if (frame.kind === 'head-end') finalHead = false;
    else if (frame.kind === 'chunk-size') view.chunks.push({ index: view.chunks.length + 1, size: frame.size, extensions: frame.extensions, offset: frame.start, t: 0, gap: null });
    else if (frame.kind === 'trailer') view.trailers.push([frame.name, frame.value]);
  }
  for (const frame of view.frames.tx) {
    if (frame.kind === 'header') view.requestHeaders.push([frame.name, frame.value]);
    if (frame.kind === 'head-end') break;
  }
  return view;
}
