// What a request's `observe` callback receives, in order, as plain objects: where the host
// resolved, which connection carried the exchange, the TLS session, every byte written and read
// (offsets relative to this exchange, so one direction's `bytes`, joined, are exactly its wire
// bytes), every frame the framing engine found in them, the final head, and the end or the error.
// `t` is performance.now() when the event happened. `data` views are valid during the callback only:
// copy what you keep.
import type { Direction, Frame } from '../../shared/frames';

export interface TlsSummary {
  subject: Record<string, string>;
  issuer: Record<string, string>;
  validFrom: string;
  validTo: string;
  fingerprint256: string;
  subjectAltName?: string;
}

export type WireEvent =
  | { type: 'resolve'; t: number; host: string; addresses: string[] }
  | {
      type: 'connect';
      t: number;
      connection: number;
      reused: boolean;
      localAddress: string;
      localPort: number;
      remoteAddress: string;
      remotePort: number;
    }
  | {
      type: 'tls';
      t: number;
      connection: number;
      protocol: string | null;
      cipher: string;
      authorized: boolean;
      authorizationError?: string;
      peerCertificate: TlsSummary | null;
    }
  | { type: 'bytes'; t: number; connection: number; direction: Direction; offset: number; data: Uint8Array }
  | { type: 'frame'; t: number; direction: Direction; frame: Frame }
  | {
      type: 'informational';
      t: number;
      code: number;
      reason: string;
      version: string;
      headers: Array<[string, string]>;
    }
  | {
      type: 'response-head';
      t: number;
      code: number;
      reason: string;
      version: string;
      headers: Array<[string, string]>;
    }
  | { type: 'extraneous'; t: number; connection: number; data: Uint8Array }
  /**
   * The final response (`code`) came while the body was being sent, and the rest of the body was not
   * sent: `bodyBytesSent` of it were, of `bodyBytesDeclared` (its Content-Length; null when chunked).
   */
  | {
      type: 'upload-stopped';
      t: number;
      connection: number;
      code: number;
      bodyBytesSent: number;
      bodyBytesDeclared: number | null;
    }
  | {
      type: 'end';
      t: number;
      connection: number;
      bytesSent: number;
      bytesReceived: number;
      reusable: boolean;
      trailers: Array<[string, string]>;
    }
  | { type: 'error'; t: number; error: Error }
  /** From the redirect helper: the response `code` sent the request from `from` to `to`. */
  | { type: 'redirect'; t: number; code: number; method: string; from: string; to: string; hop: number };

export type Observer = (event: WireEvent) => void;
