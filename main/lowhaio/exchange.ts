// How this works: one request and its response on one connection. The head is written (corked
// with the first piece of the body so they leave together), the body is streamed with drain
// respected, then the response is read through the sans-I/O ResponseParser until its head; the
// body is handed to the caller as an async iterable that reads the socket only when pulled. When
// the body ends, `release` learns whether the connection may be reused. The observer, when there
// is one, sees every byte and frame with exchange-relative offsets; without one, no event is built.
// The parser is fed with an event budget (FEED_EVENT_BUDGET): a read that makes more events than
// that (a hostile server's one-byte chunks) is finished in later turns of the event loop, so one
// exchange never holds the process while others, and the UI, wait.
import type { Socket } from 'node:net';
import type { Direction, Frame } from '../../shared/frames';
import type { Connection } from './connection';
import { HttpDataError, HttpDataTimeoutError, HttpInvalidRequestError } from './errors';
import { RequestBodyFramer } from './request-body-framer';
import type { RequestHead } from './request-serializer';
import { ResponseParser, type ResponseEvent } from './response-parser';
import type { Observer } from './wire-events';

export type Body = AsyncIterable<Uint8Array> | (() => AsyncIterable<Uint8Array>);
export type Headers = Array<[string, string]>;
export type Response = [code: number, headers: Headers, body: AsyncIterable<Uint8Array>];

export interface ExchangeSettings {
  method: string;
  head: RequestHead;
  body: Body | undefined;
  observe: Observer | undefined;
  socketTimeout: number;
  maxHeaderLength: number;
  /** With Expect: 100-continue, how long to wait for 100 Continue before sending the body anyway (ms). */
  expectContinueTimeout: number;
  /**
   * Called once the response has ended: whether the connection may carry another request, and if
   * not, why (in words, with the RFC section).
   */
  release: (reusable: boolean, notReusableBecause?: string) => void;
  /** Called once with the error that ended the exchange. */
  fail: (error: unknown) => void;
}

/** Events one feed of the parser may make before the rest of the read waits for the next turn. */
export const FEED_EVENT_BUDGET = 4096;

/** Resolves in the event loop's next turn, after the I/O waiting now (setImmediate runs after the poll phase). */
function nextTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

function view(buffer: Uint8Array): Uint8Array {
  return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
}

const corked = new Set<Socket>();

/**
 * Leaves a head in its corked socket until the end of this event-loop turn, so that the requests
 * started together reach the kernel together (one wake-up of the server, not one per request).
 */
function uncorkSoon(socket: Socket): void {
  if (corked.size === 0) {
    setImmediate(() => {
      for (const waiting of corked) waiting.uncork();
      corked.clear();
    });
  }
  corked.add(socket);
}

/** A body needs Content-Length or chunked framing, or the server cannot tell where it ends. */
export function checkBodyFraming(head: RequestHead, body: Body | undefined): void {
  if (body !== undefined && head.bodyFraming.kind === 'none') {
    throw new HttpInvalidRequestError(
      'ERR_HTTP_UNFRAMED_BODY',
      'The request has a body but neither Content-Length nor Transfer-Encoding: chunked, so the server could not tell where it ends. Add one of them (for a stream of unknown length, wrap it with chunked() and send transfer-encoding: chunked). Nothing was sent.',
    );
  }
}

export async function runExchange(connection: Connection, settings: ExchangeSettings): Promise<Response> {
  const { head, observe, socketTimeout } = settings;
  let sent = 0;
  let received = 0;
  const emitBytes = (direction: Direction, data: Uint8Array, offset: number) =>
    observe?.({ type: 'bytes', t: performance.now(), connection: connection.id, direction, offset, data: view(data) });
  const emitFrames = (direction: Direction, frames: Frame[]) => {
    if (!observe || frames.length === 0) return;
    const t = performance.now();
    for (const frame of frames) observe({ type: 'frame', t, direction, frame });
  };

  // Send (RFC 9112 section 6): head, then the body as its headers frame it.
  const framer = observe ? new RequestBodyFramer(head.bodyFraming, head.length) : null;
  const declaredLength = head.bodyFraming.kind === 'length' ? head.bodyFraming.length : null;
  /** Checks and reports a piece of the body about to be written. */
  const account = (bytes: Uint8Array): Uint8Array => {
    if (declaredLength !== null && sent - head.length + bytes.length > declaredLength) {
      throw new HttpDataError(
        'ERR_HTTP_BODY_LENGTH_MISMATCH',
        `The request body is longer than its Content-Length (${declaredLength}); the connection was closed rather than send bytes the server would read as a new request.`,
      );
    }
    emitBytes('tx', bytes, sent);
    if (framer) emitFrames('tx', framer.annotate(bytes));
    sent += bytes.length;
    return bytes;
  };
  const source =
    settings.body === undefined ? undefined : typeof settings.body === 'function' ? settings.body() : settings.body;
  const iterator = source?.[Symbol.asyncIterator]();

  // Receive (RFC 9112 section 9.5): the response is read from the moment the head is written, so a
  // server's early answer (a 413 as soon as it reads the head, an interim 100 Continue) is seen
  // while the body is still being sent.
  const parser = new ResponseParser({
    method: settings.method,
    maxHeaderLength: settings.maxHeaderLength,
    frames: observe !== undefined,
  });
  const pending: Uint8Array[] = [];
  // (A cast, not an annotation: the callbacks below set it, which TypeScript's narrowing cannot see.)
  let responseHead = null as Extract<ResponseEvent, { type: 'head' }> | null;
  let ended = false;
  let trailers: Headers = [];
  /** The end of a read the parser paused in (its event budget ran out), to feed in the next turn. */
  let rest: Uint8Array | null = null;
  /** Sending is over (all sent, stopped by the response, or failed): the connection may be released. */
  let sendSettled = false;
  /** The body was not sent whole (the response came first, or a write failed): never reuse. */
  let sendIncomplete = false;
  /** The response ended before the sending settled: its reusability, released once it has. */
  let endedReusable: boolean | null = null;
  /** An interim 100 arrived (Expect: 100-continue may send the body). */
  let continued = false;
  const release = (reusable: boolean) => {
    const because = !reusable
      ? parser.notReusableBecause
      : head.closeRequested
        ? 'the request said Connection: close (RFC 9112 section 9.6)'
        : sendIncomplete
          ? 'the request body was not sent whole (the server answered first, or a write failed), so the server could read what is left of it as a new request (RFC 9112 section 9.5)'
          : undefined;
    settings.release(because === undefined, because);
  };

  const handle = (events: ResponseEvent[], chunk: Uint8Array | null) => {
    // The frames one read completes all arrived with it: one time for them all.
    const t = observe ? performance.now() : 0;
    const last = events[events.length - 1];
    const unread = last?.type === 'paused' ? last.rest.length : 0;
    // Bytes after the response's end are wire bytes too: reported with the rest, framed as extraneous.
    if (observe && chunk) {
      const consumed = chunk.subarray(0, chunk.length - unread);
      if (consumed.length > 0) emitBytes('rx', consumed, received);
    }
    if (chunk) received += chunk.length - unread;
    for (const event of events) {
      switch (event.type) {
        case 'frame':
          observe?.({ type: 'frame', t, direction: 'rx', frame: event.frame });
          break;
        case 'data':
          pending.push(event.data); // a view of the socket's read, no copy
          break;
        case 'informational':
          if (event.code === 100) continued = true;
          observe?.({
            type: 'informational',
            t: performance.now(),
            code: event.code,
            reason: event.reason,
            version: event.version,
            headers: event.headers,
          });
          break;
        case 'head':
          responseHead = event;
          observe?.({
            type: 'response-head',
            t: performance.now(),
            framing: event.decision,
            code: event.code,
            reason: event.reason,
            version: event.version,
            headers: event.headers,
          });
          break;
        case 'trailers':
          trailers = event.trailers;
          break;
        case 'extraneous': {
          // They end the read (the parser stops there), so they are the last bytes counted.
          const start = received - event.data.length;
          observe?.({
            type: 'frame',
            t,
            direction: 'rx',
            frame: { kind: 'extraneous', start, end: start + event.data.length },
          });
          observe?.({ type: 'extraneous', t: performance.now(), connection: connection.id, data: view(event.data) });
          break;
        }
        case 'paused':
          rest = event.rest;
          break;
        case 'end':
          ended = true;
          observe?.({
            type: 'end',
            t: performance.now(),
            connection: connection.id,
            bytesSent: sent,
            bytesReceived: received,
            reusable: event.reusable,
            trailers,
          });
          if (sendSettled) release(event.reusable);
          else endedReusable = event.reusable;
          break;
        case 'error':
          throw event.error;
      }
    }
    // Whatever came may end a wait of the sender (for drain, for 100 Continue).
    connection.wake();
  };
  const feed = (chunk: Uint8Array | null) =>
    handle(chunk === null ? parser.end() : parser.feed(chunk, FEED_EVENT_BUDGET), chunk);
  /**
   * Feeds the parser the next read: the rest of a paused one in the next turn, else at once when bytes are waiting,
   * else when they arrive.
   */
  const pull = (): Promise<void> | undefined => {
    if (rest !== null) {
      const paused = rest;
      rest = null;
      return nextTurn().then(() => feed(paused));
    }
    const ready = connection.readNow(socketTimeout);
    if (ready !== undefined) {
      feed(ready);
      return undefined;
    }
    return connection.read(socketTimeout).then(feed);
  };
  let receiveError: unknown = null;
  let receiveFailed = false;
  /** Reads until the final head (or fails); runs beside the sending. */
  const receiving = (async () => {
    try {
      while (responseHead === null) await pull();
    } catch (error) {
      receiveError = error;
      receiveFailed = true;
      connection.wake();
    }
  })();
  /**
   * The sending stops once the final response has come, or the response failed (but for a timeout:
   * the sender, still waiting on the socket, says that one in its own words).
   */
  const stop = () => responseHead !== null || (receiveFailed && !(receiveError instanceof HttpDataTimeoutError));

  // Send (RFC 9112 section 6): head, then the body as its headers frame it.
  let sendError: unknown = null;
  const expectsContinue =
    iterator !== undefined &&
    head.headers.some(
      ([name, value]) => name.toLowerCase() === 'expect' && value.trim().toLowerCase() === '100-continue',
    );
  try {
    // TCP_NODELAY is on: cork so that the head and the first piece of the body share packets.
    if (observe) {
      emitBytes('tx', head.bytes, 0);
      emitFrames('tx', head.frames);
    }
    sent = head.length;
    connection.socket.cork();
    let first: IteratorResult<Uint8Array> = { done: true, value: undefined };
    try {
      connection.writeNow(head.text);
      if (iterator && !expectsContinue) first = await iterator.next();
      if (!first.done && first.value.length > 0) connection.writeNow(account(first.value));
    } finally {
      uncorkSoon(connection.socket);
    }
    await connection.drained(socketTimeout, stop);
    if (expectsContinue && !stop()) {
      // RFC 9110 section 10.1.1: wait for 100 Continue (or the final answer) before the body, but
      // not forever: a server that ignores Expect gets the body after expectContinueTimeout.
      const until = performance.now() + settings.expectContinueTimeout;
      const timer = setTimeout(() => connection.wake(), settings.expectContinueTimeout);
      try {
        while (!continued && !stop() && performance.now() < until)
          await new Promise<void>((resolve) => connection.whenWoken(resolve));
      } finally {
        clearTimeout(timer);
      }
      if (!stop()) first = await iterator!.next();
      if (!first.done && !stop() && first.value.length > 0)
        await connection.write(account(first.value), socketTimeout, stop);
    }
    if (iterator && !first.done) {
      while (!stop()) {
        const next = await iterator.next();
        if (next.done) break;
        if (stop()) break;
        if (next.value.length > 0) await connection.write(account(next.value), socketTimeout, stop);
      }
    }
    if (stop() && iterator) sendIncomplete = true;
    else if (declaredLength !== null && sent - head.length !== declaredLength) {
      throw new HttpDataError(
        'ERR_HTTP_BODY_LENGTH_MISMATCH',
        `The request body had ${sent - head.length} bytes but its Content-Length said ${declaredLength}; the server would wait for the rest, so the connection was closed.`,
      );
    }
  } catch (error) {
    sendError = error;
    sendIncomplete = true;
  }
  if (sendIncomplete) {
    // Release the caller's body (an open file, say). An error from closing it would only hide what
    // ended the exchange, which is what the caller gets.
    iterator?.return?.(undefined)?.then(undefined, () => undefined);
  }
  // A write the socket refused (the server closed, EPIPE, ECONNRESET) may still leave its answer to
  // read: see what the reading finds before saying which it was. (Any other failure of the sending
  // leaves a server that waits for the rest: nothing more will come.)
  if (sendError instanceof HttpDataError && sendError.code === 'ERR_HTTP_SOCKET' && responseHead === null)
    await receiving;
  sendSettled = true;
  const bodySent = sent - head.length;
  if (responseHead !== null && sendIncomplete && iterator) {
    const { code } = responseHead;
    observe?.({
      type: 'upload-stopped',
      t: performance.now(),
      connection: connection.id,
      code,
      sent: bodySent,
      total: declaredLength,
    });
  }
  if (responseHead === null) {
    const receiveTimedOut = receiveError instanceof HttpDataTimeoutError;
    const error = receiveFailed && !(receiveTimedOut && sendError !== null) ? receiveError : sendError;
    if (error !== null) {
      settings.fail(error);
      throw error;
    }
  }
  if (endedReusable !== null) release(endedReusable);

  try {
    await receiving;
    if (receiveFailed) throw receiveError;
  } catch (error) {
    settings.fail(error);
    throw error;
  }
  const { code, headers } = responseHead as Extract<ResponseEvent, { type: 'head' }>;
  const body = new ResponseBody(pending, () => ended, pull, settings.fail);
  return [code, headers.map(([name, value]) => [name.toLowerCase(), value] as [string, string]), body];
}

const DONE: IteratorReturnResult<undefined> = Object.freeze({ done: true, value: undefined });

/**
 * The response body as an async iterator: hands out what the parser has already produced, and
 * reads the socket only when that runs out. A consumer that stops early (break, return) closes the
 * connection, since the rest of the response is still on the wire.
 */
class ResponseBody implements AsyncIterableIterator<Uint8Array> {
  private finished = false;
  private running: Promise<IteratorResult<Uint8Array>> | null = null;

  constructor(
    private readonly pending: Uint8Array[],
    private readonly ended: () => boolean,
    private readonly pull: () => Promise<void> | undefined,
    private readonly fail: (error: unknown) => void,
  ) {}

  [Symbol.asyncIterator](): this {
    return this;
  }

  next(): Promise<IteratorResult<Uint8Array>> {
    // Calls made before the previous one settled wait their turn, as with an async generator.
    const result = this.running ? this.running.then(() => this.step()) : this.step();
    this.running = result;
    const clear = () => {
      if (this.running === result) this.running = null;
    };
    result.then(clear, clear);
    return result;
  }

  private async step(): Promise<IteratorResult<Uint8Array>> {
    if (this.finished) return DONE;
    try {
      for (;;) {
        const piece = this.pending.shift();
        if (piece !== undefined) return { done: false, value: piece };
        if (this.ended()) {
          this.finished = true;
          return DONE;
        }
        const waiting = this.pull();
        if (waiting) await waiting;
      }
    } catch (error) {
      this.finished = true;
      this.fail(error);
      throw error;
    }
  }

  async return(): Promise<IteratorResult<Uint8Array>> {
    if (!this.finished) {
      this.finished = true;
      if (!this.ended()) this.fail(null);
    }
    return DONE;
  }
}
