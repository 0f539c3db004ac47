// How this works: an upload from a browser (browser mode) is pulled, not pushed. The transport
// registers the file with a `fetch(offset, length)` function that asks the page for that slice;
// the exchange reads the file as a stream that asks for slices of 4 MiB, a few ahead (READ_AHEAD
// bytes at most) of what the connection is sending, and cuts them into the chosen chunk size. So a
// 10 GiB file crosses from the page at the pace of the network, with a few requests in flight and
// at most 16 MiB of it in memory, whatever the chunk size. (In `npm run measure`, 256 KiB slices
// two at a time ran at 40 MB/s; 4 MiB slices four at a time at 130 MB/s.)
import { randomBytes } from 'node:crypto';
import { rechunk } from './rechunk';

export type FetchSlice = (offset: number, length: number) => Promise<Uint8Array>;

/** Bytes of an upload asked for ahead of the piece being sent. */
export const READ_AHEAD = 16 * 1024 * 1024;

/** Bytes asked of the page at a time, whatever the chunk size (they are cut into chunks after). */
export const SLICE = 4 * 1024 * 1024;

interface Upload {
  size: number;
  fetch: FetchSlice;
  /** Whoever registered it is gone (the page closed). */
  gone: boolean;
  /** Exchanges reading it now. */
  readers: number;
}

export class UploadRegistry {
  private readonly uploads = new Map<string, Upload>();

  register(size: number, fetch: FetchSlice): string {
    if (!Number.isSafeInteger(size) || size < 0)
      throw new RangeError(`an upload's size must be a whole number of bytes, not ${size}`);
    const id = `upload-${randomBytes(8).toString('hex')}`;
    this.uploads.set(id, { size, fetch, gone: false, readers: 0 });
    return id;
  }

  /** Forgets an upload (its page went away); a stream reading it fails with a message that says so. */
  forget(id: string): void {
    const upload = this.uploads.get(id);
    if (upload) upload.gone = true;
    this.uploads.delete(id);
  }

  private lookup(id: string): Upload {
    const upload = this.uploads.get(id);
    if (!upload) throw new Error(`No upload ${id}: choose the file again (the page that offered it may have closed).`);
    return upload;
  }

  size(id: string): number {
    return this.lookup(id).size;
  }

  /** Whether an exchange is reading the upload now (it is not to be forgotten then). */
  inUse(id: string): boolean {
    return (this.uploads.get(id)?.readers ?? 0) > 0;
  }

  /** The file's bytes in pieces of `chunkSize` (the last may be shorter). */
  async *stream(id: string, chunkSize: number): AsyncGenerator<Uint8Array> {
    const upload = this.lookup(id);
    upload.readers++;
    try {
      yield* rechunk(this.slices(id, upload), chunkSize);
    } finally {
      upload.readers--;
    }
  }

  /**
   * The file in slices of SLICE bytes. Several slices (at most READ_AHEAD bytes) are asked for
   * ahead of the one being sent, so the page's round trips overlap the network; no more are held.
   */
  private async *slices(id: string, upload: Upload): AsyncGenerator<Uint8Array> {
    const ahead = READ_AHEAD / SLICE;
    const pending: Array<{ offset: number; length: number; piece: Promise<Uint8Array> }> = [];
    let next = 0;
    const request = () => {
      const length = Math.min(SLICE, upload.size - next);
      const piece = upload.fetch(next, length);
      piece.catch(() => {}); // awaited below, in order; this only keeps an early failure from going unhandled
      pending.push({ offset: next, length, piece });
      next += length;
    };
    while (next < upload.size || pending.length > 0) {
      while (pending.length < ahead && next < upload.size) request();
      const { offset, length, piece } = pending.shift()!;
      if (upload.gone)
        throw new Error(`The page that offered upload ${id} closed after ${offset} of ${upload.size} bytes.`);
      const bytes = await piece;
      if (bytes.length !== length)
        throw new Error(
          `The page sent ${bytes.length} bytes of upload ${id} at offset ${offset}, not ${length}; the file may have changed since it was chosen.`,
        );
      yield bytes;
    }
  }
}
