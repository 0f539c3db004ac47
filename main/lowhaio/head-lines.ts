// How this works: parsers for the lines of a response head, each given one whole line (CRLF
// included, ending already checked by the LineAssembler) as the range [from, to) of a buffer, and
// the exchange offset of its first byte, returning its parts or throwing a located
// HttpProtocolError. Strict RFC 9112: whitespace before a colon, an
// obs-fold, a control byte in a value, or a malformed status line are errors, not guesses.
import type { ErrorCode } from '../../shared/error-codes';
import { decodeLatin1 as latin1 } from './latin1';
import { COLON, FIELD_VALUE, HTAB, SP, TCHAR, describeByte, isDigit } from './byte-classes';
import type { HttpProtocolError } from './errors';
import type { HeaderFrame, TrailerFrame } from '../../shared/frames';
import { framingError, type Side } from './framing-errors';

export interface StatusLine {
  /** As written, e.g. "HTTP/1.1". */
  version: string;
  major: number;
  minor: number;
  code: number;
  reason: string;
}

/** An error at `index` of the line [from, to) whose first byte is at exchange offset `start`. */
function lineError(
  side: Side,
  code: ErrorCode,
  what: string,
  line: { from: number; to: number; start: number },
  index: number,
  section: string,
  hint?: string,
): HttpProtocolError {
  const { from, to, start } = line;
  return framingError(side, code, what, {
    offset: start + index - from,
    start,
    end: start + to - from,
    section,
    ...(hint ? { hint } : {}),
  });
}

/**
 * HTTP-name = %s"HTTP" (RFC 9112 section 2.3): case-sensitive, and no other protocol's name (llhttp
 * also takes RTSP/ and ICE/; lowhaio reads HTTP/1.x only).
 */
export const HTTP_NAME = Array.from('HTTP/', (c) => c.charCodeAt(0));

/**
 * What a response whose first bytes cannot start a status line is, in words, for its error: a TLS
 * record (an https server on this port), binary data (HTTP/2, another protocol), or plain text.
 */
export function notHttpError(byte: number, lineOffset: number, offset: number, side: Side): HttpProtocolError {
  const where = { offset, start: offset - lineOffset, end: offset + 1, section: '2.3' };
  if (lineOffset === 0 && (byte === 0x16 || byte === 0x15)) {
    return framingError(
      side,
      'ERR_HTTP_NOT_HTTP',
      `The server answered with TLS (a TLS ${byte === 0x16 ? 'handshake' : 'alert'} record begins with ${describeByte(byte)}), not HTTP/1.1`,
      {
        ...where,
        hint: 'It speaks TLS on this port: use an https:// URL.',
      },
    );
  }
  if (byte === 0x00) {
    return framingError(side, 'ERR_HTTP_NOT_HTTP', 'The server answered with binary data (NUL) where "HTTP/" belongs', {
      ...where,
      hint: "It does not speak HTTP/1.1 on this port (an HTTP/2-only server's frames start with zero bytes).",
    });
  }
  return framingError(
    side,
    'ERR_HTTP_NOT_HTTP',
    `The response has ${describeByte(byte)} where "HTTP/" belongs (its byte ${lineOffset + 1})`,
    {
      ...where,
      hint: 'The peer does not speak HTTP/1.1 on this port, or sent something before its response; the protocol name is exactly "HTTP".',
    },
  );
}

function startsWith(bytes: Uint8Array, from: number, to: number, prefix: number[]): boolean {
  if (to - from < prefix.length) return false;
  for (let i = 0; i < prefix.length; i++) if (bytes[from + i] !== prefix[i]) return false;
  return true;
}

/**
 * status-line = HTTP-version SP status-code SP [ reason-phrase ] (RFC 9112 section 4), where
 * HTTP-version = "HTTP/" DIGIT "." DIGIT (section 2.3). The SP before an empty reason may be
 * missing, as many servers send `HTTP/1.1 204\r\n`.
 */
export function parseStatusLine(bytes: Uint8Array, from: number, to: number, start: number, side: Side): StatusLine {
  const line = { from, to, start };
  const fail = (code: ErrorCode, what: string, index: number, section: string, hint?: string): never => {
    throw lineError(side, code, what, line, index, section, hint);
  };
  if (!startsWith(bytes, from, to, HTTP_NAME)) {
    fail(
      'ERR_HTTP_INVALID_STATUS_LINE',
      'The status line does not start with "HTTP/"',
      from,
      '4',
      'The peer does not speak HTTP/1.1 on this port, or sent something before its response.',
    );
  }
  const v = from + HTTP_NAME.length;
  if (!isDigit(bytes[v])) fail('ERR_HTTP_INVALID_VERSION', 'The HTTP version has no major digit', v, '2.3');
  if (bytes[v + 1] !== 0x2e)
    fail(
      'ERR_HTTP_INVALID_VERSION',
      `The HTTP version has ${describeByte(bytes[v + 1]!)} where "." belongs`,
      v + 1,
      '2.3',
    );
  if (!isDigit(bytes[v + 2])) fail('ERR_HTTP_INVALID_VERSION', 'The HTTP version has no minor digit', v + 2, '2.3');
  const major = bytes[v]! - 0x30;
  const minor = bytes[v + 2]! - 0x30;
  // RFC 9112 section 2.3: a 1.x peer with a higher minor version is spoken to as 1.1. HTTP/0.9 is
  // accepted as llhttp does (and treated as 1.0); any other major version is not HTTP/1.
  if (major !== 1 && !(major === 0 && minor === 9)) {
    fail(
      'ERR_HTTP_INVALID_VERSION',
      `The response claims version ${major}.${minor}, which is not HTTP/1.x`,
      v,
      '2.3',
      'Only HTTP/1.0 and HTTP/1.1 responses can be read on an HTTP/1.1 connection.',
    );
  }
  const afterVersion = v + 3;
  if (bytes[afterVersion] !== SP) {
    fail(
      'ERR_HTTP_INVALID_STATUS_LINE',
      `The status line has ${describeByte(bytes[afterVersion]!)} after the version where one SP belongs`,
      afterVersion,
      '4',
    );
  }
  const c = afterVersion + 1;
  if (!isDigit(bytes[c]) || !isDigit(bytes[c + 1]) || !isDigit(bytes[c + 2])) {
    const bad = [c, c + 1, c + 2].find((i) => !isDigit(bytes[i]))!;
    fail(
      'ERR_HTTP_INVALID_STATUS_CODE',
      `The status code has ${describeByte(bytes[bad]!)} where a digit belongs; it must be exactly three digits`,
      bad,
      '4',
    );
  }
  const code = (bytes[c]! - 0x30) * 100 + (bytes[c + 1]! - 0x30) * 10 + (bytes[c + 2]! - 0x30);
  if (code < 100)
    fail(
      'ERR_HTTP_INVALID_STATUS_CODE',
      `The status code ${code} is below 100`,
      c,
      '4',
      'RFC 9110 section 15 defines status codes from 100 to 599.',
    );
  const crlf = to - 2;
  let reasonStart = c + 3;
  if (reasonStart < crlf) {
    if (bytes[reasonStart] !== SP) {
      fail(
        'ERR_HTTP_INVALID_STATUS_CODE',
        `The status code is followed by ${describeByte(bytes[reasonStart]!)} where SP belongs`,
        reasonStart,
        '4',
      );
    }
    reasonStart++;
  }
  // reason-phrase = 1*( HTAB / SP / VCHAR / obs-text )
  for (let i = reasonStart; i < crlf; i++) {
    if (FIELD_VALUE[bytes[i]!] !== 1)
      fail('ERR_HTTP_INVALID_STATUS_LINE', `The reason phrase holds ${describeByte(bytes[i]!)}`, i, '4');
  }
  return {
    version: `HTTP/${major}.${minor}`,
    major,
    minor,
    code,
    reason: latin1(bytes, Math.min(reasonStart, crlf), crlf),
  };
}

/**
 * A line that starts with whitespace where it cannot be an obs-fold (RFC 9112 section 5.2): the
 * first line after a status line, which section 2.2 has a recipient reject or skip, and a trailer
 * line, which lowhaio does not unfold. Refused at its first byte: the rest of the line need not arrive.
 */
export function obsFoldError(
  side: Side,
  section: 'header' | 'trailer',
  start: number,
  end = start + 1,
): HttpProtocolError {
  if (section === 'header')
    return framingError(
      side,
      'ERR_HTTP_OBS_FOLD',
      'A line starts with whitespace before the first field line, where there is no field for it to continue',
      {
        offset: start,
        start,
        end,
        section: '2.2',
        hint: 'RFC 9112 section 2.2 lets a recipient reject the message or skip such lines; lowhaio rejects it, so that no bytes are hidden from you.',
      },
    );
  return framingError(side, 'ERR_HTTP_OBS_FOLD', 'A trailer line starts with whitespace (obs-fold)', {
    offset: start,
    start,
    end,
    section: '5.2',
    hint: 'lowhaio does not unfold trailer lines: stricter than RFC 9112 section 5.2, which has a user agent replace each fold with a space.',
  });
}

/**
 * A continuation line (obs-fold = OWS CRLF RWS, RFC 9112 section 5.2): its text without the
 * whitespace around it, and how many bytes of whitespace open it. Its bytes are field content.
 */
export function parseFoldLine(
  bytes: Uint8Array,
  from: number,
  to: number,
  start: number,
  side: Side,
): { text: string; indent: number } {
  const crlf = to - 2;
  let textStart = from;
  while (textStart < crlf && (bytes[textStart] === SP || bytes[textStart] === HTAB)) textStart++;
  let textEnd = crlf;
  while (textEnd > textStart && (bytes[textEnd - 1] === SP || bytes[textEnd - 1] === HTAB)) textEnd--;
  for (let i = textStart; i < textEnd; i++) {
    if (FIELD_VALUE[bytes[i]!] !== 1) {
      throw lineError(
        side,
        'ERR_HTTP_INVALID_HEADER_VALUE',
        `A folded header value holds ${describeByte(bytes[i]!)}, a control byte (RFC 9110 section 5.5 allows only visible bytes, SP and HTAB)`,
        { from, to, start },
        i,
        '5',
      );
    }
  }
  return { text: latin1(bytes, textStart, textEnd), indent: textStart - from };
}

/** Field names seen lately, by hash: a head repeats a few names many times (Set-Cookie, Date...). */
const NAME_SLOTS = 512;
const MAX_SHARED_NAME = 64;
const recentNames: string[] = new Array<string>(NAME_SLOTS).fill('');

/**
 * The name bytes[from, to) as a string: the one made for the same bytes before when it is still in
 * its slot (as Go's textproto shares its common header keys), so that 100,000 field lines with 100
 * names make 100 name strings, not 100,000.
 */
function fieldName(bytes: Uint8Array, from: number, to: number, hash: number): string {
  const length = to - from;
  const slot = hash & (NAME_SLOTS - 1);
  const recent = recentNames[slot]!;
  if (recent.length === length) {
    let i = 0;
    while (i < length && recent.charCodeAt(i) === bytes[from + i]) i++;
    if (i === length) return recent;
  }
  const name = latin1(bytes, from, to);
  if (length <= MAX_SHARED_NAME) recentNames[slot] = name;
  return name;
}

/** Whether the byte that starts a field line makes it an obs-fold. */
export function startsObsFold(byte: number | undefined): boolean {
  return byte === SP || byte === HTAB;
}

/**
 * field-line = field-name ":" OWS field-value OWS (RFC 9112 section 5). No whitespace before the
 * colon (section 5.1), no obs-fold (section 5.2), a value of field-vchar, SP and HTAB only
 * (RFC 9110 section 5.5). The value is returned without its leading and trailing OWS, in the
 * line's frame (a header or trailer frame: the parser keeps that one object as its field).
 */
export function parseFieldLine<K extends 'header' | 'trailer'>(
  bytes: Uint8Array,
  from: number,
  to: number,
  start: number,
  side: Side,
  kind: K,
): K extends 'header' ? HeaderFrame : TrailerFrame;
export function parseFieldLine(
  bytes: Uint8Array,
  from: number,
  to: number,
  start: number,
  side: Side,
  kind: 'header' | 'trailer',
): HeaderFrame | TrailerFrame {
  const crlf = to - 2;
  if (startsObsFold(bytes[from])) throw obsFoldError(side, kind, start, start + to - from);
  let colon = from;
  let hash = 0;
  while (colon < crlf && TCHAR[bytes[colon]!] === 1) hash = (hash * 31 + bytes[colon++]!) | 0;
  if (colon === crlf)
    throw lineError(
      side,
      'ERR_HTTP_INVALID_HEADER',
      `A ${kind} line has no colon`,
      { from, to, start },
      Math.max(from, crlf),
      '5',
    );
  if (bytes[colon] !== COLON) {
    let ws = colon;
    while (bytes[ws] === SP || bytes[ws] === HTAB) ws++;
    if (ws > colon && bytes[ws] === COLON) {
      throw lineError(
        side,
        'ERR_HTTP_SPACE_BEFORE_COLON',
        `Whitespace between a ${kind} name and its colon`,
        { from, to, start },
        colon,
        '5.1',
        'RFC 9112 binds servers (reject such a request with 400) and proxies (remove the whitespace from a response); lowhaio refuses it in a response too, stricter than the RFC asks of a client, since readers have disagreed on such a name.',
      );
    }
    throw lineError(
      side,
      'ERR_HTTP_INVALID_HEADER_NAME',
      `A ${kind} name holds ${describeByte(bytes[colon]!)}, which is not allowed in a token`,
      { from, to, start },
      colon,
      '5.1',
    );
  }
  if (colon === from)
    throw lineError(
      side,
      'ERR_HTTP_INVALID_HEADER_NAME',
      `A ${kind} line has an empty name`,
      { from, to, start },
      from,
      '5.1',
    );
  let valueStart = colon + 1;
  let valueEnd = crlf;
  while (valueStart < valueEnd && (bytes[valueStart] === SP || bytes[valueStart] === HTAB)) valueStart++;
  while (valueEnd > valueStart && (bytes[valueEnd - 1] === SP || bytes[valueEnd - 1] === HTAB)) valueEnd--;
  for (let i = valueStart; i < valueEnd; i++) {
    if (FIELD_VALUE[bytes[i]!] !== 1) {
      throw lineError(
        side,
        'ERR_HTTP_INVALID_HEADER_VALUE',
        `A ${kind} value holds ${describeByte(bytes[i]!)}, a control byte (RFC 9110 section 5.5 allows only visible bytes, SP and HTAB)`,
        { from, to, start },
        i,
        '5',
      );
    }
  }
  return {
    kind,
    start,
    end: start + to - from,
    name: fieldName(bytes, from, colon, hash),
    value: latin1(bytes, valueStart, valueEnd),
  };
}
