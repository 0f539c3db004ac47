// How this works: a plain TCP socket's bytes, read with Node's `onread` into slabs of memory we
// allocate, instead of Node's default (a fresh 64 KiB allocation for every read, handed on through
// the stream's queue). Each read lands right after the previous one in the current slab and is
// handed on as a view of it. A slab is never written twice: once less than MIN_READ is left it is
// dropped (the garbage collector frees it when no view of it is left) and the next is taken, so a
// view stays valid for as long as anyone holds it. Slabs start at FIRST_SLAB and double up to
// SLAB, so a connection that carries small exchanges keeps a small slab, and a fast stream gets
// reads as large as a mebibyte (the kernel hands over all it has, up to the room offered): a few
// large reads where Node's default took many small ones, and no per-read allocation.
// Backpressure: once QUEUE_LIMIT bytes wait untaken, the callback says stop (Node stops reading the
// socket: the kernel's buffer fills and TCP's window closes), and take() starts it again when the
// queue is empty. Node asks for the next read's memory right after each read and keeps it, which
// is safe here because that memory belongs to nobody else. TLS sockets read through Node's own
// path (`onread` is for plain sockets).
import type { Socket } from 'node:net';

/** The first slab of a connection: a small response held on to keeps no more than this alive. */
export const FIRST_SLAB = 16 * 1024;
/** The largest slab (and so the largest read). */
export const SLAB = 1024 * 1024;
/** A slab with less room than this is replaced: no read is offered less. */
const MIN_READ = 4 * 1024;
/** Untaken bytes at which reading stops until they are taken (one read may pass it). */
export const QUEUE_LIMIT = 256 * 1024;

export class SlabReader {
  private slab: Buffer = Buffer.allocUnsafeSlow(FIRST_SLAB);
  /** Where the next read lands in the slab. */
  private at = 0;
  private readonly queue: (Buffer | undefined)[] = [];
  private head = 0;
  private queued = 0;
  private stopped = false;
  private socket: Socket | null = null;
  /** Called after each read, for the connection to wake whoever waits for bytes. */
  onBytes: (() => void) | null = null;

  /** The socket's `onread` option: Node reads into buffer() and then reports with callback(). */
  readonly onread = {
    buffer: (): Buffer => {
      if (this.slab.length - this.at < MIN_READ) {
        this.slab = Buffer.allocUnsafeSlow(Math.min(SLAB, this.slab.length * 2));
        this.at = 0;
      }
      return this.slab.subarray(this.at);
    },
    callback: (bytes: number): boolean => {
      this.queue.push(this.slab.subarray(this.at, this.at + bytes));
      this.at += bytes;
      this.queued += bytes;
      this.stopped = this.queued >= QUEUE_LIMIT;
      this.onBytes?.();
      return !this.stopped;
    },
  };

  /** The socket this reader was given to, for starting it again after a stop. */
  attach(socket: Socket): void {
    this.socket = socket;
  }

  /** Bytes received and not yet taken. */
  get length(): number {
    return this.queued;
  }

  /** The oldest bytes not yet taken, or null for none. */
  take(): Buffer | null {
    if (this.head === this.queue.length) return null;
    const bytes = this.queue[this.head]!;
    this.queue[this.head++] = undefined;
    this.queued -= bytes.length;
    if (this.head === this.queue.length) {
      this.queue.length = 0;
      this.head = 0;
      if (this.stopped) {
        this.stopped = false;
        // On a socket with onread, read(0) starts the handle reading again (net.Socket.read).
        if (this.socket && !this.socket.destroyed) this.socket.read(0);
      }
    }
    return bytes;
  }
}
