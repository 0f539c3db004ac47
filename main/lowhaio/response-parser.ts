// How this works: ResponseParser is the sans-I/O reader of one HTTP/1.1 response (as h11's
// connection state machine): the caller feeds it the bytes received, split anywhere, and gets back
// events; it never touches a socket or a timer. Every consumed byte is accounted for by exactly one
// frame, with offsets relative to the start of this exchange's response bytes.
//
// States and their transitions, all in `feed` below:
//   status-line  --blank line--------------------------> status-line      (RFC 9112 section 2.2)
//   status-line  --status line------------------------> header-line
//   header-line  --field line-------------------------> header-line      (section 5)
//   header-line  --empty line, 1xx (not 101)----------> status-line      (interim response)
//   header-line  --empty line, framing (section 6.3)--> done | body-length | chunked-body | body-until-close
//   body-length  --Content-Length bytes---------------> done
//   chunked-body --last-chunk, trailers, CRLF---------> done              (section 7.1, chunked.ts)
//   body-until-close --end()--------------------------> done
//   any          --a framing error-------------------> failed
// Bytes that arrive after `done` are never parsed as another response (no pipelining): they are
// reported as `extraneous` and make the connection unfit for reuse. A caller that must not be held
// by one read (a hostile server's one-byte chunks make four events of every six bytes) gives feed()
// an event budget: past it the parser stops at a step's end and reports the bytes it did not read
// as `paused`, to be fed again later; the frames still tile the bytes.
import type { Frame, HeaderFrame } from '../../shared/frames';
import { framingDecision, responseFraming, type BodyFraming, type LocatedField } from './body-framing';
import type { FramingDecision } from '../../shared/wire-events';
import { ChunkedBodyReader, DEFAULT_MAX_CHUNK_LINE_LENGTH, type BodyEvent } from './chunked';
import { HttpConnectionClosedError, HttpProtocolError } from './errors';
import { RESPONSE_SIDE, framingError, headerTooLong } from './framing-errors';
import {
  HTTP_NAME,
  notHttpError,
  obsFoldError,
  parseFieldLine,
  parseFoldLine,
  parseStatusLine,
  startsObsFold,
  type StatusLine,
} from './head-lines';
import { LineAssembler } from './line-assembler';

export type ParserState =
  'status-line' | 'header-line' | 'body-length' | 'chunked-body' | 'body-until-close' | 'done' | 'failed';

export interface ResponseHead {
  version: string;
  code: number;
  reason: string;
  /** Field lines in order, names and values as received (values without surrounding whitespace). */
  headers: Array<[string, string]>;
}

export type ResponseEvent =
  | BodyEvent
  | ({ type: 'informational' } & ResponseHead)
  | ({ type: 'head'; framing: BodyFraming; decision: FramingDecision } & ResponseHead)
  | { type: 'end'; reusable: boolean }
  | { type: 'extraneous'; data: Uint8Array }
  /** The event budget ran out: `rest` (the end of the bytes fed) was not read; feed it again. */
  | { type: 'paused'; rest: Uint8Array }
  | { type: 'error'; error: HttpProtocolError | HttpConnectionClosedError };

export interface ResponseParserOptions {
  /**
   * The request's method, as sent: a response to HEAD (exactly; methods are case-sensitive) has no body (RFC 9112
   * section 6.3).
   */
  method: string;
  /** Largest response head, status line to final CRLF (default 16384). Also bounds trailers. */
  maxHeaderLength?: number;
  /** Longest chunk-size line, extensions included (default 4096). */
  maxChunkLineLength?: number;
  /** Emit frame events (default true). A caller that shows no bytes can skip building them. */
  frames?: boolean;
  /** Interim (1xx) responses taken before the final one (default DEFAULT_MAX_INFORMATIONAL). */
  maxInformational?: number;
}

export const DEFAULT_MAX_HEADER_LENGTH = 16384;

/**
 * RFC 9110 section 15.2 sets no bound on interim responses; an endless stream of them would hold an
 * exchange forever, so lowhaio takes this many and calls the next one an error (stricter than the RFC).
 */
export const DEFAULT_MAX_INFORMATIONAL = 32;

export class ResponseParser {
  private stateValue: ParserState = 'status-line';
  /** Exchange offset of the next byte fed. */
  private offset = 0;
  private headBytes = 0;
  private status: StatusLine | null = null;
  private statusLineStart = 0;
  private fields: LocatedField[] = [];
  private bodyRemaining = 0;
  private chunkedReader: ChunkedBodyReader | null = null;
  private reusableValue = false;
  /** Why the connection may not be reused, in words with the RFC section, once that is known. */
  private noReuse: string | undefined = undefined;
  private failure: HttpProtocolError | HttpConnectionClosedError | null = null;
  private readonly lines = new LineAssembler(RESPONSE_SIDE);
  private readonly method: string;
  private readonly maxHeaderLength: number;
  private readonly maxChunkLineLength: number;
  private readonly emitFrames: boolean;
  private readonly maxInformational: number;
  private informational = 0;
  /**
   * The last field line, held until the next line shows it is not folded onto (obs-fold). Its
   * frame is its field: one object per line, kept in `fields` and emitted as the frame.
   */
  private held: HeaderFrame | null = null;
  /** The obs-folds of the held field line, when it has any (null: none, no array made). */
  private heldFolds: Array<[number, number]> | null = null;
  /** The error for a head past maxHeaderLength (made once, not a closure per line). */
  private readonly headTooLong = (start: number, length: number) => {
    const budget = this.maxHeaderLength - this.headBytes;
    return headerTooLong(
      RESPONSE_SIDE,
      `The response head runs past ${this.maxHeaderLength} bytes (maxHeaderLength) without ending`,
      {
        offset: start + Math.max(0, budget - 1),
        start,
        end: start + length,
        section: '5',
        hint: "HTTP sets no limit on a head (RFC 9110 section 5.4): this one is lowhaio's own. Raise maxHeaderLength if the server is right to send a head this large.",
      },
    );
  };
  /** The line being read in status-line starts with CR or LF: an empty line, not a status line. */
  private blankLine = false;

  constructor(options: ResponseParserOptions) {
    // Case-sensitive (RFC 9112 section 3.1): only "HEAD" asks for a response without a body.
    this.method = options.method;
    this.maxHeaderLength = options.maxHeaderLength ?? DEFAULT_MAX_HEADER_LENGTH;
    this.maxChunkLineLength = options.maxChunkLineLength ?? DEFAULT_MAX_CHUNK_LINE_LENGTH;
    this.emitFrames = options.frames ?? true;
    this.maxInformational = options.maxInformational ?? DEFAULT_MAX_INFORMATIONAL;
  }

  get state(): ParserState {
    return this.stateValue;
  }

  /** Bytes consumed so far (the next byte's exchange offset). */
  get consumed(): number {
    return this.offset;
  }

  /** True once the response is complete and the connection may carry another request. */
  get reusable(): boolean {
    return this.stateValue === 'done' && this.reusableValue;
  }

  /** Once the response is over: why the connection may not carry another request (undefined when it may). */
  get notReusableBecause(): string | undefined {
    return this.reusable ? undefined : (this.noReuse ?? 'the response did not end');
  }

  get error(): HttpProtocolError | HttpConnectionClosedError | null {
    return this.failure;
  }

  /**
   * Feeds received bytes; returns what they completed. After an `error` event the parser is dead.
   * With an `eventBudget`, it stops once that many events are out (at the end of a step) and reports
   * the bytes left as `paused`.
   */
  feed(bytes: Uint8Array, eventBudget = Infinity): ResponseEvent[] {
    const out: ResponseEvent[] = [];
    if (this.failure) return [{ type: 'error', error: this.failure }];
    const base = this.offset;
    let pos = 0;
    try {
      while (pos < bytes.length && this.stateValue !== 'done' && out.length < eventBudget)
        pos = this.step(bytes, pos, base, out, eventBudget);
    } catch (error) {
      if (!(error instanceof HttpProtocolError)) throw error;
      return this.fail(error, out);
    }
    this.offset = base + pos;
    if (pos < bytes.length && this.stateValue !== 'done') {
      out.push({ type: 'paused', rest: bytes.subarray(pos) });
      return out;
    }
    if (pos < bytes.length) {
      // Section 9.3 allows pipelining, but a client that sent one request must not read more: the
      // bytes are not parsed, and the connection (even if this very read completed the response)
      // is not reused.
      this.reusableValue = false;
      this.noReuse ??= `${bytes.length - pos} byte(s) came after the response's end, which a client that sent one request cannot pair with anything (RFC 9112 section 9.3)`;
      for (const event of out) if (event.type === 'end') event.reusable = false;
      out.push({ type: 'extraneous', data: bytes.subarray(pos) });
    }
    return out;
  }

  /** The server closed the connection (EOF). Ends a close-delimited body; anything else is cut short. */
  end(): ResponseEvent[] {
    if (this.failure) return [{ type: 'error', error: this.failure }];
    if (this.stateValue === 'done') return [];
    if (this.stateValue === 'body-until-close') {
      this.stateValue = 'done';
      this.reusableValue = false;
      return [{ type: 'end', reusable: false }];
    }
    const where = {
      fault: 'server' as const,
      direction: 'rx' as const,
      offset: this.offset,
      start: this.offset,
      end: this.offset,
      rfc9112Section: '8',
    };
    const message = `The server closed the connection after ${this.offset} byte(s) of the response, while waiting for ${this.describeWait()}. ${
      this.offset === 0
        ? 'It sent no response at all; if the connection was reused from the pool it may have timed out on the server side.'
        : 'The response is incomplete (RFC 9112 section 8).'
    }`;
    return this.fail(new HttpConnectionClosedError(message, where), []);
  }

  private fail(error: HttpProtocolError | HttpConnectionClosedError, out: ResponseEvent[]): ResponseEvent[] {
    this.failure = error;
    this.stateValue = 'failed';
    this.reusableValue = false;
    this.noReuse ??= `the response could not be read (${error.code}), so where it ends is unknown`;
    out.push({ type: 'error', error });
    return out;
  }

  private describeWait(): string {
    switch (this.stateValue) {
      case 'status-line':
        return this.lines.pendingLength > 0 ? 'the end of the status line' : 'the status line';
      case 'header-line':
        return 'the end of the header section';
      case 'body-length':
        return `${this.bodyRemaining} more body byte(s) (Content-Length)`;
      case 'chunked-body':
        return this.chunkedReader!.describeWait();
      default:
        return 'nothing';
    }
  }

  private frame(out: ResponseEvent[], frame: Frame): void {
    if (this.emitFrames) out.push({ type: 'frame', frame });
  }

  /** One transition: consumes from bytes[pos..] and returns the new position. */
  private step(bytes: Uint8Array, pos: number, base: number, out: ResponseEvent[], eventBudget: number): number {
    switch (this.stateValue) {
      case 'status-line':
      case 'header-line': {
        if (this.stateValue === 'status-line') this.checkStatusLineStart(bytes, pos, base);
        // Whitespace before the first field line is refused (RFC 9112 section 2.2), at its first byte.
        if (
          this.stateValue === 'header-line' &&
          this.lines.pendingLength === 0 &&
          this.held === null &&
          startsObsFold(bytes[pos])
        ) {
          throw obsFoldError(RESPONSE_SIDE, 'header', base + pos);
        }
        const line = this.lines.take(bytes, pos, base, this.maxHeaderLength - this.headBytes, this.headTooLong);
        if (line === null) return bytes.length;
        const { bytes: lineBytes, from, to, start } = line;
        const end = start + to - from;
        this.headBytes += to - from;
        if (this.stateValue === 'status-line') this.onStatusLine(lineBytes, from, to, start, out);
        else if (startsObsFold(lineBytes[from])) this.unfold(lineBytes, from, to, start);
        else {
          // A field line is whole once the next line does not continue it (obs-fold).
          this.releaseHeld(out);
          if (to - from === 2) this.onHeadEnd(start, end, out);
          else this.held = parseFieldLine(lineBytes, from, to, start, RESPONSE_SIDE, 'header');
        }
        return line.next;
      }
      case 'body-length': {
        const take = Math.min(this.bodyRemaining, bytes.length - pos);
        this.frame(out, { kind: 'body', start: base + pos, end: base + pos + take });
        out.push({ type: 'data', data: bytes.subarray(pos, pos + take) });
        this.bodyRemaining -= take;
        if (this.bodyRemaining === 0) this.finish(out);
        return pos + take;
      }
      case 'body-until-close': {
        this.frame(out, { kind: 'body', start: base + pos, end: base + bytes.length });
        out.push({ type: 'data', data: bytes.subarray(pos) });
        return bytes.length;
      }
      case 'chunked-body': {
        const reader = this.chunkedReader!;
        const next = reader.read(bytes, pos, base, out as BodyEvent[], eventBudget);
        if (reader.state === 'done') this.finish(out);
        return next;
      }
      case 'done':
      case 'failed':
        return bytes.length;
    }
  }

  /**
   * A status line starts with "HTTP/" (RFC 9112 section 2.3): each of its first five bytes is checked
   * as it arrives, so that a peer that speaks something else (TLS, HTTP/2, a banner without CRLF) is
   * named at once rather than waited for until a timeout. An empty line before it is let through
   * (section 2.2), and a lone LF is the line reader's to refuse.
   */
  private checkStatusLineStart(bytes: Uint8Array, pos: number, base: number): void {
    const already = this.lines.pendingLength;
    if (already === 0) this.blankLine = bytes[pos] === 0x0d || bytes[pos] === 0x0a;
    if (this.blankLine) return;
    for (let j = pos; j < bytes.length && already + (j - pos) < HTTP_NAME.length; j++) {
      const at = already + (j - pos);
      if (bytes[j] !== HTTP_NAME[at]) throw notHttpError(bytes[j]!, at, base + j, RESPONSE_SIDE);
    }
  }

  private onStatusLine(bytes: Uint8Array, from: number, to: number, start: number, out: ResponseEvent[]): void {
    const end = start + to - from;
    if (to - from === 2) {
      // RFC 9112 section 2.2: empty lines before a start line may be ignored (llhttp does too).
      this.frame(out, { kind: 'blank-line', start, end });
      return;
    }
    const status = parseStatusLine(bytes, from, to, start, RESPONSE_SIDE);
    this.status = status;
    this.statusLineStart = start;
    this.fields = [];
    this.frame(out, {
      kind: 'status-line',
      start,
      end,
      version: status.version,
      code: status.code,
      reason: status.reason,
    });
    this.stateValue = 'header-line';
  }

  /**
   * obs-fold (RFC 9112 section 5.2): a line that starts with whitespace continues the field before.
   * A user agent MUST replace each obs-fold with SP: the value handed on is unfolded, while the frame
   * spans every line of the field and names each fold's bytes (CRLF and the whitespace after it).
   */
  private unfold(bytes: Uint8Array, from: number, to: number, start: number): void {
    const held = this.held!;
    const { text, indent } = parseFoldLine(bytes, from, to, start, RESPONSE_SIDE);
    held.value = text === '' ? held.value : held.value === '' ? text : `${held.value} ${text}`;
    (this.heldFolds ??= []).push([start - 2, start + indent]);
    held.end = start + to - from;
  }

  /** The field line held back (it might have continued), now whole: its frame and its field. */
  private releaseHeld(out: ResponseEvent[]): void {
    const held = this.held;
    if (held === null) return;
    const folds = this.heldFolds;
    this.held = null;
    this.heldFolds = null;
    if (folds !== null) {
      const { name, start, end } = held;
      if (/^(content-length|transfer-encoding)$/i.test(name)) {
        throw framingError(
          RESPONSE_SIDE,
          'ERR_HTTP_OBS_FOLD',
          `The ${name} field is folded over ${folds.length + 1} lines (obs-fold)`,
          {
            offset: folds[0]![0] + 2,
            start,
            end,
            section: '5.2',
            hint: "RFC 9112 section 5.2 has a user agent replace each fold with a space and read on; lowhaio refuses a folded framing field, stricter than the RFC, so that the body's length is never a guess.",
          },
        );
      }
      held.folds = folds;
    }
    this.fields.push(held);
    this.frame(out, held);
  }

  private onHeadEnd(start: number, end: number, out: ResponseEvent[]): void {
    const status = this.status!;
    this.frame(out, { kind: 'head-end', start, end });
    const headers = this.fields.map(({ name, value }): [string, string] => [name, value]);
    if (status.code === 101) {
      throw framingError(
        RESPONSE_SIDE,
        'ERR_HTTP_UNEXPECTED_101',
        'The server switched protocols (101) although the request asked for no upgrade',
        {
          offset: this.statusLineStart,
          start: this.statusLineStart,
          end,
          // A server must not switch to a protocol the request did not ask for (RFC 9110 section 15.2.2).
          section: '15.2.2',
          rfc: '9110',
          hint: 'lowhaio never sends Upgrade, so the bytes that follow are not HTTP/1.1; the connection is closed.',
        },
      );
    }
    this.headBytes = 0;
    if (status.code < 200) {
      if (++this.informational > this.maxInformational) {
        throw framingError(
          RESPONSE_SIDE,
          'ERR_HTTP_TOO_MANY_INFORMATIONAL',
          `The server sent interim (1xx) response number ${this.informational} before any final one`,
          {
            offset: this.statusLineStart,
            start: this.statusLineStart,
            end,
            section: '15.2',
            rfc: '9110',
            hint: `lowhaio takes at most ${this.maxInformational} (maxInformational), stricter than RFC 9110, which sets no bound, so that a server cannot hold an exchange with them forever.`,
          },
        );
      }
      // An interim response (RFC 9110 section 15.2); the final one follows on the same exchange.
      out.push({ type: 'informational', version: status.version, code: status.code, reason: status.reason, headers });
      this.stateValue = 'status-line';
      return;
    }
    const framing = responseFraming(this.method, status, this.fields, RESPONSE_SIDE);
    this.reusableValue = framing.reusable;
    this.noReuse = framing.notReusableBecause;
    out.push({
      type: 'head',
      framing: framing.body,
      decision: framingDecision(framing),
      version: status.version,
      code: status.code,
      reason: status.reason,
      headers,
    });
    switch (framing.body.kind) {
      case 'none':
        this.finish(out);
        break;
      case 'length':
        this.bodyRemaining = framing.body.length;
        if (this.bodyRemaining === 0) this.finish(out);
        else this.stateValue = 'body-length';
        break;
      case 'chunked':
        this.chunkedReader = new ChunkedBodyReader(
          RESPONSE_SIDE,
          { maxLineLength: this.maxChunkLineLength, maxTrailerLength: this.maxHeaderLength },
          this.emitFrames,
        );
        this.stateValue = 'chunked-body';
        break;
      case 'close':
        this.stateValue = 'body-until-close';
        break;
    }
  }

  private finish(out: ResponseEvent[]): void {
    this.stateValue = 'done';
    out.push({ type: 'end', reusable: this.reusableValue });
  }
}
