// How this works: a file's bytes as a request body, read ahead. `readAhead` reads of `pieceSize`
// bytes are in flight while the socket sends the piece before them, each read into a buffer of its
// own that is then written as it is: no copy, no stream machinery between the disk and the socket
// (`npm run bench` uploads a file both ways, beside node:http and a raw socket). Buffers are never
// reused, so a consumer may keep a piece as long as it likes. A file that shrinks after its size was taken ends early
// (the exchange's Content-Length check
// names it); one that grows is cut at `end`.
import { open, type FileHandle } from 'node:fs/promises';

export interface FileBodyOptions {
  /** First byte to send (default 0). */
  start?: number;
  /** Byte after the last to send (default: the file's size when the body starts). */
  end?: number;
  /** Bytes per read and per write (default 1 MiB). */
  pieceSize?: number;
  /** Reads in flight at once (default 2: one being sent, one on its way). */
  readAhead?: number;
}

export const DEFAULT_FILE_PIECE = 1024 * 1024;
const DEFAULT_READ_AHEAD = 2;

/**
 * The bytes of `file` (a path, opened and closed here, or a FileHandle the caller keeps and closes)
 * from `start` to `end`, in pieces of `pieceSize`.
 */
export async function* fileBody(file: string | FileHandle, options: FileBodyOptions = {}): AsyncGenerator<Uint8Array> {
  const pieceSize = options.pieceSize ?? DEFAULT_FILE_PIECE;
  const readAhead = options.readAhead ?? DEFAULT_READ_AHEAD;
  if (!Number.isInteger(pieceSize) || pieceSize < 1)
    throw new RangeError(`fileBody: pieceSize must be a whole number of bytes above 0, not ${pieceSize}.`);
  if (!Number.isInteger(readAhead) || readAhead < 1)
    throw new RangeError(`fileBody: readAhead must be a whole number above 0, not ${readAhead}.`);
  const handle = typeof file === 'string' ? await open(file, 'r') : file;
  const inFlight: Array<Promise<Uint8Array>> = [];
  try {
    const end = options.end ?? (await handle.stat()).size;
    let position = options.start ?? 0;
    const readNext = () => {
      if (position >= end) return;
      const length = Math.min(pieceSize, end - position);
      const read = handle
        .read(Buffer.allocUnsafeSlow(length), 0, length, position)
        .then(({ buffer, bytesRead }) => buffer.subarray(0, bytesRead));
      // Seen by the finally below if the consumer stops first; never an unhandled rejection.
      read.catch(() => undefined);
      inFlight.push(read);
      position += length;
    };
    for (let i = 0; i < readAhead; i++) readNext();
    while (inFlight.length > 0) {
      const piece = await inFlight.shift()!;
      // A short read is the end of a file that shrank since its size was taken.
      if (piece.length === 0) return;
      readNext();
      yield piece;
    }
  } finally {
    // Reads still in flight (the consumer stopped) finish before the file is closed.
    await Promise.allSettled(inFlight);
    if (typeof file === 'string') await handle.close();
  }
}
