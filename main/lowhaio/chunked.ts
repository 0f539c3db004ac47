// How this works: the chunked transfer coding (RFC 9112 section 7.1), both ways.
// - ChunkedBodyReader is a sans-I/O state machine over a chunked body: it takes bytes split
//   anywhere and emits frames (chunk-size, chunk-data, chunk-end, trailer, body-end), data views and
//   trailers. The response parser drives it for received bodies; the request annotator drives it
//   over the bytes we send, so both directions are framed by the same code.
// - `chunked()` wraps an async iterable of bytes in the chunked coding, as the Python
//   lowhaio-chunked layer does.
//
//   size-line --size>0--> data --(size bytes)--> data-crlf --CRLF--> size-line
//   size-line --size=0--> trailer-line --field--> trailer-line
//                         trailer-line --CRLF--> done
import type { ErrorCode } from '../../shared/error-codes';
import type { ChunkExtension, Frame } from '../../shared/frames';
import { latin1Bytes } from '../../shared/visible-bytes';
import { decodeLatin1 as latin1 } from './latin1';
import {
  BACKSLASH,
  CR,
  DQUOTE,
  EQUALS,
  HEX_VALUE,
  HTAB,
  LF,
  QDTEXT,
  QUOTED_PAIR,
  SEMICOLON,
  SP,
  TCHAR,
  describeByte,
} from './byte-classes';
import { framingError, headerTooLong, type Side } from './framing-errors';
import { obsFoldError, parseFieldLine, startsObsFold } from './head-lines';
import { LineAssembler } from './line-assembler';
import { validateField } from './request-validation';

export type BodyEvent =
  | { type: 'frame'; frame: Frame }
  | { type: 'data'; data: Uint8Array }
  | { type: 'trailers'; trailers: Array<[string, string]> };

export interface ChunkSizeLine {
  size: number;
  extensions: ChunkExtension[];
}

export type ChunkedState = 'size-line' | 'data' | 'data-crlf' | 'trailer-line' | 'done';

export interface ChunkedLimits {
  /** Longest chunk-size line, extensions and CRLF included. */
  maxLineLength: number;
  /** Largest trailer section, final CRLF included. */
  maxTrailerLength: number;
}

export const DEFAULT_MAX_CHUNK_LINE_LENGTH = 4096;

/** Hex digits the in-place path reads (13: under 2^53, so no overflow check is needed there). */
const MAX_FAST_DIGITS = 13;

/** The extensions of every chunk-size line that has none (one frozen array, not one per chunk). */
const NO_EXTENSIONS: ChunkExtension[] = Object.freeze([]) as unknown as ChunkExtension[];

function isWhitespace(byte: number | undefined): boolean {
  return byte === SP || byte === HTAB;
}

/**
 * chunk = chunk-size [ chunk-ext ] CRLF, chunk-size = 1*HEXDIG,
 * chunk-ext = *( BWS ";" BWS chunk-ext-name [ BWS "=" BWS chunk-ext-val ] ) (RFC 9112 section 7.1.1).
 * The line is `line[from, to)`, CRLF included (the whole of `line` unless said otherwise).
 */
export function parseChunkSizeLine(
  line: Uint8Array,
  start: number,
  side: Side,
  from = 0,
  to = line.length,
): ChunkSizeLine {
  const end = start + to - from;
  const crlf = to - 2;
  const fail = (code: ErrorCode, what: string, index: number, section = '7.1'): never => {
    throw framingError(side, code, what, { offset: start + index - from, start, end, section });
  };
  let i = from;
  let size = 0;
  while (i < crlf && HEX_VALUE[line[i]!]! >= 0) {
    if (size > (Number.MAX_SAFE_INTEGER - 15) / 16) {
      fail('ERR_HTTP_CHUNK_SIZE_OVERFLOW', 'The chunk size is larger than 2^53 bytes', i);
    }
    size = size * 16 + HEX_VALUE[line[i]!]!;
    i++;
  }
  if (i === from)
    fail(
      'ERR_HTTP_INVALID_CHUNK_SIZE',
      `The chunk-size line starts with ${describeByte(line[from]!)} where a hex digit belongs`,
      from,
    );
  const extensions: ChunkExtension[] = [];
  while (i < crlf) {
    const semicolon = i;
    while (isWhitespace(line[i])) i++;
    if (line[i] !== SEMICOLON) {
      fail(
        'ERR_HTTP_INVALID_CHUNK_SIZE',
        `The chunk size is followed by ${describeByte(line[i]!)}; only hex digits, then ";" and extensions, may stand before CRLF`,
        i === crlf ? semicolon : i,
      );
    }
    i++;
    while (isWhitespace(line[i])) i++;
    const nameStart = i;
    while (i < crlf && TCHAR[line[i]!] === 1) i++;
    if (i === nameStart)
      fail(
        'ERR_HTTP_INVALID_CHUNK_EXTENSION',
        `A chunk extension has no name: ${describeByte(line[i]!)} follows ";"`,
        i,
        '7.1.1',
      );
    const name = latin1(line, nameStart, i);
    let ws = i;
    while (isWhitespace(line[ws])) ws++;
    if (line[ws] !== EQUALS) {
      extensions.push([name, null]);
      continue;
    }
    i = ws + 1;
    while (isWhitespace(line[i])) i++;
    if (line[i] === DQUOTE) {
      // quoted-string = DQUOTE *( qdtext / quoted-pair ) DQUOTE (RFC 9110 section 5.6.4)
      let value = '';
      i++;
      for (;;) {
        const byte = line[i];
        if (i >= crlf || byte === undefined)
          fail(
            'ERR_HTTP_INVALID_CHUNK_EXTENSION',
            'A quoted chunk-extension value is not closed before the end of the line',
            i,
            '7.1.1',
          );
        if (byte === DQUOTE) break;
        if (byte === BACKSLASH) {
          const escaped = line[i + 1];
          if (i + 1 >= crlf || escaped === undefined || QUOTED_PAIR[escaped] !== 1)
            fail(
              'ERR_HTTP_INVALID_CHUNK_EXTENSION',
              'A backslash in a quoted chunk-extension value escapes nothing valid',
              i,
              '7.1.1',
            );
          value += String.fromCharCode(escaped!);
          i += 2;
          continue;
        }
        if (QDTEXT[byte!] !== 1)
          fail(
            'ERR_HTTP_INVALID_CHUNK_EXTENSION',
            `A quoted chunk-extension value holds ${describeByte(byte!)}`,
            i,
            '7.1.1',
          );
        value += String.fromCharCode(byte!);
        i++;
      }
      i++;
      extensions.push([name, value]);
    } else {
      const valueStart = i;
      while (i < crlf && TCHAR[line[i]!] === 1) i++;
      if (i === valueStart)
        fail(
          'ERR_HTTP_INVALID_CHUNK_EXTENSION',
          `A chunk extension "${name}=" has no value: ${describeByte(line[i]!)} follows "="`,
          i,
          '7.1.1',
        );
      extensions.push([name, latin1(line, valueStart, i)]);
    }
  }
  return { size, extensions };
}

/** Reads one chunked body, from its first chunk-size line to the CRLF that ends it. */
export class ChunkedBodyReader {
  state: ChunkedState = 'size-line';
  /** Data bytes of the current chunk not yet seen. */
  private remaining = 0;
  private crlfSeen = 0;
  private crlfStart = 0;
  private trailerBytes = 0;
  private readonly trailers: Array<[string, string]> = [];
  private readonly lines: LineAssembler;

  /** The error for a chunk-size line past its limit (made once, not a closure per line). */
  private readonly lineTooLong = (start: number, length: number) =>
    framingError(
      this.side,
      'ERR_HTTP_CHUNK_LINE_TOO_LONG',
      `A chunk-size line runs past ${this.limits.maxLineLength} bytes (${length} so far) without its CRLF`,
      {
        offset: start + this.limits.maxLineLength - 1,
        start,
        end: start + length,
        section: '7.1.1',
        hint: 'Chunk extensions are bounded so that a peer cannot make the reader buffer without end.',
      },
    );

  constructor(
    private readonly side: Side,
    private readonly limits: ChunkedLimits,
    private readonly emitFrames: boolean,
  ) {
    this.lines = new LineAssembler(side);
  }

  /** What the reader waits for, in words, for "closed before the end" messages. */
  describeWait(): string {
    switch (this.state) {
      case 'size-line':
        return 'a chunk-size line';
      case 'data':
        return `${this.remaining} more byte(s) of chunk data`;
      case 'data-crlf':
        return 'the CRLF after chunk data';
      case 'trailer-line':
        return 'the trailer section and the final CRLF';
      case 'done':
        return 'nothing';
    }
  }

  /**
   * Consumes `bytes[pos..]` (exchange offset of bytes[0] is `base`) until the body ends, the bytes
   * run out or `out` holds `eventBudget` events; pushes events to `out`; returns the index of the
   * first byte not consumed.
   */
  read(bytes: Uint8Array, pos: number, base: number, out: BodyEvent[], eventBudget = Infinity): number {
    while (pos < bytes.length && out.length < eventBudget) {
      switch (this.state) {
        case 'size-line': {
          // The common line, whole in this read: hex digits and CRLF, nothing else. Read in place
          // (no line copy, no parse of extensions); anything else takes the general path below.
          if (this.lines.pendingLength === 0) {
            let i = pos;
            let size = 0;
            while (i < bytes.length && i - pos < MAX_FAST_DIGITS && HEX_VALUE[bytes[i]!]! >= 0)
              size = size * 16 + HEX_VALUE[bytes[i++]!]!;
            if (
              i > pos &&
              i + 1 < bytes.length &&
              bytes[i] === CR &&
              bytes[i + 1] === LF &&
              i + 2 - pos <= this.limits.maxLineLength
            ) {
              if (this.emitFrames)
                out.push({
                  type: 'frame',
                  frame: { kind: 'chunk-size', start: base + pos, end: base + i + 2, size, extensions: NO_EXTENSIONS },
                });
              pos = i + 2;
              if (size === 0) this.state = 'trailer-line';
              else {
                this.remaining = size;
                this.state = 'data';
              }
              break;
            }
          }
          const line = this.lines.take(bytes, pos, base, this.limits.maxLineLength, this.lineTooLong);
          if (line === null) return bytes.length;
          pos = line.next;
          const { size, extensions } = parseChunkSizeLine(line.bytes, line.start, this.side, line.from, line.to);
          if (this.emitFrames)
            out.push({
              type: 'frame',
              frame: { kind: 'chunk-size', start: line.start, end: line.start + line.to - line.from, size, extensions },
            });
          if (size === 0) this.state = 'trailer-line';
          else {
            this.remaining = size;
            this.state = 'data';
          }
          break;
        }
        case 'data': {
          const take = Math.min(this.remaining, bytes.length - pos);
          const data = bytes.subarray(pos, pos + take);
          if (this.emitFrames)
            out.push({ type: 'frame', frame: { kind: 'chunk-data', start: base + pos, end: base + pos + take } });
          out.push({ type: 'data', data });
          pos += take;
          this.remaining -= take;
          if (this.remaining === 0) {
            this.state = 'data-crlf';
            this.crlfSeen = 0;
            this.crlfStart = base + pos;
          }
          break;
        }
        case 'data-crlf': {
          // The common case, the whole CRLF in this read: one step, not two.
          if (this.crlfSeen === 0 && bytes[pos] === CR && bytes[pos + 1] === LF) {
            pos += 2;
            if (this.emitFrames)
              out.push({ type: 'frame', frame: { kind: 'chunk-end', start: this.crlfStart, end: this.crlfStart + 2 } });
            this.state = 'size-line';
            break;
          }
          const expected = this.crlfSeen === 0 ? CR : LF;
          const byte = bytes[pos]!;
          if (byte !== expected) {
            throw framingError(
              this.side,
              'ERR_HTTP_MISSING_CHUNK_CRLF',
              `Chunk data is followed by ${describeByte(byte)} where ${this.crlfSeen === 0 ? 'CR' : 'LF'} belongs`,
              {
                offset: base + pos,
                start: this.crlfStart,
                end: base + pos + 1,
                section: '7.1',
                hint: 'The chunk size and the data sent disagree: the chunk held more bytes than its size line said, or its CRLF is missing.',
              },
            );
          }
          pos++;
          if (++this.crlfSeen === 2) {
            if (this.emitFrames)
              out.push({ type: 'frame', frame: { kind: 'chunk-end', start: this.crlfStart, end: this.crlfStart + 2 } });
            this.state = 'size-line';
          }
          break;
        }
        case 'trailer-line': {
          if (this.lines.pendingLength === 0 && startsObsFold(bytes[pos]))
            throw obsFoldError(this.side, 'trailer', base + pos);
          const budget = this.limits.maxTrailerLength - this.trailerBytes;
          const line = this.lines.take(bytes, pos, base, budget, (start, length) =>
            headerTooLong(this.side, `The trailer section runs past ${this.limits.maxTrailerLength} bytes`, {
              offset: start + Math.max(0, budget - 1),
              start,
              end: start + length,
              section: '7.1.2',
              hint: 'Raise maxHeaderLength if trailers this large are expected.',
            }),
          );
          if (line === null) return bytes.length;
          pos = line.next;
          const length = line.to - line.from;
          this.trailerBytes += length;
          const end = line.start + length;
          if (length === 2) {
            if (this.emitFrames) out.push({ type: 'frame', frame: { kind: 'body-end', start: line.start, end } });
            if (this.trailers.length > 0) out.push({ type: 'trailers', trailers: this.trailers });
            this.state = 'done';
            return pos;
          }
          const trailer = parseFieldLine(line.bytes, line.from, line.to, line.start, this.side, 'trailer');
          this.trailers.push([trailer.name, trailer.value]);
          if (this.emitFrames) out.push({ type: 'frame', frame: trailer });
          break;
        }
        case 'done':
          return pos;
      }
    }
    return pos;
  }
}

export interface ChunkedOptions {
  /** Trailer fields sent after the last chunk; a function is called once the body has ended. */
  trailers?: Iterable<[string, string]> | (() => Iterable<[string, string]>);
}

function chunkHead(size: number): Uint8Array {
  return latin1Bytes(`${size.toString(16)}\r\n`);
}

const CRLF_BYTES = Uint8Array.of(CR, LF);

/**
 * Wraps a body in the chunked transfer coding: one chunk per non-empty piece of `body` (an empty
 * piece would end the body early), then the last-chunk, any trailers and the final CRLF. The
 * caller sets `transfer-encoding: chunked`. Trailers are checked as headers are (HttpInvalidRequestError).
 */
export async function* chunked(
  body: AsyncIterable<Uint8Array>,
  options: ChunkedOptions = {},
): AsyncGenerator<Uint8Array> {
  for await (const piece of body) {
    if (piece.length === 0) continue;
    const head = chunkHead(piece.length);
    const framed = new Uint8Array(head.length + piece.length + 2);
    framed.set(head, 0);
    framed.set(piece, head.length);
    framed.set(CRLF_BYTES, head.length + piece.length);
    yield framed;
  }
  const trailers = typeof options.trailers === 'function' ? options.trailers() : (options.trailers ?? []);
  let tail = '0\r\n';
  let index = 0;
  for (const [name, value] of trailers) {
    validateField(name, value, `trailer ${++index}`);
    tail += `${name}: ${value}\r\n`;
  }
  yield latin1Bytes(`${tail}\r\n`);
}
