// How this works: the one vocabulary of what happens on the wire, from the core's observer to the
// view. The core (main/lowhaio) emits these events, with the id of the connection that carried
// them where there is one (`connection`); the exchange service forwards those a page shows as they
// are (dropping only `connection`, and coalescing bytes and frames into batches:
// shared/exchange-events.ts), and the renderer folds them in one reducer
// (renderer/store/exchange-view.ts). Plain data throughout, but for `error` (an Error, never sent:
// the service serializes it into its own end event) and `data` views (valid during the callback only).
import type { Direction, Frame } from './frames';

/** The server's certificate, as far as a person checks one. */
export interface TlsSummary {
  subject: Record<string, string>;
  issuer: Record<string, string>;
  validFrom: string;
  validTo: string;
  fingerprint256: string;
  subjectAltName?: string;
}

/** An upload the server's early answer stopped: that answer's status, and how much of the body went. */
export interface UploadStopped {
  code: number;
  /** Body bytes sent before the sending stopped. */
  sent: number;
  /** The body's declared length (its Content-Length); null when it was chunked. */
  total: number | null;
}

/** Where the host resolved. */
export interface ResolveEvent {
  type: 'resolve';
  t: number;
  host: string;
  addresses: string[];
}

/** TCP connected (a new connection), or a pooled one was taken (`reused`). */
export interface ConnectEvent {
  type: 'connect';
  t: number;
  /** The connection's number in this run of the app (1, 2, ...). */
  connectionId: number;
  reused: boolean;
  /** Exchanges the connection carried before this one (0 for a new connection). */
  earlierExchanges: number;
  localAddress: string;
  localPort: number;
  remoteAddress: string;
  remotePort: number;
}

/** The TLS handshake ended. */
export interface TlsEvent {
  type: 'tls';
  t: number;
  protocol: string | null;
  cipher: string;
  authorized: boolean;
  authorizationError?: string;
  peerCertificate: TlsSummary | null;
  /** The chain the server sent, its own certificate first, then each issuer's. */
  chain?: TlsSummary[];
  /** The protocol ALPN agreed on (http/1.1), or null when the server chose none. */
  alpn?: string | null;
}

/** Whether the connection goes back to the pool after this exchange, and if not, why. */
export interface ReuseEvent {
  type: 'reuse';
  t: number;
  reusable: boolean;
  /** Exchanges the connection has carried, this one included. */
  exchanges: number;
  /** Why it may not be reused, in words with the RFC section. */
  because?: string;
}

/**
 * How the core framed the final response's body, by which rule of RFC 9112 section 6.3, and whether
 * the connection may carry another request once the body has been read (section 9.3).
 */
export interface FramingDecision {
  body: 'none' | 'length' | 'chunked' | 'close';
  /** The body's length, when Content-Length frames it. */
  length?: number;
  /** The rule of RFC 9112 section 6.3 (1 to 8) that decided. */
  rule: number;
  /** Why the body is framed so, in words, e.g. "no body: it answers a HEAD request". */
  because: string;
  reusable: boolean;
  /** Why the connection may not be reused (the framing's reason, with its RFC section). */
  notReusableBecause?: string;
}

/** A response head: its status line and fields (names as received). */
interface HeadFields {
  t: number;
  code: number;
  reason: string;
  version: string;
  headers: Array<[string, string]>;
}

/** An interim (1xx) response head. */
export type InformationalEvent = { type: 'informational' } & HeadFields;

/** The final response head, and how its body is framed. */
export type ResponseHeadEvent = { type: 'response-head'; framing: FramingDecision } & HeadFields;

/** The final response came while the body was being sent, and the rest of the body was not sent. */
export type UploadStoppedEvent = { type: 'upload-stopped'; t: number } & UploadStopped;

/**
 * The events a page is told about as they are (the service forwards them without `connection`). An
 * interim head is not among them: its frames say all of it, with where it is in the bytes.
 */
export type ForwardedEvent =
  ResolveEvent | ConnectEvent | TlsEvent | ReuseEvent | ResponseHeadEvent | UploadStoppedEvent;

/** What carried an exchange, as the page shows it (and history keeps): folded from the forwarded events. */
export interface ConnectionInfo {
  host?: string;
  addresses?: string[];
  remoteAddress?: string;
  remotePort?: number;
  localAddress?: string;
  localPort?: number;
  connectionId?: number;
  /** The connection had carried an exchange before (taken from the pool). */
  reused?: boolean;
  earlierExchanges?: number;
  tls?: Omit<TlsEvent, 'type' | 't'>;
  /** After the exchange: whether the connection went back to the pool, and if not, why. */
  reuse?: Omit<ReuseEvent, 'type' | 't'>;
}

/** `info` with what a resolve, connect or tls event says (a new object; `info` is not changed). */
export function withConnectionEvent(
  info: ConnectionInfo,
  event: ResolveEvent | ConnectEvent | TlsEvent | ReuseEvent,
): ConnectionInfo {
  switch (event.type) {
    case 'resolve':
      return { ...info, host: event.host, addresses: event.addresses };
    case 'connect': {
      const { type: _type, t: _t, ...where } = event;
      return { ...info, ...where };
    }
    case 'tls': {
      const { type: _type, t: _t, ...tls } = event;
      return { ...info, tls };
    }
    case 'reuse': {
      const { type: _type, t: _t, ...reuse } = event;
      return { ...info, reuse };
    }
  }
}

/** What the core's observer receives, in order: the forwarded events, and what the service handles itself. */
export type WireEvent =
  | ResolveEvent
  | (ConnectEvent & { connection: number })
  | (TlsEvent & { connection: number })
  | (ReuseEvent & { connection: number })
  /** Bytes written or read (offsets relative to this exchange: one direction's, joined, are its wire bytes). */
  | { type: 'bytes'; t: number; connection: number; direction: Direction; offset: number; data: Uint8Array }
  /** A frame the framing engine found in them. */
  | { type: 'frame'; t: number; direction: Direction; frame: Frame }
  | InformationalEvent
  | ResponseHeadEvent
  /** Bytes after the response's end, never parsed (the connection is not reused). */
  | { type: 'extraneous'; t: number; connection: number; data: Uint8Array }
  | (UploadStoppedEvent & { connection: number })
  /** The response ended. */
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

/** The event as a page gets it: the same, without the core's connection id. */
export function forwarded(event: Extract<WireEvent, { type: ForwardedEvent['type'] }>): ForwardedEvent {
  if (!('connection' in event)) return event;
  const { connection: _connection, ...rest } = event;
  return rest as ForwardedEvent;
}
