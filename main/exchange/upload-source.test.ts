import { describe, expect, it } from 'vitest';
import { UploadRegistry } from './upload-source';

async function collect(source: AsyncIterable<Uint8Array>): Promise<number[][]> {
  const out: number[][] = [];
  for await (const piece of source) out.push([...piece]);
  return out;
}

describe('UploadRegistry', () => {
  it('streams a registered file in chunks, fetching each only when asked', async () => {
    const registry = new UploadRegistry();
    const asked: Array<[number, number]> = [];
    const id = registry.register(5, async (offset, length) => {
      asked.push([offset, length]);
      return Uint8Array.from({ length }, (_, i) => offset + i);
    });
    expect(registry.size(id)).toBe(5);
    const stream = registry.stream(id, 2);
    expect(asked).toEqual([]);
    await stream.next();
    expect(asked).toEqual([[0, 2]]);
    expect(await collect(stream)).toEqual([[2, 3], [4]]);
    expect(asked).toEqual([
      [0, 2],
      [2, 2],
      [4, 1],
    ]);
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
