// How this works: every failure of lowhaio is an HttpError with a stable string `code` (as undici
// does). The tree says whether a retry is safe, as the Python lowhaio does: HttpConnectionError means
// no request byte was sent; HttpDataError means some were, so a non-idempotent request must not be
// repeated blindly. Errors in the bytes (HttpProtocolError and its kin) say whose fault they are and
// where in the bytes they happened. `serializeError` turns any of them into plain data for IPC.
import { isErrorCode, type ErrorCode } from '../../shared/error-codes';
import type { Direction } from '../../shared/frames';
import type { Fault, SerializedError } from '../../shared/serialized-error';

export class HttpError extends Error {
  override name = 'HttpError';
  readonly code: ErrorCode;

  constructor(code: ErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
  }

  toJSON(): SerializedError {
    return serializeError(this);
  }
}

/** Failed before any byte of the request was sent: a retry is safe. */
export class HttpConnectionError extends HttpError {
  override name = 'HttpConnectionError';
}

export class HttpDnsError extends HttpConnectionError {
  override name = 'HttpDnsError';
}

export class HttpTlsError extends HttpConnectionError {
  override name = 'HttpTlsError';
}

export type ConnectionPhase = 'resolve' | 'connect' | 'tls';
export type DataPhase = 'send' | 'receive';

/** A connection phase (resolve, connect, TLS handshake) saw no progress for `socketTimeout` ms. */
export class HttpConnectionTimeoutError extends HttpConnectionError {
  override name = 'HttpConnectionTimeoutError';
  constructor(
    readonly phase: ConnectionPhase,
    message: string,
  ) {
    super('ERR_HTTP_TIMEOUT', message);
  }
}

/** Failed after some of the request was sent: the server may have acted on it. */
export class HttpDataError extends HttpError {
  override name = 'HttpDataError';
}

export interface ByteLocation {
  fault: Fault;
  direction: Direction;
  /** Exchange-relative offset of the offending byte. */
  offset: number;
  /** The offending element spans [start, end); defaults to the one byte at `offset`. */
  start?: number;
  end?: number;
  rfc9112Section?: string;
}

/** Sending or receiving saw no progress for `socketTimeout` ms. */
export class HttpDataTimeoutError extends HttpDataError {
  override name = 'HttpDataTimeoutError';
  constructor(
    readonly phase: DataPhase,
    message: string,
  ) {
    super('ERR_HTTP_TIMEOUT', message);
  }
}

/** A data error located in the bytes of one direction of an exchange. */
export class HttpLocatedError extends HttpDataError {
  override name = 'HttpLocatedError';
  readonly fault: Fault;
  readonly direction: Direction;
  /** Exchange-relative offset of the offending byte. */
  readonly offset: number;
  /** The offending element spans [start, end). */
  readonly start: number;
  readonly end: number;
  readonly rfc9112Section: string | undefined;

  constructor(code: ErrorCode, message: string, where: ByteLocation, options?: { cause?: unknown }) {
    super(code, message, options);
    this.fault = where.fault;
    this.direction = where.direction;
    this.offset = where.offset;
    this.start = where.start ?? where.offset;
    this.end = where.end ?? where.offset + 1;
    this.rfc9112Section = where.rfc9112Section;
  }
}

/** The bytes broke HTTP/1.1's framing rules (RFC 9112). */
export class HttpProtocolError extends HttpLocatedError {
  override name = 'HttpProtocolError';
}

/** The response head (or trailer section) grew past `maxHeaderLength` bytes. */
export class HttpHeaderTooLong extends HttpProtocolError {
  override name = 'HttpHeaderTooLong';
}

/** The connection closed before the response was complete. */
export class HttpConnectionClosedError extends HttpLocatedError {
  override name = 'HttpConnectionClosedError';

  constructor(message: string, where: ByteLocation, options?: { cause?: unknown }) {
    super('ERR_HTTP_CONNECTION_CLOSED', message, where, options);
  }
}

/**
 * The caller's request cannot be sent as given (a header value with CR or LF, a method that is not
 * a token, an unsupported URL). Raised before any byte is produced; nothing was sent.
 */
export class HttpInvalidRequestError extends HttpError {
  override name = 'HttpInvalidRequestError';
  readonly fault: Fault = 'caller';
}

/** Plain data for IPC; keeps the location of framing errors and the chain of causes. */
export function serializeError(error: unknown): SerializedError {
  if (!(error instanceof Error)) {
    return { name: 'Error', code: 'ERR_UNKNOWN', message: `non-Error value thrown: ${String(error)}` };
  }
  const rawCode: unknown = (error as { code?: unknown }).code;
  const out: SerializedError = {
    name: error.name,
    code: isErrorCode(rawCode) ? rawCode : 'ERR_UNKNOWN',
    message: error.message,
  };
  if (!isErrorCode(rawCode) && typeof rawCode === 'string') out.systemCode = rawCode;
  // A caller's mistake (HttpInvalidRequestError, the service's and the API's refusals) says so.
  const fault: unknown = (error as { fault?: unknown }).fault;
  if (fault === 'server' || fault === 'caller' || fault === 'network') out.fault = fault;
  // Resolving, connecting, the TLS handshake, a server that stops sending: between the two ends.
  if (error instanceof HttpConnectionError || error instanceof HttpDataTimeoutError) out.fault = 'network';
  if (error instanceof HttpLocatedError) {
    out.fault = error.fault;
    out.direction = error.direction;
    out.offset = error.offset;
    out.start = error.start;
    out.end = error.end;
    if (error.rfc9112Section !== undefined) out.rfc9112Section = error.rfc9112Section;
  }
  if (error.cause !== undefined) out.cause = serializeError(error.cause);
  return out;
}
