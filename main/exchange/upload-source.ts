// How this works: an upload from a browser (browser mode) is pulled, not pushed. The transport
// registers the file with a `fetch(offset, length)` function that asks the page for that slice;
// the exchange reads the file as a stream that fetches one chunk at a time, only when the
// connection is ready for more. So a 10 GiB file crosses the WebSocket at the pace of the network,
// with one chunk in memory.
import { randomBytes } from 'node:crypto';

export type FetchSlice = (offset: number, length: number) => Promise<Uint8Array>;

interface Upload {
  size: number;
  fetch: FetchSlice;
  /** Whoever registered it is gone (the page closed). */
  gone: boolean;
}

export class UploadRegistry {
  private readonly uploads = new Map<string, Upload>();

  register(size: number, fetch: FetchSlice): string {
    if (!Number.isSafeInteger(size) || size < 0) throw new RangeError(`an upload's size must be a whole number of bytes, not ${size}`);
    const id = `upload-${randomBytes(8).toString('hex')}`;
    this.uploads.set(id, { size, fetch, gone: false });
    return id;
  }

  /** Forgets an upload (its page went away); a stream reading it fails with a message that says so. */
  forget(id: string): void {
    const upload = this.uploads.get(id);
    if (upload) upload.gone = true;
    this.uploads.delete(id);
  }

  size(id: string): number {
    const upload = this.uploads.get(id);
    if (!upload) throw new Error(`No upload ${id}: choose the file again (the page that offered it may have closed).`);
    return upload.size;
  }

  /** The file's bytes in pieces of `chunkSize`, each fetched when the previous one has been taken. */
  async *stream(id: string, chunkSize: number): AsyncGenerator<Uint8Array> {
    const upload = this.uploads.get(id);
    if (!upload) throw new Error(`No upload ${id}: choose the file again (the page that offered it may have closed).`);
    for (let offset = 0; offset < upload.size; ) {
      if (upload.gone) throw new Error(`The page that offered upload ${id} closed after ${offset} of ${upload.size} bytes.`);
      const length = Math.min(chunkSize, upload.size - offset);
      const piece = await upload.fetch(offset, length);
      if (piece.length !== length) throw new Error(`The page sent ${piece.length} bytes of upload ${id} at offset ${offset}, not ${length}; the file may have changed since it was chosen.`);
      offset += length;
      yield piece;
    }
  }
}
