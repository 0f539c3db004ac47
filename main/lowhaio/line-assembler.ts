// How this works: HTTP/1.1's heads, chunk-size lines and trailers are lines ended by CRLF
// (RFC 9112 section 2.2). Bytes arrive split anywhere, so a line may straddle reads. The assembler
// takes one line at a time out of the current read, keeping the unfinished tail of a read (copied,
// bounded by the caller's limit) until its LF arrives. It checks the line ending once, on the whole
// line: a bare CR anywhere, or an LF without its CR, is an error. A line that did not straddle reads
// is returned as a range of the read itself (no view, no copy), and the Line object is the
// assembler's own, refilled by each take(): a head of 100,000 lines makes no line objects at all.
import { CR, LF } from './byte-classes';
import { framingError, type Side } from './framing-errors';

export interface Line {
  /** Holds the line with its CRLF at [from, to): the read itself, or a copy if the line straddled reads. */
  bytes: Uint8Array;
  from: number;
  to: number;
  /** Exchange-relative offset of its first byte. */
  start: number;
  /** Index in the current read just past the LF. */
  next: number;
}

export class LineAssembler {
  private parts: Uint8Array[] = [];
  private partsLength = 0;
  private lineStart = 0;
  private readonly line: Line = { bytes: new Uint8Array(0), from: 0, to: 0, start: 0, next: 0 };

  constructor(private readonly side: Side) {}

  /** Bytes held of an unfinished line. */
  get pendingLength(): number {
    return this.partsLength;
  }

  /**
   * Takes the next line out of `bytes[pos..]`, whose first byte is at exchange offset `base`.
   * Returns null when the line is not finished yet (the bytes are kept). `limit` is the longest
   * the line may be, CRLF included; `tooLong` builds the error for a longer one. The Line returned
   * is valid until the next take().
   */
  take(
    bytes: Uint8Array,
    pos: number,
    base: number,
    limit: number,
    tooLong: (start: number, length: number) => Error,
  ): Line | null {
    if (this.partsLength === 0) this.lineStart = base + pos;
    const lf = bytes.indexOf(LF, pos);
    if (lf < 0) {
      const length = this.partsLength + bytes.length - pos;
      if (length >= limit) throw tooLong(this.lineStart, length);
      if (bytes.length > pos) {
        this.parts.push(bytes.slice(pos));
        this.partsLength = length;
      }
      return null;
    }
    const length = this.partsLength + lf + 1 - pos;
    if (length > limit) throw tooLong(this.lineStart, length);
    const line = this.line;
    if (this.partsLength === 0) {
      line.bytes = bytes;
      line.from = pos;
      line.to = lf + 1;
    } else {
      const joined = new Uint8Array(length);
      let at = 0;
      for (const part of this.parts) {
        joined.set(part, at);
        at += part.length;
      }
      joined.set(bytes.subarray(pos, lf + 1), at);
      this.parts = [];
      this.partsLength = 0;
      line.bytes = joined;
      line.from = 0;
      line.to = length;
    }
    line.start = this.lineStart;
    line.next = lf + 1;
    this.checkEnding(line);
    return line;
  }

  /**
   * RFC 9112 section 2.2: lines end in CRLF; a bare CR is invalid; an LF alone, which the RFC lets a
   * recipient accept, is refused here (stricter than the RFC, and the error says so).
   */
  private checkEnding({ bytes, from, to, start }: Line): void {
    const lfIndex = to - 1;
    // (indexOf may look past the line when it holds no CR; any CR found there is not lfIndex - 1.)
    const cr = bytes.indexOf(CR, from);
    if (cr >= 0 && cr < lfIndex - 1) {
      throw framingError(this.side, 'ERR_HTTP_BARE_CR', 'A CR (0x0d) not followed by LF', {
        offset: start + cr - from,
        start,
        end: start + to - from,
        section: '2.2',
      });
    }
    // (A line that is only LF has no byte before it: its CR cannot be at lfIndex - 1.)
    if (lfIndex === from || cr !== lfIndex - 1) {
      throw framingError(
        this.side,
        'ERR_HTTP_BARE_LF',
        'A line ends with LF (0x0a) alone; HTTP/1.1 lines end with CR LF',
        {
          offset: start + lfIndex - from,
          start,
          end: start + to - from,
          section: '2.2',
          hint: 'RFC 9112 section 2.2 lets a recipient accept a lone LF; lowhaio refuses it, stricter than the RFC, because readers that accept it and readers that do not split the same bytes into different lines.',
        },
      );
    }
  }
}
