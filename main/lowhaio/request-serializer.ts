// How this works: turns the caller's method, URL, params and headers into the exact bytes of an
// HTTP/1.1 request head (RFC 9112 section 3), with a frame for each line. Everything is checked
// before a byte is produced. Headers go out in the order given, with their case; `host` is added,
// first, only when the caller did not give one (RFC 9112 section 3.2). The URL's host is IDNA
// (punycode) encoded and its port written only when it is not the scheme's default.
import type { ErrorCode } from '../../shared/error-codes';
import type { Frame } from '../../shared/frames';
import { latin1Bytes } from '../../shared/visible-bytes';
import { HttpInvalidRequestError } from './errors';
import { validateField, validateMethod } from './request-validation';

export interface RequestTarget {
  scheme: 'http' | 'https';
  /** Host to connect to: a DNS name (punycode) or an IP address, without IPv6 brackets. */
  hostname: string;
  port: number;
  /** The Host header's value: host, and the port when it is not the default. */
  authority: string;
  /** origin-form: absolute path and query (RFC 9112 section 3.2.1). */
  target: string;
}

export type RequestBodyFraming = { kind: 'chunked' } | { kind: 'length'; length: number } | { kind: 'none' };

export interface RequestHead {
  bytes: Uint8Array;
  /** The same bytes as a one-byte-per-character string (sockets write these fastest). */
  text: string;
  /** Its size in bytes. */
  length: number;
  frames: Frame[];
  target: RequestTarget;
  /** The header fields as sent, `host` included. */
  headers: Array<[string, string]>;
  /** How the headers frame the body that follows. */
  bodyFraming: RequestBodyFraming;
  /** The caller asked for Connection: close. */
  closeRequested: boolean;
}

const DEFAULT_PORTS = { http: 80, https: 443 } as const;

const targetCache = new Map<string, RequestTarget>();
const TARGET_CACHE_SIZE = 256;

/** The connection endpoint and origin-form target of `url`, with `params` appended to its query. */
export function requestTarget(url: string, params?: Iterable<[string, string]>): RequestTarget {
  if (params !== undefined) return parseTarget(url, params);
  // A client sends to the same few URLs again and again: parse each once (results are frozen).
  let cached = targetCache.get(url);
  if (cached === undefined) {
    cached = Object.freeze(parseTarget(url, undefined));
    if (targetCache.size >= TARGET_CACHE_SIZE) targetCache.delete(targetCache.keys().next().value!);
    targetCache.set(url, cached);
  }
  return cached;
}

function parseTarget(url: string, params: Iterable<[string, string]> | undefined): RequestTarget {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new HttpInvalidRequestError(
      'ERR_HTTP_INVALID_URL',
      `${JSON.stringify(url)} is not a valid URL; write it as http://host[:port]/path or https://host[:port]/path.`,
    );
  }
  const scheme = parsed.protocol.slice(0, -1);
  if (scheme !== 'http' && scheme !== 'https') {
    throw new HttpInvalidRequestError(
      'ERR_HTTP_UNSUPPORTED_SCHEME',
      `The URL's scheme is "${scheme}:"; lowhaio speaks HTTP/1.1 over http: and https: only.`,
    );
  }
  if (parsed.username !== '' || parsed.password !== '') {
    throw new HttpInvalidRequestError(
      'ERR_HTTP_URL_CREDENTIALS',
      'The URL holds credentials (user:password@), which are never sent from a URL; send them in an Authorization header instead.',
    );
  }
  if (parsed.hostname === '')
    throw new HttpInvalidRequestError('ERR_HTTP_INVALID_URL', `The URL ${JSON.stringify(url)} has no host.`);
  let target = `${parsed.pathname || '/'}${parsed.search}`;
  if (params !== undefined) {
    const query = new URLSearchParams([...params]).toString();
    if (query !== '') target += `${parsed.search === '' ? '?' : '&'}${query}`;
  }
  for (let i = 0; i < target.length; i++) {
    const code = target.charCodeAt(i);
    if (code <= 0x20 || code >= 0x7f) {
      throw new HttpInvalidRequestError(
        'ERR_HTTP_INVALID_TARGET',
        `The request target ${JSON.stringify(target)} holds character ${code} at index ${i}; a target is visible ASCII only (RFC 9112 section 3.2), so percent-encode it.`,
      );
    }
  }
  const hostname = parsed.hostname.startsWith('[') ? parsed.hostname.slice(1, -1) : parsed.hostname;
  const port = parsed.port === '' ? DEFAULT_PORTS[scheme] : Number(parsed.port);
  return { scheme, hostname, port, authority: parsed.host, target };
}

function lower(name: string): string {
  return name.toLowerCase();
}

/** How the request's own headers frame its body (RFC 9112 section 6.3, from the sender's side). */
const CHUNKED: RequestBodyFraming = Object.freeze({ kind: 'chunked' });
const NO_BODY: RequestBodyFraming = Object.freeze({ kind: 'none' });

/**
 * How the request's own headers frame its body (RFC 9112 section 6.3, from the sender's side), and
 * the refusal of every framing a strict server would refuse or read differently (section 6): both
 * Content-Length and Transfer-Encoding, more than one Transfer-Encoding field, codings that do not
 * end in chunked or give chunked parameters, a Content-Length that is not one decimal number.
 */
export function requestBodyFraming(headers: Array<[string, string]>): RequestBodyFraming {
  const encodings: string[] = [];
  const lengths: string[] = [];
  for (const [name, value] of headers) {
    const lowerName = lower(name);
    if (lowerName === 'transfer-encoding') encodings.push(value);
    else if (lowerName === 'content-length') lengths.push(value.trim());
  }
  const refuse = (code: ErrorCode, message: string): never => {
    throw new HttpInvalidRequestError(code, `${message} Nothing was sent.`);
  };
  if (encodings.length > 0 && lengths.length > 0) {
    refuse(
      'ERR_HTTP_CL_AND_TE',
      'The request has both Content-Length and Transfer-Encoding: a sender must not send both (RFC 9112 section 6.2), and servers disagree on which wins (request smuggling). Keep one of them.',
    );
  }
  if (encodings.length > 1) {
    refuse(
      'ERR_HTTP_INVALID_TRANSFER_ENCODING',
      `The request has ${encodings.length} Transfer-Encoding fields; lowhaio sends one (stricter than RFC 9110 section 5.3, which lets them be combined, since servers combine them differently). Write the codings in one field, ending with chunked.`,
    );
  }
  if (encodings.length === 1) {
    const codings = encodings[0]!.split(',').map((element) => element.trim());
    const last = codings[codings.length - 1]!;
    if (/^chunked\s*;/i.test(last) || codings.slice(0, -1).some((coding) => /^chunked\b/i.test(coding))) {
      refuse(
        'ERR_HTTP_INVALID_TRANSFER_ENCODING',
        `The request's Transfer-Encoding is ${JSON.stringify(encodings[0])}: chunked takes no parameters and is applied once, last (RFC 9112 section 7.1).`,
      );
    }
    if (last.toLowerCase() !== 'chunked') {
      refuse(
        'ERR_HTTP_INVALID_TRANSFER_ENCODING',
        `The request's Transfer-Encoding is ${JSON.stringify(encodings[0])}: the last coding of a request must be chunked (RFC 9112 section 6.1), or the server cannot tell where the body ends.`,
      );
    }
    return CHUNKED;
  }
  if (lengths.length > 0) {
    if (!lengths.every((value) => /^[0-9]{1,15}$/.test(value) && value === lengths[0])) {
      refuse(
        'ERR_HTTP_INVALID_CONTENT_LENGTH',
        `The request's Content-Length (${lengths.join(', ')}) is not one decimal number of bytes (RFC 9110 section 8.6: repeats must be textually identical); give a single value.`,
      );
    }
    return { kind: 'length', length: Number(lengths[0]) };
  }
  return NO_BODY;
}

/** Frames for a head written as `requestLine`, the header lines, then CRLF. */
function headFrames(method: string, target: string, headers: Array<[string, string]>): Frame[] {
  let offset = method.length + target.length + 12;
  const frames: Frame[] = [{ kind: 'request-line', start: 0, end: offset, method, target, version: 'HTTP/1.1' }];
  for (const [name, value] of headers) {
    const end = offset + name.length + value.length + 4;
    frames.push({ kind: 'header', start: offset, end, name, value });
    offset = end;
  }
  frames.push({ kind: 'head-end', start: offset, end: offset + 2 });
  return frames;
}

/** Whether a Connection field value lists the "close" option, in any case (RFC 9112 section 9.6). */
export function listsClose(connectionValue: string): boolean {
  return connectionValue.split(',').some((option) => option.trim().toLowerCase() === 'close');
}

/** Serializes a request head; throws HttpInvalidRequestError, before producing anything, on bad input. */
export function serializeRequestHead(
  method: string,
  url: string,
  options: { params?: Iterable<[string, string]>; headers?: Iterable<[string, string]> } = {},
): RequestHead {
  validateMethod(method);
  if (method === 'CONNECT') {
    throw new HttpInvalidRequestError(
      'ERR_HTTP_CONNECT_TARGET',
      'CONNECT takes an authority-form target (host:port, RFC 9112 section 3.2.3), and request() sends only the origin-form target of a URL; open a tunnel another way. Nothing was sent.',
    );
  }
  const target = requestTarget(url, options.params);
  const headers: Array<[string, string]> = [];
  let hasHost = false;
  let closeRequested = false;
  let text = `${method} ${target.target} HTTP/1.1\r\n`;
  let index = 0;
  for (const [rawName, rawValue] of options.headers ?? []) {
    const name = String(rawName);
    const value = String(rawValue);
    validateField(name, value, `header ${++index}`);
    const lowerName = lower(name);
    if (lowerName === 'host') {
      if (hasHost) {
        throw new HttpInvalidRequestError(
          'ERR_HTTP_TWO_HOSTS',
          `The request has more than one Host header (header ${index}); a server must answer that with 400 (RFC 9112 section 3.2), so give one. Nothing was sent.`,
        );
      }
      hasHost = true;
    } else if (lowerName === 'connection' && listsClose(value)) closeRequested = true;
    headers.push([name, value]);
  }
  if (!hasHost) headers.unshift(['host', target.authority]);
  for (const [name, value] of headers) text += `${name}: ${value}\r\n`;
  text += '\r\n';
  return new SerializedHead(method, target, headers, text, requestBodyFraming(headers), closeRequested);
}

/** A serialized head. Its bytes and frames are built on first use: only an observer needs them. */
class SerializedHead implements RequestHead {
  private bytesValue: Uint8Array | null = null;
  private framesValue: Frame[] | null = null;
  readonly length: number;

  constructor(
    private readonly method: string,
    readonly target: RequestTarget,
    readonly headers: Array<[string, string]>,
    readonly text: string,
    readonly bodyFraming: RequestBodyFraming,
    readonly closeRequested: boolean,
  ) {
    this.length = text.length;
  }

  get bytes(): Uint8Array {
    return (this.bytesValue ??= latin1Bytes(this.text));
  }

  get frames(): Frame[] {
    return (this.framesValue ??= headFrames(this.method, this.target.target, this.headers));
  }
}
