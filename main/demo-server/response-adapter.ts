// How this works: the demo server's scenarios write HTTP/1.1 responses to a GET. Where the request
// asks for something else, this adapter rewrites their bytes as they are written, reading them with
// lowhaio's own ResponseParser (bytes in, frames and body data out):
// - a response to HEAD is its head alone (RFC 9110 section 9.3.2: the server MUST NOT send content),
//   its Content-Length or Transfer-Encoding kept as what a GET would have had (RFC 9110 section 8.6,
//   RFC 9112 section 6.1);
// - an HTTP/1.0 request gets an answer it can read: no interim (1xx) responses (RFC 9110 section
//   15.2: a server MUST NOT send one to an HTTP/1.0 client), no chunked coding (RFC 9112 section 6.1:
//   a server MUST NOT send Transfer-Encoding unless the request is HTTP/1.1), the chunks' data sent as
//   they come and the body ended by the close, and a connection kept only when the request asked
//   with keep-alive and the body has a length (section 9.3).
// Malformed scenarios are never adapted: their bytes are the lesson.
import { listsClose } from '../lowhaio/request-serializer';
import { ResponseParser } from '../lowhaio/response-parser';
import type { Frame } from '../../shared/frames';

export interface AdaptedRequest {
  method: string;
  /** The request's HTTP version, e.g. "HTTP/1.0". */
  version: string;
  /** The request's Connection options, lower-cased. */
  connectionOptions: ReadonlySet<string>;
}

const HEAD_FRAMES: ReadonlySet<Frame['kind']> = new Set(['status-line', 'header', 'head-end', 'blank-line']);

export class ResponseAdapter {
  private readonly parser: ResponseParser;
  private readonly headOnly: boolean;
  private readonly http10: boolean;
  /** An HTTP/1.0 request asked to keep the connection (Connection: keep-alive). */
  private readonly keepAlive: boolean;
  /** The response's bytes from its first, until the final head has been passed on. */
  private headBytes: Buffer[] = [];
  private headLength = 0;
  /** headBytes joined, once per piece written. */
  private joined: Buffer | null = null;
  private finalHeadDone = false;
  /** The head being read is an interim (1xx) one. */
  private interim = false;
  /** The final head's framing and Connection fields, as the scenario wrote them. */
  private hasLength = false;
  private hasCodings = false;
  private scenarioCloses = false;
  /** The connection must close after this response (an HTTP/1.0 answer without keep-alive, or without a length). */
  closes = false;

  constructor(request: AdaptedRequest) {
    this.headOnly = request.method === 'HEAD';
    this.http10 = request.version === 'HTTP/1.0';
    this.parser = new ResponseParser({ method: request.method });
    this.keepAlive = request.connectionOptions.has('keep-alive') && !request.connectionOptions.has('close');
  }

  /** Whether a response to `request` needs adapting at all. */
  static needed(request: AdaptedRequest): boolean {
    return request.method === 'HEAD' || request.version === 'HTTP/1.0';
  }

  /** The bytes to send for `data`, the next piece of the scenario's response. */
  adapt(data: Uint8Array): Uint8Array[] {
    const out: Uint8Array[] = [];
    if (!this.finalHeadDone) {
      this.headBytes.push(Buffer.from(data));
      this.headLength += data.length;
      this.joined = null;
    }
    for (const event of this.parser.feed(data)) {
      switch (event.type) {
        case 'frame':
          if (HEAD_FRAMES.has(event.frame.kind)) this.headFrame(event.frame, out);
          break;
        case 'data':
          if (!this.headOnly) out.push(event.data);
          break;
        case 'error':
          throw new Error(`The demo server's own response is malformed: ${event.error.message}`);
        default:
          // The head and end events say nothing the frames have not; bytes after a HEAD response's
          // head (the scenario's body) are left out.
          break;
      }
    }
    return out;
  }

  private bytesOf(frame: Frame): Buffer {
    this.joined ??= Buffer.concat(this.headBytes, this.headLength);
    return this.joined.subarray(frame.start, frame.end);
  }

  private headFrame(frame: Frame, out: Uint8Array[]): void {
    if (this.finalHeadDone) return;
    if (frame.kind === 'status-line') {
      this.interim = frame.code < 200;
      // An HTTP/1.0 client gets no interim response (RFC 9110 section 15.2).
      if (!(this.interim && this.http10)) out.push(this.bytesOf(frame));
      return;
    }
    if (this.interim) {
      if (!this.http10) out.push(this.bytesOf(frame));
      return;
    }
    if (frame.kind === 'header') {
      const name = frame.name.toLowerCase();
      if (name === 'content-length') this.hasLength = true;
      if (name === 'transfer-encoding') this.hasCodings = true;
      if (name === 'connection' && listsClose(frame.value)) this.scenarioCloses = true;
      // An HTTP/1.0 answer has no Transfer-Encoding (RFC 9112 section 6.1), and its own Connection.
      if (this.http10 && (name === 'transfer-encoding' || name === 'connection')) return;
      out.push(this.bytesOf(frame));
      return;
    }
    if (frame.kind === 'head-end') {
      if (this.http10) {
        const keep = this.keepAlive && this.hasLength && !this.hasCodings && !this.scenarioCloses;
        this.closes = !keep;
        out.push(Buffer.from(`Connection: ${keep ? 'keep-alive' : 'close'}\r\n`, 'latin1'));
      }
      out.push(this.bytesOf(frame));
      this.finalHeadDone = true;
      this.headBytes = [];
      this.headLength = 0;
      this.joined = null;
    }
  }
}
