import { describe, expect, it, vi } from 'vitest';
import { ByteBlocks } from './byte-blocks';

/** A capture whose byte i is i % 251, of which `size()` bytes exist so far. */
function capture(size: () => number) {
  return vi.fn(async (start: number, end: number) => Uint8Array.from({ length: Math.max(0, Math.min(end, size()) - start) }, (_, k) => (start + k) % 251));
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('ByteBlocks', () => {
  it('answers from the preview without reading, then reads the blocks it lacks and answers from them', async () => {
    const read = capture(() => 1000);
    const onLoad = vi.fn();
    const blocks = new ByteBlocks(read, onLoad, 100, 4);
    blocks.update(Uint8Array.from({ length: 50 }, (_, i) => i), 1000);
    expect([...blocks.get(10, 14)!]).toEqual([10, 11, 12, 13]);
    expect(read).not.toHaveBeenCalled();
    expect(blocks.get(180, 230)).toBeNull();
    expect(blocks.get(180, 230)).toBeNull(); // asked once, not twice
    expect(read.mock.calls).toEqual([
      [100, 200],
      [200, 300],
    ]);
    await settle();
    expect(onLoad).toHaveBeenCalledTimes(2);
    expect([...blocks.get(180, 230)!]).toEqual(Array.from({ length: 50 }, (_, k) => (180 + k) % 251));
    // A range within one block is the same view of it each time.
    const a = blocks.get(210, 220)!;
    const b = blocks.get(210, 220)!;
    expect(a.buffer === b.buffer && a.byteOffset === b.byteOffset).toBe(true);
  });

  it('keeps the most recently used blocks only', async () => {
    const read = capture(() => 1000);
    const blocks = new ByteBlocks(read, () => {}, 100, 2);
    blocks.update(new Uint8Array(0), 1000);
    for (const at of [0, 100, 200]) {
      blocks.get(at, at + 10);
      await settle();
    }
    expect(blocks.get(0, 10)).toBeNull(); // evicted: read again
    expect(read).toHaveBeenCalledTimes(4);
  });

  it('reads a block again once the capture has grown past what it held', async () => {
    let size = 150;
    const read = capture(() => size);
    const blocks = new ByteBlocks(read, () => {}, 100, 8);
    blocks.update(new Uint8Array(0), size);
    blocks.get(100, 150);
    await settle();
    expect(blocks.get(100, 150)!.length).toBe(50);
    size = 180;
    blocks.update(new Uint8Array(0), size);
    expect(blocks.get(100, 180)).toBeNull();
    await settle();
    expect(blocks.get(100, 180)!.length).toBe(80);
  });

  it('reports a failed read once, and does not ask again until the capture grows', async () => {
    const read = vi.fn(() => Promise.reject(new Error('ENOENT: no such capture')));
    const blocks = new ByteBlocks(read, () => {}, 100, 8);
    blocks.update(new Uint8Array(0), 500);
    expect(blocks.get(200, 210)).toBeNull();
    await settle();
    expect(blocks.problem).toBe('Could not read bytes 200 to 300 of the capture: ENOENT: no such capture');
    expect(blocks.get(200, 210)).toBeNull();
    expect(read).toHaveBeenCalledTimes(1);
    blocks.update(new Uint8Array(0), 600);
    blocks.get(200, 210);
    expect(read).toHaveBeenCalledTimes(2);
  });
});
