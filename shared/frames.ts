// Frames: the framing engine's account of every byte of one exchange in one direction. Frames of a
// direction tile its bytes exactly (contiguous, no overlap, no gap); offsets count from the first
// byte of this exchange in that direction, so a request on a reused connection starts again at 0.
// Plain data: they cross IPC as they are.

export type Direction = 'tx' | 'rx';

/** [name, value]; value is null for a chunk extension without "=". */
export type ChunkExtension = [name: string, value: string | null];

interface Span {
  /** Offset of the first byte. */
  start: number;
  /** Offset one past the last byte. */
  end: number;
}

/** `HTTP/1.1 200 OK` and its CRLF (RFC 9112 section 4). */
export interface StatusLineFrame extends Span {
  kind: 'status-line';
  version: string;
  code: number;
  reason: string;
}
/** `GET /path HTTP/1.1` and its CRLF (RFC 9112 section 3). */
export interface RequestLineFrame extends Span {
  kind: 'request-line';
  method: string;
  target: string;
  version: string;
}
/** One field line of the header section and its CRLF (RFC 9112 section 5). */
export interface HeaderFrame extends Span {
  kind: 'header';
  name: string;
  /** As the caller gets it: an obs-fold (section 5.2) replaced by one SP. */
  value: string;
  /** A field folded over several lines: each obs-fold's bytes [start, end) (the CRLF and the whitespace after it). */
  folds?: Array<[start: number, end: number]>;
}
/** The empty line (CRLF) that ends a header section (RFC 9112 section 2.1). */
export interface HeadEndFrame extends Span {
  kind: 'head-end';
}
/** An empty line before a status line, which RFC 9112 section 2.2 lets a recipient ignore. */
export interface BlankLineFrame extends Span {
  kind: 'blank-line';
}
/** Body bytes framed by Content-Length or by the close of the connection (RFC 9112 section 6.3). */
export interface BodyFrame extends Span {
  kind: 'body';
}
/** A chunk-size line: hex size, extensions and CRLF; size 0 is the last-chunk (RFC 9112 section 7.1). */
export interface ChunkSizeFrame extends Span {
  kind: 'chunk-size';
  size: number;
  extensions: ChunkExtension[];
}
/** Data of one chunk, or the part of it that one read delivered. */
export interface ChunkDataFrame extends Span {
  kind: 'chunk-data';
}
/** The CRLF after a chunk's data. */
export interface ChunkEndFrame extends Span {
  kind: 'chunk-end';
}
/** One trailer field line and its CRLF (RFC 9112 section 7.1.2). */
export interface TrailerFrame extends Span {
  kind: 'trailer';
  name: string;
  value: string;
}
/** The CRLF that ends the chunked body, after the last-chunk and any trailers. */
export interface BodyEndFrame extends Span {
  kind: 'body-end';
}

/**
 * Bytes that came after the response had ended, in the same read (RFC 9112 section 9.3): never
 * parsed, since a client that sent one request has no response to pair them with; the connection
 * is closed after them.
 */
export interface ExtraneousFrame extends Span {
  kind: 'extraneous';
}

export type Frame =
  | StatusLineFrame
  | RequestLineFrame
  | HeaderFrame
  | HeadEndFrame
  | BlankLineFrame
  | BodyFrame
  | ChunkSizeFrame
  | ChunkDataFrame
  | ChunkEndFrame
  | TrailerFrame
  | BodyEndFrame
  | ExtraneousFrame;

export type FrameKind = Frame['kind'];

export const FRAME_KINDS: readonly FrameKind[] = [
  'status-line',
  'request-line',
  'header',
  'head-end',
  'blank-line',
  'body',
  'chunk-size',
  'chunk-data',
  'chunk-end',
  'trailer',
  'body-end',
  // New kinds go last: a capture keeps a kind as its index here.
  'extraneous',
];

/**
 * Where frames fail to tile [from, to): the first gap or overlap, or null when they tile exactly.
 * Used by tests and by the UI to check a capture.
 */
export function findTilingFault(frames: readonly Frame[], to: number, from = 0): string | null {
  let position = from;
  for (const [index, frame] of frames.entries()) {
    if (frame.start !== position) {
      const what = frame.start > position ? 'gap' : 'overlap';
      return `${what} before frame ${index} (${frame.kind}): expected start ${position}, got ${frame.start}`;
    }
    if (frame.end <= frame.start)
      return `frame ${index} (${frame.kind}) is empty or reversed: ${frame.start}..${frame.end}`;
    position = frame.end;
  }
  return position === to ? null : `frames end at ${position}, bytes at ${to}`;
}
