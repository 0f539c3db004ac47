// How this works: the renderer's view of one exchange, built by folding its batches in order
// (applyBatch). It keeps what the views show while the response streams: the status line, header
// tables, a row per chunk as its size line arrives, upload progress, the first bytes of each
// direction for the wire view (bounded; the rest stays in the capture), and how it ended.
// A response can have 100,000 chunks and several frames each, so the frame and chunk lists grow in
// place: folding a batch costs what the batch holds, not what came before. Each view is a new
// object with a higher `revision`; the long lists are shared with the views before it, so compare
// revisions (or lengths), never list identity. Frames, live or from a capture, go through one
// fold (foldFrame), so a reopened exchange reads exactly as it did live.
import type { ExchangeBatch, ExchangeStatus, ExchangeSummary, UploadStopped } from '../../shared/exchange-events';
import type { CapturedFrame } from '../../shared/inspector-api';
import type { ChunkExtension, Direction, Frame } from '../../shared/frames';
import type { SerializedError } from '../../shared/serialized-error';
import { withConnectionEvent, type ConnectionInfo, type FramingDecision } from '../../shared/wire-events';
import { FrameList } from './frame-list';
import { PREVIEW_BYTES } from '../../shared/limits';

/** The extensions of every chunk that has none (one array, not a million empty ones). */
const NO_EXTENSIONS: ChunkExtension[] = [];

/** Bytes of each direction kept for the wire view. */
export const PREVIEW_LIMIT = PREVIEW_BYTES;

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

export interface TrailerRow {
  name: string;
  value: string;
  offset: number;
}

/** An interim (1xx) response before the final one: its status, and where its status line starts. */
export interface InterimRow {
  code: number;
  reason: string;
  offset: number;
  /** When its status line was seen (ms, the service's clock; 0 when not known). */
  t: number;
  /** The frames of its field lines (its header table's rows: fieldsAt). */
  headerFrames: number[];
}

export interface ExchangeView {
  id: string;
  method: string;
  url: string;
  status: ExchangeStatus;
  code: number | null;
  reason: string;
  /** The final response's HTTP version, and where its status line starts (after any interim heads). */
  version: string;
  finalOffset: number | null;
  requestHeaders: Array<[string, string]>;
  responseHeaders: Array<[string, string]>;
  /** Trailer fields after the last chunk, with where each starts in the response bytes. */
  trailers: TrailerRow[];
  chunks: ChunkRow[];
  /** Interim responses (100 Continue, 102, 103), in the order they came. */
  interim: InterimRow[];
  /** The final response came while the body was being sent, and the rest of it was not sent. */
  uploadStopped: UploadStopped | null;
  progress: { sent: number; total: number | null; bytesPerSecond: number } | null;
  preview: Record<Direction, Uint8Array>;
  /** Every frame of each direction so far (grows in place; held compactly, frame-list.ts). */
  frames: Record<Direction, FrameList>;
  /** Which frames are the rows of the header tables (the request's head, the final response's). */
  headerFrames: Record<Direction, number[]>;
  /** Frames the service left out of its batches (too many at once); reread from the capture at the end. */
  framesMissing: number;
  totals: Record<Direction, number>;
  error: SerializedError | null;
  /** When each phase happened (ms, the service's clock); absent until it has. */
  timings: Timings;
  /** Where the host resolved, the connection that carried it, its TLS session. */
  connection: ConnectionInfo;
  /** How the core framed the final response's body, and whether the connection may be reused (null until its head). */
  framing: FramingDecision | null;
  lastSeq: number;
  /** Goes up with every change. */
  revision: number;
  /** Where each direction's head stands while frames are folded (internal to foldFrame). */
  heads: Record<Direction, HeadState>;
}

/** Before a head, inside one (final: its fields are the header table's rows), or past it. */
type HeadState = 'before' | 'final' | 'interim' | 'done';

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
  /** The newest event seen: how far a phase still under way (a slow head) has got. */
  latest?: number;
}

export function emptyView(id: string): ExchangeView {
  return {
    id,
    method: '',
    url: '',
    status: 'running',
    code: null,
    reason: '',
    version: '',
    finalOffset: null,
    requestHeaders: [],
    responseHeaders: [],
    trailers: [],
    chunks: [],
    interim: [],
    uploadStopped: null,
    progress: null,
    preview: { tx: new Uint8Array(0), rx: new Uint8Array(0) },
    frames: { tx: new FrameList(), rx: new FrameList() },
    headerFrames: { tx: [], rx: [] },
    framesMissing: 0,
    totals: { tx: 0, rx: 0 },
    error: null,
    timings: {},
    connection: {},
    framing: null,
    lastSeq: -1,
    revision: 0,
    heads: { tx: 'before', rx: 'before' },
  };
}

/**
 * Adds one frame to `view` (whose lists it extends in place): the frame itself, a header-table row
 * for a field of the request's head or of the final response's head, a chunk row for a chunk-size
 * line (arrived at `t`, or 0 when not known), a trailer row. `heads` and `headerFrames` must be
 * the view's own copies.
 */
function foldFrame(view: ExchangeView, direction: Direction, frame: Frame, t: number): void {
  const index = view.frames[direction].push(frame);
  switch (frame.kind) {
    case 'request-line':
      view.heads.tx = 'final';
      break;
    case 'status-line':
      // An interim (1xx) head is followed by the final one, whose fields the table shows.
      view.heads.rx = frame.code >= 200 ? 'final' : 'interim';
      if (frame.code >= 200) {
        view.headerFrames.rx = [];
        view.reason = frame.reason;
        view.version = frame.version;
        view.finalOffset = frame.start;
      } else if (direction === 'rx')
        view.interim = [
          ...view.interim,
          { code: frame.code, reason: frame.reason, offset: frame.start, t, headerFrames: [] },
        ];
      break;
    case 'header':
      if (view.heads[direction] === 'final') view.headerFrames[direction] = [...view.headerFrames[direction], index];
      else if (view.heads[direction] === 'interim' && direction === 'rx') {
        // An interim head's fields are its own table's rows (a few: the list is copied).
        const last = view.interim[view.interim.length - 1]!;
        view.interim = [...view.interim.slice(0, -1), { ...last, headerFrames: [...last.headerFrames, index] }];
      }
      break;
    case 'head-end':
      if (view.heads[direction] === 'final') view.heads[direction] = 'done';
      break;
    case 'chunk-size':
      if (direction === 'rx') {
        const previous = view.chunks[view.chunks.length - 1];
        view.chunks.push({
          index: view.chunks.length + 1,
          size: frame.size,
          extensions: frame.extensions.length > 0 ? frame.extensions : NO_EXTENSIONS,
          offset: frame.start,
          t,
          gap: previous && t > 0 && previous.t > 0 ? t - previous.t : null,
        });
      }
      break;
    case 'trailer':
      if (direction === 'rx')
        view.trailers = [...view.trailers, { name: frame.name, value: frame.value, offset: frame.start }];
      break;
    default:
      break;
  }
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
    revision: view.revision + 1,
    totals: batch.totals,
    framesMissing: view.framesMissing + batch.framesDropped,
    preview: { ...view.preview },
    timings: { ...view.timings },
    heads: { ...view.heads },
    headerFrames: { ...view.headerFrames },
  };
  for (const event of batch.events) {
    next.timings.latest = Math.max(next.timings.latest ?? event.t, event.t);
    switch (event.type) {
      case 'started':
        next.method = event.method;
        next.url = event.url;
        next.timings.started = event.t;
        break;
      case 'resolve':
        next.timings.resolved = event.t;
        next.connection = withConnectionEvent(next.connection, event);
        break;
      case 'connect':
        next.timings.connected = event.t;
        next.connection = withConnectionEvent(next.connection, event);
        break;
      case 'tls':
        next.timings.tlsDone = event.t;
        next.connection = withConnectionEvent(next.connection, event);
        break;
      case 'reuse':
        next.connection = withConnectionEvent(next.connection, event);
        break;
      case 'frames':
        for (const frame of event.frames) foldFrame(next, event.direction, frame, event.t);
        if (event.direction === 'tx') next.requestHeaders = headerRows(next, 'tx');
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
        next.framing = event.framing;
        break;
      case 'upload-stopped':
        next.uploadStopped = { code: event.code, sent: event.sent, total: event.total };
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

/** The header table of one direction's head, from its header frames. */
function headerRows(view: ExchangeView, direction: Direction): Array<[string, string]> {
  return fieldsAt(view.frames[direction], view.headerFrames[direction]);
}

/** The [name, value] of the header frames at `indexes` (a head's table rows). */
export function fieldsAt(frames: FrameList, indexes: readonly number[]): Array<[string, string]> {
  return indexes.map((i) => {
    const frame = frames.at(i);
    return frame?.kind === 'header' ? [frame.name, frame.value] : ['', ''];
  });
}

/**
 * A copy of the view without its frames, chunk rows and trailers, to fold a capture's frames into
 * (foldCapturedFrames) before it is shown.
 */
export function withoutFrames(view: ExchangeView): ExchangeView {
  return {
    ...view,
    revision: view.revision + 1,
    framesMissing: 0,
    frames: { tx: new FrameList(), rx: new FrameList() },
    chunks: [],
    trailers: [],
    interim: [],
    heads: { tx: 'before', rx: 'before' },
    headerFrames: { tx: [], rx: [] },
  };
}

/**
 * Folds frames read from a capture into `view` (which must not be shown yet: it changes in place),
 * each chunk dated by the time the capture kept for its size line, counted from the view's start.
 */
export function foldCapturedFrames(view: ExchangeView, frames: CapturedFrame[]): void {
  const started = view.timings.started;
  for (const { direction, t, ...frame } of frames)
    foldFrame(view, direction, frame as Frame, t !== undefined && started !== undefined ? started + t : 0);
  view.requestHeaders = headerRows(view, 'tx');
  view.responseHeaders = headerRows(view, 'rx');
}

/**
 * A past exchange, reopened from its capture, before its frames are folded in: its summary and the
 * first bytes of each direction. Times count from the exchange's start (0), as the capture keeps
 * them; frames of captures from before times were kept have none.
 */
export function viewFromSummary(summary: ExchangeSummary, preview: Record<Direction, Uint8Array>): ExchangeView {
  const view = emptyView(summary.id);
  view.method = summary.method;
  view.url = summary.url;
  view.status = summary.status;
  view.code = summary.code;
  view.error = summary.error ?? null;
  view.uploadStopped = summary.uploadStopped ?? null;
  view.connection = summary.connection ?? {};
  view.framing = summary.framing ?? null;
  view.totals = { tx: summary.bytesSent, rx: summary.bytesReceived };
  view.preview = preview;
  view.timings.started = 0;
  return view;
}
