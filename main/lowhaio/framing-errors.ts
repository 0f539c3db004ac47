// Builds the framing engine's errors with one voice: what happened, where in the bytes (an
// exchange-relative offset), the RFC 9112 rule, whose fault it is, and what to do about it.
import type { ErrorCode } from '../../shared/error-codes';
import type { Direction } from '../../shared/frames';
import type { Fault } from '../../shared/serialized-error';
import { HttpHeaderTooLong, HttpProtocolError, type ByteLocation } from './errors';

/** Which bytes are being read: the server's response, or the caller's own request body. */
export interface Side {
  direction: Direction;
  fault: Fault;
  /** How messages name these bytes. */
  noun: string;
  /** Said when a rule has no more specific advice. */
  defaultHint: string;
}

export const RESPONSE_SIDE: Side = {
  direction: 'rx',
  fault: 'server',
  noun: 'the response',
  defaultHint:
    "The server's framing is broken, so nothing after this byte can be trusted; the connection will not be reused.",
};

export const REQUEST_SIDE: Side = {
  direction: 'tx',
  fault: 'caller',
  noun: 'the request',
  defaultHint:
    'The request body says it is chunked but its bytes are not valid chunked coding; fix the body or remove the Transfer-Encoding header.',
};

export interface ErrorSite {
  offset: number;
  start?: number;
  end?: number;
  /** The section of the rule broken: of RFC 9112 unless `rfc` names another (RFC 9110, HTTP Semantics). */
  section: string;
  rfc?: '9110';
  hint?: string;
}

function compose(side: Side, what: string, site: ErrorSite): string {
  return `${what}, at byte ${site.offset} of ${side.noun} (RFC ${site.rfc ?? '9112'} section ${site.section}). ${site.hint ?? side.defaultHint}`;
}

function location(side: Side, site: ErrorSite): ByteLocation {
  return {
    fault: side.fault,
    direction: side.direction,
    offset: site.offset,
    start: site.start ?? site.offset,
    end: site.end ?? site.offset + 1,
    ...(site.rfc === undefined ? { rfc9112Section: site.section } : {}),
  };
}

export function framingError(side: Side, code: ErrorCode, what: string, site: ErrorSite): HttpProtocolError {
  return new HttpProtocolError(code, compose(side, what, site), location(side, site));
}

export function headerTooLong(side: Side, what: string, site: ErrorSite): HttpHeaderTooLong {
  return new HttpHeaderTooLong('ERR_HTTP_HEADER_TOO_LONG', compose(side, what, site), location(side, site));
}
