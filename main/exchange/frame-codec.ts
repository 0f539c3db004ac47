// How this works: a capture's frames on disk (frames.bin), compact enough that a hostile server's
// one-byte chunks cost about as many bytes as they took on the wire (JSON lines took 38 times).
// Frames of a direction tile its bytes, so a frame's start is the end of the one before it in its
// direction: a record keeps only the kind, the direction, the length and the time since the record
// before, plus the text fields of the kinds that have them. Records go in blocks; each block starts
// with the whole state (both directions' positions, the time), so a reader can start at any block:
// a page cursor is a block's byte offset.
//
//   block  = u32le payload-length, payload
//   payload= varint tx-position, varint rx-position, zigzag time, varint record-count, record*
//   record = flags (kind index | 0x10 rx | 0x20 same time | 0x40 explicit start),
//            [varint start], varint length, [zigzag time delta], fields of the kind
//   fields : status-line  str version, varint code, str reason
//            request-line str method, str target, str version
//            header       str name, str value, varint folds, (varint from-start, varint length)*
//            trailer      str name, str value
//            chunk-size   varint size, varint count, (str name, varint 0 | varint len+1 and bytes)*
//   str    = varint byte length, UTF-8 bytes
// Times are kept in hundredths of a millisecond, as the JSON lines were.
import type { Direction, Frame, FrameKind } from '../../shared/frames';
import { FRAME_KINDS } from '../../shared/frames';
import type { CapturedFrame } from '../../shared/inspector-api';

/** A block is written once it holds this many frames or this many bytes. */
export const BLOCK_FRAMES = 2048;
export const BLOCK_BYTES = 64 * 1024;

const RX = 0x10;
const SAME_TIME = 0x20;
const EXPLICIT_START = 0x40;
const KIND_INDEX = new Map<FrameKind, number>(FRAME_KINDS.map((kind, index) => [kind, index]));

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** Bytes that grow as they are written to. */
class ByteWriter {
  bytes = new Uint8Array(BLOCK_BYTES + 1024);
  length = 0;

  private room(more: number): void {
    if (this.length + more <= this.bytes.length) return;
    const grown = new Uint8Array(Math.max(this.bytes.length * 2, this.length + more));
    grown.set(this.bytes.subarray(0, this.length));
    this.bytes = grown;
  }

  byte(value: number): void {
    this.room(1);
    this.bytes[this.length++] = value;
  }

  /** An unsigned integer up to 2^53, seven bits a byte (arithmetic, not bit operators: past 2^31). */
  varint(value: number): void {
    this.room(8);
    while (value >= 0x80) {
      this.bytes[this.length++] = (value % 0x80) | 0x80;
      value = Math.floor(value / 0x80);
    }
    this.bytes[this.length++] = value;
  }

  zigzag(value: number): void {
    this.varint(value < 0 ? -2 * value - 1 : 2 * value);
  }

  raw(bytes: Uint8Array): void {
    this.room(bytes.length);
    this.bytes.set(bytes, this.length);
    this.length += bytes.length;
  }

  text(value: string): void {
    const bytes = encoder.encode(value);
    this.varint(bytes.length);
    this.raw(bytes);
  }
}

/** Reads what ByteWriter wrote; throws RangeError past the end. */
class ByteReader {
  constructor(
    private readonly bytes: Uint8Array,
    private at: number,
    private readonly end: number,
  ) {}

  byte(): number {
    if (this.at >= this.end) throw new RangeError('a frame record runs past the end of its block');
    return this.bytes[this.at++]!;
  }

  varint(): number {
    let value = 0;
    let scale = 1;
    for (;;) {
      const byte = this.byte();
      value += (byte & 0x7f) * scale;
      if (byte < 0x80) return value;
      scale *= 0x80;
    }
  }

  zigzag(): number {
    const value = this.varint();
    return value % 2 === 0 ? value / 2 : -(value + 1) / 2;
  }

  /** The next `length` bytes as UTF-8 text. */
  utf8(length: number): string {
    if (this.at + length > this.end) throw new RangeError('a frame record runs past the end of its block');
    const value = decoder.decode(this.bytes.subarray(this.at, this.at + length));
    this.at += length;
    return value;
  }

  text(): string {
    return this.utf8(this.varint());
  }
}

/** Collects frames and cuts them into blocks (see the format above). */
export class FrameBlockEncoder {
  private readonly position = { tx: 0, rx: 0 };
  private time = 0;
  private block = new ByteWriter();
  private count = 0;
  /** State at the start of the block being filled. */
  private head = { tx: 0, rx: 0, time: 0 };

  /** Adds a frame found `t` ms after the exchange started; returns true once the block is full. */
  add(direction: Direction, frame: Frame, t: number): boolean {
    const out = this.block;
    const units = Math.round(t * 100);
    const explicit = frame.start !== this.position[direction];
    const same = units === this.time;
    out.byte(
      KIND_INDEX.get(frame.kind)! |
        (direction === 'rx' ? RX : 0) |
        (same ? SAME_TIME : 0) |
        (explicit ? EXPLICIT_START : 0),
    );
    if (explicit) out.varint(frame.start);
    out.varint(frame.end - frame.start);
    if (!same) out.zigzag(units - this.time);
    switch (frame.kind) {
      case 'status-line':
        out.text(frame.version);
        out.varint(frame.code);
        out.text(frame.reason);
        break;
      case 'request-line':
        out.text(frame.method);
        out.text(frame.target);
        out.text(frame.version);
        break;
      case 'header':
        out.text(frame.name);
        out.text(frame.value);
        out.varint(frame.folds?.length ?? 0);
        for (const [from, to] of frame.folds ?? []) {
          out.varint(from - frame.start);
          out.varint(to - from);
        }
        break;
      case 'trailer':
        out.text(frame.name);
        out.text(frame.value);
        break;
      case 'chunk-size':
        out.varint(frame.size);
        out.varint(frame.extensions.length);
        for (const [name, value] of frame.extensions) {
          out.text(name);
          // 0 for an extension without a value; else the value's length + 1, then its bytes.
          const bytes = value === null ? null : encoder.encode(value);
          out.varint(bytes === null ? 0 : bytes.length + 1);
          if (bytes !== null) out.raw(bytes);
        }
        break;
      default:
        break;
    }
    this.position[direction] = frame.end;
    this.time = units;
    this.count++;
    return this.count >= BLOCK_FRAMES || out.length >= BLOCK_BYTES;
  }

  /** The block of the frames added since the last take (null when there are none), ready for the file. */
  take(): Uint8Array | null {
    if (this.count === 0) return null;
    const head = new ByteWriter();
    head.varint(this.head.tx);
    head.varint(this.head.rx);
    head.zigzag(this.head.time);
    head.varint(this.count);
    const payload = head.length + this.block.length;
    const out = new Uint8Array(4 + payload);
    new DataView(out.buffer).setUint32(0, payload, true);
    out.set(head.bytes.subarray(0, head.length), 4);
    out.set(this.block.bytes.subarray(0, this.block.length), 4 + head.length);
    this.block = new ByteWriter();
    this.count = 0;
    this.head = { tx: this.position.tx, rx: this.position.rx, time: this.time };
    return out;
  }
}

/** The length of the block starting at `at` (header included), or null when it is not all there. */
export function blockLength(bytes: Uint8Array, at: number, end = bytes.length): number | null {
  if (at + 4 > end) return null;
  const payload = new DataView(bytes.buffer, bytes.byteOffset + at, 4).getUint32(0, true);
  return at + 4 + payload <= end ? 4 + payload : null;
}

/** Decodes the whole block at `at` (see blockLength) into `out`. */
export function decodeBlock(bytes: Uint8Array, at: number, out: CapturedFrame[]): void {
  const length = blockLength(bytes, at);
  if (length === null) throw new RangeError(`no whole frame block at byte ${at}`);
  const read = new ByteReader(bytes, at + 4, at + length);
  const position = { tx: read.varint(), rx: read.varint() };
  let time = read.zigzag();
  const count = read.varint();
  for (let i = 0; i < count; i++) {
    const flags = read.byte();
    const kind = FRAME_KINDS[flags & 0x0f];
    if (kind === undefined) throw new RangeError(`unknown frame kind ${flags & 0x0f} in the block at byte ${at}`);
    const direction: Direction = flags & RX ? 'rx' : 'tx';
    const start = flags & EXPLICIT_START ? read.varint() : position[direction];
    const end = start + read.varint();
    if (!(flags & SAME_TIME)) time += read.zigzag();
    const base = { direction, t: time / 100, start, end };
    switch (kind) {
      case 'status-line':
        out.push({ ...base, kind, version: read.text(), code: read.varint(), reason: read.text() });
        break;
      case 'request-line':
        out.push({ ...base, kind, method: read.text(), target: read.text(), version: read.text() });
        break;
      case 'header': {
        const name = read.text();
        const value = read.text();
        const folds: Array<[number, number]> = [];
        for (let n = read.varint(); n > 0; n--) {
          const from = start + read.varint();
          folds.push([from, from + read.varint()]);
        }
        out.push(folds.length > 0 ? { ...base, kind, name, value, folds } : { ...base, kind, name, value });
        break;
      }
      case 'trailer':
        out.push({ ...base, kind, name: read.text(), value: read.text() });
        break;
      case 'chunk-size': {
        const size = read.varint();
        const extensions: Array<[string, string | null]> = [];
        for (let n = read.varint(); n > 0; n--) {
          const name = read.text();
          const marker = read.varint();
          extensions.push([name, marker === 0 ? null : read.utf8(marker - 1)]);
        }
        out.push({ ...base, kind, size, extensions });
        break;
      }
      default:
        out.push({ ...base, kind } as CapturedFrame);
        break;
    }
    position[direction] = end;
  }
}
