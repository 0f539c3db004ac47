import { describe, expect, it } from 'vitest';
import { READ_AHEAD, SLICE, UploadRegistry } from './upload-source';

async function collect(source: AsyncIterable<Uint8Array>): Promise<Uint8Array[]> {
  const out: Uint8Array[] = [];
  for await (const piece of source) out.push(piece);
  return out;
}

const filled = (offset: number, length: number) => Uint8Array.from({ length }, (_, i) => (offset + i) & 0xff);

describe('UploadRegistry', () => {
  it('streams a registered file in pieces of the chunk size, asking the page for larger slices, a bounded few ahead', async () => {
    const registry = new UploadRegistry();
    const size = 5 * SLICE + 5;
    const asked: Array<[number, number]> = [];
    const id = registry.register(size, async (offset, length) => {
      asked.push([offset, length]);
      return filled(offset, length);
    });
    expect(registry.size(id)).toBe(size);
    const stream = registry.stream(id, 100_000);
    expect(asked).toEqual([]);
    const first = (await stream.next()).value as Uint8Array;
    expect(first).toEqual(filled(0, 100_000));
    // Slices of SLICE for small chunks, READ_AHEAD worth of them asked at once.
    expect(READ_AHEAD / SLICE).toBeLessThan(5);
    expect(asked).toEqual(Array.from({ length: READ_AHEAD / SLICE }, (_, i) => [i * SLICE, SLICE]));
    const rest = await collect(stream);
    expect(rest.slice(0, -1).every((piece) => piece.length === 100_000)).toBe(true);
    const all = Buffer.concat([first, ...rest]);
    expect(all.length).toBe(size);
    expect(all.equals(Buffer.from(filled(0, size)))).toBe(true);
  });

  it('asks for slices of at most SLICE, and at most READ_AHEAD bytes ahead, whatever the chunk size', async () => {
    const registry = new UploadRegistry();
    const asked: number[] = [];
    const id = registry.register(64 * 1024 * 1024, async (offset, length) => {
      asked.push(length);
      return new Uint8Array(length);
    });
    await registry.stream(id, 16 * 1024 * 1024).next();
    // A 16 MiB chunk is cut from slices of SLICE: what it needs, and no more than READ_AHEAD beyond.
    expect(asked.every((length) => length === SLICE)).toBe(true);
    expect(asked.length * SLICE).toBeLessThanOrEqual(16 * 1024 * 1024 + READ_AHEAD);
  });

  it('says what went wrong: unknown upload, short slice, page gone', async () => {
    const registry = new UploadRegistry();
    await expect(collect(registry.stream('upload-nope', 4))).rejects.toThrow(
      /No upload upload-nope: choose the file again/,
    );
    const short = registry.register(4, async () => Uint8Array.of(1));
    await expect(collect(registry.stream(short, 4))).rejects.toThrow(
      /sent 1 bytes of upload .* not 4; the file may have changed/,
    );
    let gone = '';
    const id = registry.register(2 * SLICE, async (offset, length) => {
      if (offset === 0) gone = id;
      return new Uint8Array(length);
    });
    const stream = registry.stream(id, SLICE);
    await stream.next();
    registry.forget(gone);
    await expect(stream.next()).rejects.toThrow(`closed after ${SLICE} of ${2 * SLICE} bytes`);
    expect(() => registry.register(-1, async () => new Uint8Array())).toThrow(RangeError);
  });
});
