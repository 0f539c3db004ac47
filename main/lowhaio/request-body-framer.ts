// How this works: annotates the request body bytes we send, as they are written, with frames that
// continue the head's offsets. A chunked body is read back by the same ChunkedBodyReader that reads
// responses, so a chunk we send and a chunk we receive are framed by one piece of code. Bytes that
// break the chunked coding (a body the caller framed by hand) are still sent, since a debugging
// client may send broken bytes on purpose: from that byte on they are framed as plain `body`, and
// `problem` says what was wrong and where.
import type { Frame } from '../../shared/frames';
import { ChunkedBodyReader, DEFAULT_MAX_CHUNK_LINE_LENGTH, type BodyEvent } from './chunked';
import { HttpProtocolError } from './errors';
import { REQUEST_SIDE, framingError } from './framing-errors';
import type { RequestBodyFraming } from './request-serializer';
import { DEFAULT_MAX_HEADER_LENGTH } from './response-parser';

export class RequestBodyFramer {
  /** Exchange offset of the next byte to annotate. */
  private offset: number;
  /** Where the frames emitted so far end; bytes of an unfinished chunk-size line lie beyond it. */
  private framedTo: number;
  private reader: ChunkedBodyReader | null;
  private problemValue: HttpProtocolError | null = null;

  /** `headLength` is the size of the serialized head: body offsets continue from it. */
  constructor(framing: RequestBodyFraming, headLength: number) {
    this.offset = headLength;
    this.framedTo = headLength;
    this.reader =
      framing.kind === 'chunked'
        ? new ChunkedBodyReader(
            REQUEST_SIDE,
            { maxLineLength: DEFAULT_MAX_CHUNK_LINE_LENGTH, maxTrailerLength: DEFAULT_MAX_HEADER_LENGTH },
            true,
          )
        : null;
  }

  /** The first way the body broke its declared chunked coding, if it did. */
  get problem(): HttpProtocolError | null {
    return this.problemValue;
  }

  /** Whether a chunked body has been sent to its final CRLF (always true for other bodies). */
  get complete(): boolean {
    return this.problemValue !== null || this.reader === null || this.reader.state === 'done';
  }

  /** Frames for `bytes`, about to be written right after everything annotated before. */
  annotate(bytes: Uint8Array): Frame[] {
    const base = this.offset;
    const end = base + bytes.length;
    this.offset = end;
    if (bytes.length === 0) return [];
    const frames: Frame[] = [];
    if (this.reader !== null) {
      const events: BodyEvent[] = [];
      try {
        const pos = this.reader.read(bytes, 0, base, events);
        if (pos < bytes.length) {
          throw framingError(REQUEST_SIDE, 'ERR_HTTP_DATA_AFTER_BODY', 'Bytes follow the end of the chunked body', {
            offset: base + pos,
            section: '7.1',
            hint: 'The server will read them as the start of another request; send nothing after the final CRLF.',
          });
        }
      } catch (error) {
        if (!(error instanceof HttpProtocolError)) throw error;
        this.problemValue = error;
        this.reader = null;
      }
      for (const event of events) if (event.type === 'frame') frames.push(event.frame);
      if (frames.length > 0) this.framedTo = frames[frames.length - 1]!.end;
      if (this.reader !== null) return frames;
    }
    // Plain body bytes, or chunked bytes from the first broken one on.
    frames.push({ kind: 'body', start: this.framedTo, end });
    this.framedTo = end;
    return frames;
  }
}
