import { describe, expect, it } from 'vitest';
import { UploadRegistry } from './upload-source';

async function collect(source: AsyncIterable<Uint8Array>): Promise<number[][]> {
  const out: number[][] = [];
  for await (const piece of source) out.push([...piece]);
  return out;
}

describe('UploadRegistry', () => {
  it('streams a registered file in chunks, asking a bounded few ahead of the one taken', async () => {
    const registry = new UploadRegistry();
    const asked: Array<[number, number]> = [];
    const id = registry.register(10, async (offset, length) => {
      asked.push([offset, length]);
      return Uint8Array.from({ length }, (_, i) => offset + i);
    });
    expect(registry.size(id)).toBe(10);
    const stream = registry.stream(id, 1);
    expect(asked).toEqual([]);
    expect((await stream.next()).value).toEqual(Uint8Array.of(0));
    expect(asked.map(([offset]) => offset)).toEqual([0, 1, 2, 3]);
    await stream.next();
    expect(asked.map(([offset]) => offset)).toEqual([0, 1, 2, 3, 4]);
    expect((await collect(stream)).flat()).toEqual([2, 3, 4, 5, 6, 7, 8, 9]);
  });

  it('asks for at most about a megabyte ahead, whatever the chunk size', async () => {
    const registry = new UploadRegistry();
    const asked: number[] = [];
    const id = registry.register(8 * 1024 * 1024, async (offset, length) => {
      asked.push(offset);
      return new Uint8Array(length);
    });
    await registry.stream(id, 1024 * 1024).next();
    expect(asked).toEqual([0]);
  });

  it('says what went wrong: unknown upload, short slice, page gone', async () => {
    const registry = new UploadRegistry();
    await expect(collect(registry.stream('upload-nope', 4))).rejects.toThrow(/No upload upload-nope: choose the file again/);
    const short = registry.register(4, async () => Uint8Array.of(1));
    await expect(collect(registry.stream(short, 4))).rejects.toThrow(/sent 1 bytes of upload .* not 4; the file may have changed/);
    let gone = '';
    const id = registry.register(4, async (offset) => {
      if (offset === 0) gone = id;
      return Uint8Array.of(1, 2);
    });
    const stream = registry.stream(id, 2);
    await stream.next();
    registry.forget(gone);
    await expect(stream.next()).rejects.toThrow(/closed after 2 of 4 bytes/);
    expect(() => registry.register(-1, async () => new Uint8Array())).toThrow(RangeError);
  });
});
