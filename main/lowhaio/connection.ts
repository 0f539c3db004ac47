// How this works: one TCP (or TLS) connection as the Pool uses it. Bytes are taken only when the
// consumer pulls, and reading stops while they wait untaken, so a consumer that stops leaves the
// data in the kernel (Node stops reading, the kernel's buffer fills, TCP's window closes). A plain
// TCP socket reads into our slabs (slab-reader.ts, which stops at its queue limit); a TLS socket
// stays in paused mode and bytes come from socket.read() (Node stops at the highWaterMark). Waits
// (for bytes, for drain) are bounded by one reusable inactivity timer and end early on abort; a
// response may be read while the request is still being sent, so a wait for bytes and a wait for
// drain can be under way at once: every wake-up wakes both, and each checks what it waits for.
// While parked in the pool, any byte received means a stray byte, and 'end' the server's close:
// either way the connection is dropped at once.
import type { Socket } from 'node:net';
import type { SlabReader } from './slab-reader';
import { HttpDataError, HttpDataTimeoutError, type DataPhase } from './errors';

let lastConnectionId = 0;

/** A new connection's id (taken when TCP connects, so that events before the TLS handshake name it). */
export function nextConnectionId(): number {
  return ++lastConnectionId;
}

export class Connection {
  private ended = false;
  private closed = false;
  private failure: Error | null = null;
  private abortReason: unknown = undefined;
  private aborted = false;
  private timedOut = false;
  private waiters: Array<() => void> = [];
  private timer: NodeJS.Timeout | null = null;
  private timerMs = 0;
  private parked = false;
  private parkTimer: NodeJS.Timeout | null = null;
  private parkMs = 0;
  private strayBytes = false;
  /** Exchanges this connection has carried (or is carrying), counted by the pool. */
  exchanges = 0;
  /** Called once when the socket has closed, for the pool to forget it. */
  onGone: (() => void) | null = null;

  constructor(
    readonly socket: Socket,
    /** Pool key: scheme, host and port. */
    readonly key: string,
    readonly remoteAddress: string,
    /** Plain TCP: the socket reads into our slabs (see slab-reader.ts); null for Node's own reading. */
    private readonly reader: SlabReader | null = null,
    readonly id: number = nextConnectionId(),
  ) {
    if (reader) {
      reader.onBytes = () => {
        if (this.parked) this.checkParked();
        else this.wake();
      };
    }
    // Paused mode (TLS): bytes wait in the socket's small readable buffer (and then in the kernel)
    // until read() asks for them; 'readable' only says that asking would now get something. With a
    // reader, bytes come through onBytes and 'readable' only at the end.
    socket.on('readable', () => {
      if (this.parked) this.checkParked();
      else this.wake();
    });
    socket.on('end', () => {
      this.ended = true;
      if (this.parked) socket.destroy();
      this.wake();
    });
    socket.on('error', (error) => {
      this.failure ??= error;
      this.wake();
    });
    socket.on('close', () => {
      this.closed = true;
      if (this.timer) clearTimeout(this.timer);
      if (this.parkTimer) clearTimeout(this.parkTimer);
      this.wake();
      this.onGone?.();
    });
  }

  /** While parked, any byte is a stray one (a close is seen through 'end'). */
  private checkParked(): void {
    if (this.take() !== null) {
      this.strayBytes = true;
      this.socket.destroy();
    }
  }

  /** Whether this connection can carry another request. */
  get usable(): boolean {
    return (
      !this.closed &&
      !this.ended &&
      !this.strayBytes &&
      this.failure === null &&
      !this.aborted &&
      !this.socket.destroyed &&
      this.untaken === 0
    );
  }

  /** Bytes received and not yet taken (in the reader's queue, or in the socket's own buffer). */
  private get untaken(): number {
    return this.reader ? this.reader.length : this.socket.readableLength;
  }

  /** The oldest bytes received and not yet taken, or null for none. */
  private take(): Buffer | null {
    return this.reader ? this.reader.take() : (this.socket.read() as Buffer | null);
  }

  /** Calls `callback` at the next wake-up (bytes, drain, close, abort, or a wake() of the caller's). */
  whenWoken(callback: () => void): void {
    this.waiters.push(callback);
  }

  /** Ends every wait under way; each waiter looks again at what it waits for. */
  wake(): void {
    // Called after every read the parser takes: with nothing waiting (a download), it does nothing.
    if (this.waiters.length === 0) return;
    const waiters = this.waiters;
    this.waiters = [];
    for (const waiter of waiters) waiter();
  }

  private wait(timeoutMs: number): Promise<void> {
    this.timedOut = false;
    if (this.timer === null || this.timerMs !== timeoutMs) {
      if (this.timer) clearTimeout(this.timer);
      this.timerMs = timeoutMs;
      this.timer = setTimeout(() => {
        if (this.waiters.length > 0) {
          this.timedOut = true;
          this.wake();
        }
      }, timeoutMs);
      this.timer.unref();
    } else this.timer.refresh();
    return new Promise((resolve) => {
      this.waiters.push(resolve);
    });
  }

  /** Ends every wait with `reason` and closes the socket. */
  abort(reason: unknown): void {
    if (this.aborted) return;
    this.aborted = true;
    this.abortReason = reason;
    this.socket.destroy();
    this.wake();
  }

  destroy(): void {
    this.socket.destroy();
  }

  private check(phase: DataPhase, timeoutMs: number): void {
    if (this.aborted) throw this.abortReason;
    if (this.timedOut) {
      this.socket.destroy();
      throw new HttpDataTimeoutError(
        phase,
        `No ${phase === 'send' ? 'progress sending the request' : 'bytes received'} for ${timeoutMs} ms (socketTimeout) on connection ${this.id}; the server may be stalled. Raise socketTimeout for slow servers.`,
      );
    }
    if (this.failure) {
      const code = (this.failure as NodeJS.ErrnoException).code ?? 'unknown';
      throw new HttpDataError(
        'ERR_HTTP_SOCKET',
        `The connection failed while ${phase === 'send' ? 'sending the request' : 'receiving the response'}: ${this.failure.message} (${code}).`,
        { cause: this.failure },
      );
    }
  }

  /** Bytes already received, null once the server has closed its side, undefined for none yet. */
  readNow(timeoutMs: number): Buffer | null | undefined {
    if (this.aborted) throw this.abortReason;
    const chunk = this.take();
    if (chunk !== null) return chunk;
    this.check('receive', timeoutMs);
    return this.ended || this.closed ? null : undefined;
  }

  /** The next bytes received, or null once the server has closed its side. */
  async read(timeoutMs: number): Promise<Buffer | null> {
    for (;;) {
      if (this.aborted) throw this.abortReason;
      const chunk = this.take();
      if (chunk !== null) return chunk;
      this.check('receive', timeoutMs);
      if (this.ended || this.closed) return null;
      await this.wait(timeoutMs);
      this.check('receive', timeoutMs);
    }
  }

  /**
   * Queues `bytes` on the socket without waiting; follow with drained(). A write is progress: it
   * restarts the inactivity timer, so a response awaited while an upload goes on does not time out.
   */
  writeNow(bytes: Uint8Array | string): void {
    if (this.aborted) throw this.abortReason;
    if (this.failure) this.check('send', 0);
    this.timer?.refresh();
    if (this.closed)
      throw new HttpDataError(
        'ERR_HTTP_SOCKET',
        `The server closed connection ${this.id} while the request was being sent.`,
      );
    if (typeof bytes === 'string') this.socket.write(bytes, 'latin1');
    else this.socket.write(bytes);
  }

  /** Writes `bytes`, waiting for the socket to drain when its buffer is full (see drained). */
  async write(bytes: Uint8Array, timeoutMs: number, stop?: () => boolean): Promise<void> {
    this.writeNow(bytes);
    await this.drained(timeoutMs, stop);
  }

  /**
   * Waits until the socket's write buffer is below its high-water mark, or until `stop()` says the
   * sending is over (the response came: a server that answered early may never read the rest).
   */
  async drained(timeoutMs: number, stop: () => boolean = () => false): Promise<void> {
    if (!this.socket.writableNeedDrain || stop()) return;
    const onDrain = () => this.wake();
    this.socket.on('drain', onDrain);
    try {
      while (this.socket.writableNeedDrain && !this.closed && !stop()) {
        await this.wait(timeoutMs);
        if (stop()) return;
        this.check('send', timeoutMs);
      }
    } finally {
      this.socket.off('drain', onDrain);
    }
    if (stop()) return;
    this.check('send', timeoutMs);
    if (this.closed)
      throw new HttpDataError(
        'ERR_HTTP_SOCKET',
        `The server closed connection ${this.id} while the request was being sent.`,
      );
  }

  /** Parks the connection in the pool: it closes itself after `keepAliveMs` or on any sign of life. */
  park(keepAliveMs: number): void {
    this.parked = true;
    if (this.parkTimer === null || this.parkMs !== keepAliveMs) {
      if (this.parkTimer) clearTimeout(this.parkTimer);
      this.parkMs = keepAliveMs;
      this.parkTimer = setTimeout(() => {
        if (this.parked) this.socket.destroy();
      }, keepAliveMs);
      this.parkTimer.unref();
    } else this.parkTimer.refresh();
    if (this.untaken > 0) this.checkParked();
  }

  /** Takes the connection out of the pool; false when it is no longer usable. */
  unpark(): boolean {
    this.parked = false;
    return this.usable;
  }
}
