// How this works: parsers for the lines of a response head, each given one whole line (CRLF
// included, ending already checked by the LineAssembler) and its exchange offset, returning its
// parts or throwing a located HttpProtocolError. Strict RFC 9112: whitespace before a colon, an
// obs-fold, a control byte in a value, or a malformed status line are errors, not guesses.
import { decodeLatin1 as latin1 } from './latin1';
import { COLON, FIELD_VALUE, HTAB, SP, TCHAR, describeByte, isDigit } from './byte-classes';
import type { HttpProtocolError } from './errors';
import { framingError, type Side } from './framing-errors';

export interface StatusLine {
  /** As written, e.g. "HTTP/1.1". */
  version: string;
  major: number;
  minor: number;
  code: number;
  reason: string;
}

export interface FieldLine {
  name: string;
  value: string;
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
    return framingError(side, 'ERR_HTTP_NOT_HTTP', `The server answered with TLS (a TLS ${byte === 0x16 ? 'handshake' : 'alert'} record begins with ${describeByte(byte)}), not HTTP/1.1`, {
      ...where,
      hint: 'It speaks TLS on this port: use an https:// URL.',
    });
  }
  if (byte === 0x00) {
    return framingError(side, 'ERR_HTTP_NOT_HTTP', 'The server answered with binary data (NUL) where "HTTP/" belongs', {
      ...where,
      hint: 'It does not speak HTTP/1.1 on this port (an HTTP/2-only server\'s frames start with zero bytes).',
    });
  }
  return framingError(side, 'ERR_HTTP_NOT_HTTP', `The response has ${describeByte(byte)} where "HTTP/" belongs (its byte ${lineOffset + 1})`, {
    ...where,
    hint: 'The peer does not speak HTTP/1.1 on this port, or sent something before its response; the protocol name is exactly "HTTP".',
  });
}

function startsWith(bytes: Uint8Array, prefix: number[]): boolean {
  if (bytes.length < prefix.length) return false;
  for (let i = 0; i < prefix.length; i++) if (bytes[i] !== prefix[i]) return false;
  return true;
}

/**
 * status-line = HTTP-version SP status-code SP [ reason-phrase ] (RFC 9112 section 4), where
 * HTTP-version = "HTTP/" DIGIT "." DIGIT (section 2.3). The SP before an empty reason may be
 * missing, as many servers send `HTTP/1.1 204\r\n`.
 */
export function parseStatusLine(line: Uint8Array, start: number, side: Side): StatusLine {
  const end = start + line.length;
  const fail = (code: string, what: string, index: number, section: string, hint?: string): never => {
    throw framingError(side, code, what, { offset: start + index, start, end, section, ...(hint ? { hint } : {}) });
  };
  if (!startsWith(line, HTTP_NAME)) {
    fail('ERR_HTTP_INVALID_STATUS_LINE', 'The status line does not start with "HTTP/"', 0, '4', 'The peer does not speak HTTP/1.1 on this port, or sent something before its response.');
  }
  const v = HTTP_NAME.length;
  if (!isDigit(line[v])) fail('ERR_HTTP_INVALID_VERSION', 'The HTTP version has no major digit', v, '2.3');
  if (line[v + 1] !== 0x2e) fail('ERR_HTTP_INVALID_VERSION', `The HTTP version has ${describeByte(line[v + 1]!)} where "." belongs`, v + 1, '2.3');
  if (!isDigit(line[v + 2])) fail('ERR_HTTP_INVALID_VERSION', 'The HTTP version has no minor digit', v + 2, '2.3');
  const major = line[v]! - 0x30;
  const minor = line[v + 2]! - 0x30;
  // RFC 9112 section 2.3: a 1.x peer with a higher minor version is spoken to as 1.1. HTTP/0.9 is
  // accepted as llhttp does (and treated as 1.0); any other major version is not HTTP/1.
  if (major !== 1 && !(major === 0 && minor === 9)) {
    fail('ERR_HTTP_INVALID_VERSION', `The response claims version ${major}.${minor}, which is not HTTP/1.x`, v, '2.3', 'Only HTTP/1.0 and HTTP/1.1 responses can be read on an HTTP/1.1 connection.');
  }
  const afterVersion = v + 3;
  if (line[afterVersion] !== SP) {
    fail('ERR_HTTP_INVALID_STATUS_LINE', `The status line has ${describeByte(line[afterVersion]!)} after the version where one SP belongs`, afterVersion, '4');
  }
  const c = afterVersion + 1;
  if (!isDigit(line[c]) || !isDigit(line[c + 1]) || !isDigit(line[c + 2])) {
    const bad = [c, c + 1, c + 2].find((i) => !isDigit(line[i]))!;
    fail('ERR_HTTP_INVALID_STATUS_CODE', `The status code has ${describeByte(line[bad]!)} where a digit belongs; it must be exactly three digits`, bad, '4');
  }
  const code = (line[c]! - 0x30) * 100 + (line[c + 1]! - 0x30) * 10 + (line[c + 2]! - 0x30);
  if (code < 100) fail('ERR_HTTP_INVALID_STATUS_CODE', `The status code ${code} is below 100`, c, '4', 'RFC 9110 section 15 defines status codes from 100 to 599.');
  const crlf = line.length - 2;
  let reasonStart = c + 3;
  if (reasonStart < crlf) {
    if (line[reasonStart] !== SP) {
      fail('ERR_HTTP_INVALID_STATUS_CODE', `The status code is followed by ${describeByte(line[reasonStart]!)} where SP belongs`, reasonStart, '4');
    }
    reasonStart++;
  }
  // reason-phrase = 1*( HTAB / SP / VCHAR / obs-text )
  for (let i = reasonStart; i < crlf; i++) {
    if (FIELD_VALUE[line[i]!] !== 1) fail('ERR_HTTP_INVALID_STATUS_LINE', `The reason phrase holds ${describeByte(line[i]!)}`, i, '4');
  }
  return { version: `HTTP/${major}.${minor}`, major, minor, code, reason: latin1(line, Math.min(reasonStart, crlf), crlf) };
}

/**
 * obs-fold (RFC 9112 section 5.2): a field line that starts with whitespace continues the line
 * before. Where it cannot be one (the first line after a status line, section 2.2; trailers) it is
 * refused, and refused at its first byte: the rest of the line need not arrive.
 */
export function obsFoldError(side: Side, section: 'header' | 'trailer', start: number, end = start + 1): HttpProtocolError {
  return framingError(side, 'ERR_HTTP_OBS_FOLD', `A ${section} line starts with whitespace (obs-fold, a continuation of the line before)`, {
    offset: start,
    start,
    end,
    section: '5.2',
    hint: 'Whitespace here cannot continue a field: there is none before it (or it is in a trailer, where lowhaio does not unfold), and peers disagree on what it means.',
  });
}

/**
 * A continuation line (obs-fold = OWS CRLF RWS, RFC 9112 section 5.2): its text without the
 * whitespace around it, and how many bytes of whitespace open it. Its bytes are field content.
 */
export function parseFoldLine(line: Uint8Array, start: number, side: Side): { text: string; indent: number } {
  const crlf = line.length - 2;
  let indent = 0;
  while (indent < crlf && (line[indent] === SP || line[indent] === HTAB)) indent++;
  let textEnd = crlf;
  while (textEnd > indent && (line[textEnd - 1] === SP || line[textEnd - 1] === HTAB)) textEnd--;
  for (let i = indent; i < textEnd; i++) {
    if (FIELD_VALUE[line[i]!] !== 1) {
      throw framingError(side, 'ERR_HTTP_INVALID_HEADER_VALUE', `A folded header value holds ${describeByte(line[i]!)}, a control byte (RFC 9110 section 5.5 allows only visible bytes, SP and HTAB)`, {
        offset: start + i,
        start,
        end: start + line.length,
        section: '5',
      });
    }
  }
  return { text: latin1(line, indent, textEnd), indent };
}

/** Whether the byte that starts a field line makes it an obs-fold. */
export function startsObsFold(byte: number | undefined): boolean {
  return byte === SP || byte === HTAB;
}

/**
 * field-line = field-name ":" OWS field-value OWS (RFC 9112 section 5). No whitespace before the
 * colon (section 5.1), no obs-fold (section 5.2), a value of field-vchar, SP and HTAB only
 * (RFC 9110 section 5.5). The value is returned without its leading and trailing OWS.
 */
export function parseFieldLine(line: Uint8Array, start: number, side: Side, section: 'header' | 'trailer'): FieldLine {
  const end = start + line.length;
  const where = section === 'header' ? 'header' : 'trailer';
  const fail = (code: string, what: string, index: number, rule: string, hint?: string): never => {
    throw framingError(side, code, what, { offset: start + index, start, end, section: rule, ...(hint ? { hint } : {}) });
  };
  const crlf = line.length - 2;
  if (startsObsFold(line[0])) throw obsFoldError(side, section, start, end);
  let colon = 0;
  while (colon < crlf && TCHAR[line[colon]!] === 1) colon++;
  if (colon === crlf) fail('ERR_HTTP_INVALID_HEADER', `A ${where} line has no colon`, Math.max(0, crlf), '5');
  if (line[colon] !== COLON) {
    let ws = colon;
    while (line[ws] === SP || line[ws] === HTAB) ws++;
    if (ws > colon && line[ws] === COLON) {
      fail('ERR_HTTP_SPACE_BEFORE_COLON', `Whitespace between a ${where} name and its colon`, colon, '5.1', 'RFC 9112 requires a response with such a line to be rejected, since peers disagree on the name.');
    }
    fail('ERR_HTTP_INVALID_HEADER_NAME', `A ${where} name holds ${describeByte(line[colon]!)}, which is not allowed in a token`, colon, '5.1');
  }
  if (colon === 0) fail('ERR_HTTP_INVALID_HEADER_NAME', `A ${where} line has an empty name`, 0, '5.1');
  let valueStart = colon + 1;
  let valueEnd = crlf;
  while (valueStart < valueEnd && (line[valueStart] === SP || line[valueStart] === HTAB)) valueStart++;
  while (valueEnd > valueStart && (line[valueEnd - 1] === SP || line[valueEnd - 1] === HTAB)) valueEnd--;
  for (let i = valueStart; i < valueEnd; i++) {
    if (FIELD_VALUE[line[i]!] !== 1) {
      fail('ERR_HTTP_INVALID_HEADER_VALUE', `A ${where} value holds ${describeByte(line[i]!)}, a control byte (RFC 9110 section 5.5 allows only visible bytes, SP and HTAB)`, i, '5');
    }
  }
  return { name: latin1(line, 0, colon), value: latin1(line, valueStart, valueEnd) };
}
