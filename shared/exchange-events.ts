// What the service tells the renderer about running exchanges: coalesced batches of plain events
// (structured-clone-safe: Uint8Array, never Buffer), each batch with its exchange id, a sequence
// number and a timestamp. Byte previews in a batch are bounded; the full capture is read on demand.
import type { Direction, Frame } from './frames';
import type { SerializedError } from './serialized-error';
import type { ConnectionInfo, ForwardedEvent, FramingDecision, UploadStopped } from './wire-events';

export type { UploadStopped } from './wire-events';

/** `interrupted`: the app stopped (killed, crashed) while it ran; what reached the disk is kept. */
export type ExchangeStatus = 'running' | 'done' | 'error' | 'cancelled' | 'interrupted';

export type ExchangeEvent =
  | { type: 'started'; t: number; method: string; url: string }
  /** The core's events a page is shown, as the core emitted them (shared/wire-events.ts). */
  | ForwardedEvent
  /** Frames found in the bytes of one direction (offsets within this exchange). */
  | { type: 'frames'; t: number; direction: Direction; frames: Frame[] }
  /** A preview of bytes: the first of them, up to the batch's budget. */
  | { type: 'bytes'; t: number; direction: Direction; offset: number; data: Uint8Array }
  /** Upload progress: bytes of the request sent so far, of `total` when known, and the rate. */
  | { type: 'progress'; t: number; sent: number; total: number | null; bytesPerSecond: number }
  /** The exchange is over (the capture is whole on disk), and how. */
  | {
      type: 'end';
      t: number;
      status: ExchangeStatus;
      bytesSent: number;
      bytesReceived: number;
      error?: SerializedError;
    };

export interface ExchangeBatch {
  exchangeId: string;
  seq: number;
  t: number;
  events: ExchangeEvent[];
  /** Bytes seen so far in each direction (also those not previewed). */
  totals: Record<Direction, number>;
  /** Bytes left out of this batch's previews (read them with readBytes). */
  previewDropped: number;
  /** Frames left out of this batch (the capture has them all). */
  framesDropped: number;
}

export interface ExchangeSummary {
  id: string;
  method: string;
  url: string;
  status: ExchangeStatus;
  code: number | null;
  startedAt: number;
  durationMs: number | null;
  bytesSent: number;
  bytesReceived: number;
  /** The server's final response came while the body was being sent, and the rest was not sent. */
  uploadStopped?: UploadStopped;
  /** What carried it: where the host resolved, the connection, the TLS session. */
  connection?: ConnectionInfo;
  /** How the core framed the final response's body (RFC 9112 section 6.3), once its head came. */
  framing?: FramingDecision;
  error?: SerializedError;
}
