// How this works: the demo server's side of a connection. It reads one request at a time, keeping
// the exact bytes it received (the echo scenario returns them), with a head bounded in size and a
// body framed by Content-Length or read back through lowhaio's ChunkedBodyReader. A request that
// asks with Expect: 100-continue gets a 100 before its body is read (RFC 9110 section 10.1.1); one
// whose body cannot be taken comes with the problem to answer (413, 400) and its body unread.
import type { Socket } from 'node:net';
import { ChunkedBodyReader, type BodyEvent } from '../lowhaio/chunked';
import { REQUEST_SIDE } from '../lowhaio/framing-errors';

export interface DemoRequest {
  method: string;
  /** The request line's version, e.g. "HTTP/1.1". */
  version: string;
  /** Path without the query. */
  path: string;
  query: URLSearchParams;
  headers: Array<[string, string]>;
  /** Every byte of the request as received: head and body (the body only when kept). */
  raw: Uint8Array;
  /** The body could not be taken: the status and words to answer with, before the server closes. */
  problem?: { status: string; message: string };
}

const MAX_HEAD = 64 * 1024;
const MAX_BODY = 64 * 1024 * 1024;

export class RequestReader {
  private buffered: Buffer = Buffer.alloc(0);
  private ended = false;
  private waiter: (() => void) | null = null;
  /** The server is done with this connection: what still comes is dropped, not kept. */
  private discarding = false;

  constructor(private readonly socket: Socket) {
    socket.on('data', (chunk: Buffer) => {
      if (this.discarding) return;
      this.buffered = this.buffered.length === 0 ? chunk : Buffer.concat([this.buffered, chunk]);
      if (this.buffered.length > MAX_HEAD + MAX_BODY) socket.destroy();
      this.wake();
    });
    socket.on('end', () => {
      this.ended = true;
      this.wake();
    });
    socket.on('close', () => {
      this.ended = true;
      this.wake();
    });
  }

  /** Drops whatever the client still sends (the server has answered and closes the connection). */
  discard(): void {
    this.discarding = true;
    this.buffered = Buffer.alloc(0);
  }

  private wake(): void {
    const waiter = this.waiter;
    this.waiter = null;
    waiter?.();
  }

  private more(): Promise<void> {
    return new Promise((resolve) => (this.waiter = resolve));
  }

  /**
   * The next request, or null when the client closed the connection (or sent garbage). Its body is
   * read in full, and kept (in `raw`, at most 64 MiB) only when `keepBody` says so for its path:
   * any other scenario takes an upload of any size without holding it. Where `beforeBody` says so
   * for its path, the request comes as soon as its head is read, and its body is not read at all
   * (the scenario answers and closes the connection).
   */
  async next(
    keepBody: (path: string) => boolean = () => true,
    beforeBody: (path: string) => boolean = () => false,
  ): Promise<DemoRequest | null> {
    let headEnd: number;
    while ((headEnd = this.buffered.indexOf('\r\n\r\n')) < 0) {
      if (this.ended || this.buffered.length > MAX_HEAD) return null;
      await this.more();
    }
    const head = this.buffered.subarray(0, headEnd).toString('latin1');
    const [requestLine = '', ...lines] = head.split('\r\n');
    const [method = '', target = '/', version = ''] = requestLine.split(' ');
    const headers = lines.map((line) => {
      const colon = line.indexOf(':');
      return [line.slice(0, colon), line.slice(colon + 1).trim()] as [string, string];
    });
    const get = (name: string) => headers.find(([n]) => n.toLowerCase() === name)?.[1];
    const url = new URL(target, 'http://demo.invalid');
    const request = { method, version, path: url.pathname, query: url.searchParams, headers };
    // A scenario that answers on the head alone gets it now, and its body is never read.
    if (beforeBody(url.pathname)) {
      const raw = Buffer.from(this.buffered.subarray(0, headEnd + 4));
      this.buffered = this.buffered.subarray(headEnd + 4);
      return { ...request, raw };
    }
    /** The request with its head alone, its body left unread because of `problem`. */
    const headRaw = Buffer.from(this.buffered.subarray(0, headEnd + 4));
    const unread = (problem: NonNullable<DemoRequest['problem']>): DemoRequest => {
      this.buffered = Buffer.alloc(0);
      return { ...request, raw: headRaw, problem };
    };
    const chunkedBody = /(^|,)\s*chunked\s*$/i.test(get('transfer-encoding') ?? '');
    const declared = get('content-length');
    const length = Number(declared ?? 0);
    if (!chunkedBody && (!/^\d+$/.test(declared ?? '0') || !Number.isSafeInteger(length)))
      return unread({
        status: '400 Bad Request',
        message: `Content-Length ${JSON.stringify(declared)} is not a number of bytes (RFC 9112 section 6.3, rule 5).`,
      });
    const keep = keepBody(url.pathname);
    const tooLarge = {
      status: '413 Content Too Large',
      message: `This scenario keeps at most ${MAX_BODY / (1024 * 1024)} MiB of a body; the rest was not read.`,
    };
    if (keep && !chunkedBody && length > MAX_BODY) return unread(tooLarge);
    // RFC 9110 section 10.1.1: a 100 (Continue) tells the client to send the body it holds back. An
    // HTTP/1.0 client gets no interim response (RFC 9110 section 15.2).
    if (
      version === 'HTTP/1.1' &&
      get('expect')?.toLowerCase() === '100-continue' &&
      (chunkedBody || length > 0) &&
      this.buffered.length === headEnd + 4
    )
      this.socket.write('HTTP/1.1 100 Continue\r\n\r\n');
    // Views, not copies: the reader never changes a buffer it has handed out (it starts new ones), and
    // `raw` is one copy of them all at the end.
    const rawParts: Uint8Array[] = [this.buffered.subarray(0, headEnd + 4)];
    let pos = headEnd + 4;
    let bodyBytes = 0;
    if (chunkedBody) {
      const reader = new ChunkedBodyReader(REQUEST_SIDE, { maxLineLength: 4096, maxTrailerLength: MAX_HEAD }, false);
      for (;;) {
        const events: BodyEvent[] = [];
        let next: number;
        try {
          next = reader.read(this.buffered, pos, 0, events);
        } catch {
          return null; // a malformed chunked body: the demo server hangs up, as a strict server would
        }
        for (const event of events) if (event.type === 'data') bodyBytes += event.data.length;
        // A kept body is in memory: past 64 MiB the server answers 413 and closes.
        if (keep && bodyBytes > MAX_BODY) return unread(tooLarge);
        if (keep) rawParts.push(this.buffered.subarray(pos, next));
        pos = next;
        if (reader.state === 'done') break;
        this.buffered = Buffer.alloc(0);
        pos = 0;
        if (this.ended) return null;
        await this.more();
      }
    } else {
      // Take the body as it comes (not by growing one buffer, which would copy it over and over).
      let remaining = length;
      for (;;) {
        const take = Math.min(remaining, this.buffered.length - pos);
        if (take > 0 && keep) rawParts.push(this.buffered.subarray(pos, pos + take));
        remaining -= take;
        pos += take;
        if (remaining === 0) break;
        this.buffered = Buffer.alloc(0);
        pos = 0;
        if (this.ended) return null;
        await this.more();
      }
    }
    this.buffered = this.buffered.subarray(pos);
    const raw = Buffer.concat(rawParts);
    return { ...request, raw };
  }
}
