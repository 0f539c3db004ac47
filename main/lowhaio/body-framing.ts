// How this works: once a response head is complete, these rules decide how its body is framed and
// whether the connection may carry another request afterwards. They follow RFC 9112 section 6.3
// ("Message Body Length") in its order, and section 9.3 for persistence. Pure functions of the
// request method, the status line and the header fields (with their offsets, for errors).
import type { FramingDecision } from '../../shared/wire-events';
import { isToken } from './byte-classes';
import { framingError, type Side } from './framing-errors';
import type { StatusLine } from './head-lines';

export type BodyFraming =
  { kind: 'none' } | { kind: 'length'; length: number } | { kind: 'chunked' } | { kind: 'close' };

export interface LocatedField {
  name: string;
  value: string;
  /** The field line spans [start, end) of the exchange's bytes. */
  start: number;
  end: number;
}

export interface ResponseFraming {
  body: BodyFraming;
  /** The rule of RFC 9112 section 6.3 ("Message Body Length", rules 1 to 8) that decided `body`. */
  rule: number;
  /** Why the body is framed so, in words (without the section, which `rule` gives). */
  because: string;
  /** Whether the connection may be reused once this body has been read to its end. */
  reusable: boolean;
  /** Why it may not, in words, when it may not. */
  notReusableBecause?: string;
}

function isNamed(field: LocatedField, lowerName: string): boolean {
  return field.name.length === lowerName.length && field.name.toLowerCase() === lowerName;
}

/** Elements of a comma-separated list field (RFC 9110 section 5.6.1), empty ones dropped. */
function listElements(fields: LocatedField[], lowerName: string): Array<{ element: string; field: LocatedField }> {
  const out: Array<{ element: string; field: LocatedField }> = [];
  for (const field of fields) {
    if (!isNamed(field, lowerName)) continue;
    for (const raw of field.value.split(',')) {
      const element = raw.trim();
      if (element.length > 0) out.push({ element, field });
    }
  }
  return out;
}

/** Connection options (RFC 9110 section 7.6.1), lower-cased. */
export function connectionOptions(fields: LocatedField[]): Set<string> {
  return new Set(listElements(fields, 'connection').map(({ element }) => element.toLowerCase()));
}

const MAX_CONTENT_LENGTH_DIGITS = 15; // 10^15 - 1 < 2^53: exact in a JS number

/**
 * Content-Length = 1*DIGIT (RFC 9110 section 8.6). Several fields, or a list, are accepted only when
 * every value is textually the same (`05` and `5` are not: section 8.6 lets a recipient take a list
 * of identical values only); anything else is an error, since the framing would be a guess.
 * Returns null when there is no Content-Length.
 */
export function contentLength(fields: LocatedField[], side: Side): number | null {
  let length: number | null = null;
  let firstText = '';
  let first: LocatedField | null = null;
  for (const field of fields) {
    if (!isNamed(field, 'content-length')) continue;
    const elements = field.value.split(',').map((element) => element.trim());
    for (const element of elements) {
      if (!/^[0-9]+$/.test(element)) {
        throw framingError(
          side,
          'ERR_HTTP_INVALID_CONTENT_LENGTH',
          `Content-Length ${JSON.stringify(field.value)} is not a whole number of bytes`,
          {
            offset: field.start,
            start: field.start,
            end: field.end,
            section: '6.3',
          },
        );
      }
      const digits = element.replace(/^0+(?=.)/, '');
      if (digits.length > MAX_CONTENT_LENGTH_DIGITS) {
        throw framingError(
          side,
          'ERR_HTTP_INVALID_CONTENT_LENGTH',
          `Content-Length ${element} is too large to be real`,
          {
            offset: field.start,
            start: field.start,
            end: field.end,
            section: '6.3',
          },
        );
      }
      const value = Number(digits);
      if (length === null) {
        length = value;
        firstText = element;
        first = field;
      } else if (element !== firstText) {
        throw framingError(
          side,
          'ERR_HTTP_CONFLICTING_CONTENT_LENGTH',
          `Content-Length says ${element} here but ${firstText} at byte ${first!.start}${value === length ? ' (the same number, written differently: a repeat must be the same text)' : ''}`,
          {
            offset: field.start,
            start: field.start,
            end: field.end,
            section: '6.3',
            hint: 'With two lengths the body cannot be delimited safely (a request-smuggling pattern); the response is refused.',
          },
        );
      }
    }
  }
  return length;
}

/**
 * The transfer codings of all Transfer-Encoding fields, in order, lower-cased, without parameters
 * (RFC 9112 section 6.1). Null when there is no Transfer-Encoding field.
 */
export function transferCodings(fields: LocatedField[], side: Side): string[] | null {
  const present = fields.filter((field) => isNamed(field, 'transfer-encoding'));
  if (present.length === 0) return null;
  const codings = listElements(fields, 'transfer-encoding').map(({ element, field }) => {
    const semicolon = element.indexOf(';');
    const name = (semicolon < 0 ? element : element.slice(0, semicolon)).trimEnd();
    const coding = name.toLowerCase();
    const where = { offset: field.start, start: field.start, end: field.end };
    // transfer-coding = token *( OWS ";" OWS transfer-parameter ) (RFC 9112 section 6.1).
    if (!isToken(name)) {
      throw framingError(
        side,
        'ERR_HTTP_INVALID_TRANSFER_ENCODING',
        `Transfer-Encoding names ${JSON.stringify(element)}, which is not a transfer coding`,
        { ...where, section: '6.1' },
      );
    }
    // chunked has no parameters (section 7.1): parsers disagree where such a body ends (llhttp reads
    // to the close, h11 refuses), so it is refused.
    if (coding === 'chunked' && semicolon >= 0) {
      throw framingError(
        side,
        'ERR_HTTP_INVALID_TRANSFER_ENCODING',
        `Transfer-Encoding gives chunked parameters (${JSON.stringify(element)}), which it has none of`,
        {
          ...where,
          section: '7.1',
          hint: 'Other parsers read such a body differently (to the close of the connection, or not at all), so its end cannot be trusted.',
        },
      );
    }
    return { coding, field };
  });
  const last = present[present.length - 1]!;
  if (codings.length === 0) {
    throw framingError(side, 'ERR_HTTP_INVALID_TRANSFER_ENCODING', 'Transfer-Encoding names no transfer coding', {
      offset: last.start,
      start: last.start,
      end: last.end,
      section: '6.1',
    });
  }
  const chunked = codings.filter(({ coding }) => coding === 'chunked');
  if (chunked.length > 1) {
    const second = chunked[1]!.field;
    throw framingError(side, 'ERR_HTTP_INVALID_TRANSFER_ENCODING', 'Transfer-Encoding applies chunked more than once', {
      offset: second.start,
      start: second.start,
      end: second.end,
      section: '6.1',
    });
  }
  return codings.map(({ coding }) => coding);
}

const NONE: BodyFraming = Object.freeze({ kind: 'none' });
const CHUNKED: BodyFraming = Object.freeze({ kind: 'chunked' });
const CLOSE: BodyFraming = Object.freeze({ kind: 'close' });

function framed(
  body: BodyFraming,
  rule: number,
  because: string,
  notReusableBecause: string | undefined,
): ResponseFraming {
  return notReusableBecause === undefined
    ? { body, rule, because, reusable: true }
    : { body, rule, because, reusable: false, notReusableBecause };
}

/** What makes a response bodiless under rule 1, in words. */
function bodilessBecause(method: string, code: number): string {
  if (method === 'HEAD') return 'it answers a HEAD request';
  if (code < 200) return `its status ${code} is interim (1xx)`;
  return code === 204 ? 'its status is 204 (No Content)' : 'its status is 304 (Not Modified)';
}

/** RFC 9112 section 6.3, rules 1 to 8, for a response to `method`, and section 9.3 for reuse. */
export function responseFraming(
  method: string,
  status: StatusLine,
  fields: LocatedField[],
  side: Side,
): ResponseFraming {
  const options = connectionOptions(fields);
  const http10 = status.major === 0 || (status.major === 1 && status.minor === 0);
  // The first reason the connection may not carry another request, if any.
  let noReuse: string | undefined;
  // Section 9.3: "close" ends the connection; an HTTP/1.0 peer keeps it only with "keep-alive".
  if (options.has('close')) noReuse = 'the response says Connection: close (RFC 9112 section 9.6)';
  else if (http10 && !options.has('keep-alive'))
    noReuse = `an ${status.version} response without Connection: keep-alive (RFC 9112 section 9.3)`;

  // Rule 1: HEAD, 1xx, 204 and 304 responses end with their head. Their framing headers are checked
  // all the same: an invalid one says the server's framing cannot be trusted, and a Transfer-Encoding
  // on a response that has no body leaves its next bytes in doubt, so the connection is not reused.
  if (method === 'HEAD' || status.code < 200 || status.code === 204 || status.code === 304) {
    const bodilessCodings = transferCodings(fields, side);
    contentLength(fields, side);
    if (bodilessCodings !== null)
      noReuse ??=
        'a response without a body carries Transfer-Encoding, which leaves its next bytes in doubt (RFC 9112 section 6.3, rule 1)';
    return framed(NONE, 1, `no body: ${bodilessBecause(method, status.code)}`, noReuse);
  }
  // Rule 2: a 2xx to CONNECT turns the connection into a tunnel.
  if (method === 'CONNECT' && status.code < 300)
    return framed(
      NONE,
      2,
      'no body: a 2xx answer to CONNECT makes the connection a tunnel right after the head',
      noReuse ?? 'a CONNECT tunnel was opened (RFC 9112 section 6.3, rule 2)',
    );
  // Rules 3 and 4: Transfer-Encoding wins over Content-Length; chunked must be the final coding,
  // otherwise the body runs until the server closes the connection.
  const codings = transferCodings(fields, side);
  if (codings !== null) {
    // Transfer-Encoding wins, but an invalid or conflicting Content-Length beside it is still an
    // error: another reader of these bytes (a proxy) may take the length and frame them differently.
    const both = contentLength(fields, side) !== null;
    if (both) noReuse ??= 'the response has both Transfer-Encoding and Content-Length (RFC 9112 section 6.3, rule 3)';
    if (http10)
      noReuse ??= `an ${status.version} response used Transfer-Encoding (RFC 9112 section 6.1 calls its framing faulty)`;
    const overrides = both ? ', which overrides its Content-Length' : '';
    if (codings[codings.length - 1] === 'chunked')
      return framed(
        CHUNKED,
        both ? 3 : 4,
        `chunked: Transfer-Encoding ends with chunked${overrides}, so the body is read chunk by chunk up to the last chunk`,
        noReuse,
      );
    return framed(
      CLOSE,
      both ? 3 : 4,
      `until the close: Transfer-Encoding does not end with chunked${overrides}, so the body runs until the server closes the connection`,
      noReuse ??
        'the body is delimited by the close of the connection: chunked is not the final transfer coding (RFC 9112 section 6.3, rule 4)',
    );
  }
  // Rules 5 and 6: a valid Content-Length gives the body's length.
  const length = contentLength(fields, side);
  if (length !== null)
    return framed(
      { kind: 'length', length },
      6,
      `by length: Content-Length gives ${length} byte${length === 1 ? '' : 's'}, and there is no Transfer-Encoding`,
      noReuse,
    );
  // Rule 8: otherwise the body is everything until the server closes the connection.
  return framed(
    CLOSE,
    8,
    'until the close: a response with neither Content-Length nor Transfer-Encoding runs until the server closes the connection',
    noReuse ??
      'the body is delimited by the close of the connection: no Content-Length or Transfer-Encoding (RFC 9112 section 6.3, rule 8)',
  );
}

/** The decision as the observer reports it: plain data, the body's kind and length flattened. */
export function framingDecision(framing: ResponseFraming): FramingDecision {
  const { body, rule, because, reusable, notReusableBecause } = framing;
  return {
    body: body.kind,
    ...(body.kind === 'length' ? { length: body.length } : {}),
    rule,
    because,
    reusable,
    ...(notReusableBecause === undefined ? {} : { notReusableBecause }),
  };
}
