import { describe, expect, it, vi } from 'vitest';
import { ByteBlocks } from './byte-blocks';

/** A capture whose byte i is i % 251, of which `size()` bytes exist so far. */
function capture(size: () => number) {
  return vi.fn(async (start: number, end: number) =>
    Uint8Array.from({ length: Math.max(0, Math.min(end, size()) - start) }, (_, k) => (start + k) % 251),
  );
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));
const NONE = new Uint8Array(0);

describe('ByteBlocks', () => {
  it('answers from the preview without reading, then reads the blocks it lacks when asked and answers from them', async () => {
    const read = capture(() => 1000);
    const onLoad = vi.fn();
    const blocks = new ByteBlocks(read, onLoad, 100, 4);
    const preview = Uint8Array.from({ length: 50 }, (_, i) => i);
    expect([...blocks.peek(10, 14, preview, 1000)!]).toEqual([10, 11, 12, 13]);
    blocks.request(10, 14, preview, 1000);
    expect(read).not.toHaveBeenCalled();
    // peek() reads nothing: a render stays pure.
    expect(blocks.peek(180, 230, preview, 1000)).toBeNull();
    expect(read).not.toHaveBeenCalled();
    blocks.request(180, 230, preview, 1000);
    blocks.request(180, 230, preview, 1000); // asked once, not twice
    expect(read.mock.calls).toEqual([
      [100, 200],
      [200, 300],
    ]);
    await settle();
    expect(onLoad).toHaveBeenCalledTimes(2);
    expect([...blocks.peek(180, 230, preview, 1000)!]).toEqual(Array.from({ length: 50 }, (_, k) => (180 + k) % 251));
    // A range within one block is the same view of it each time.
    const a = blocks.peek(210, 220, preview, 1000)!;
    const b = blocks.peek(210, 220, preview, 1000)!;
    expect(a.buffer === b.buffer && a.byteOffset === b.byteOffset).toBe(true);
  });

  it('reads every block of a range that starts in the preview and ends past it', async () => {
    const read = capture(() => 1000);
    const blocks = new ByteBlocks(read, () => {}, 100, 4);
    const preview = Uint8Array.from({ length: 150 }, (_, i) => i % 251);
    blocks.request(120, 180, preview, 1000);
    expect(read.mock.calls).toEqual([[100, 200]]);
    await settle();
    expect([...blocks.peek(120, 180, preview, 1000)!]).toEqual(Array.from({ length: 60 }, (_, k) => 120 + k));
  });

  it('keeps the most recently asked-for blocks only', async () => {
    const read = capture(() => 1000);
    const blocks = new ByteBlocks(read, () => {}, 100, 2);
    for (const at of [0, 100, 200]) {
      blocks.request(at, at + 10, NONE, 1000);
      await settle();
    }
    expect(blocks.peek(0, 10, NONE, 1000)).toBeNull(); // evicted
    blocks.request(0, 10, NONE, 1000);
    expect(read).toHaveBeenCalledTimes(4);
    // Asking for a block it holds makes it the most recent: 100 stays, 200 goes when 0 comes back.
    blocks.request(100, 110, NONE, 1000);
    await settle();
    expect(blocks.peek(100, 110, NONE, 1000)).not.toBeNull();
    expect(blocks.peek(200, 210, NONE, 1000)).toBeNull();
  });

  it('reads a block again once the capture has grown past what it held', async () => {
    let size = 150;
    const read = capture(() => size);
    const blocks = new ByteBlocks(read, () => {}, 100, 8);
    blocks.request(100, 150, NONE, size);
    await settle();
    expect(blocks.peek(100, 150, NONE, size)!.length).toBe(50);
    size = 180;
    expect(blocks.peek(100, 180, NONE, size)).toBeNull();
    blocks.request(100, 180, NONE, size);
    await settle();
    expect(blocks.peek(100, 180, NONE, size)!.length).toBe(80);
  });

  it('reports a failed read once, and does not ask again until the capture grows', async () => {
    const read = vi.fn(() => Promise.reject(new Error('ENOENT: no such capture')));
    const blocks = new ByteBlocks(read, () => {}, 100, 8);
    blocks.request(200, 210, NONE, 500);
    await settle();
    expect(blocks.problem).toBe('Could not read bytes 200 to 300 of the capture: ENOENT: no such capture');
    blocks.request(200, 210, NONE, 500);
    expect(read).toHaveBeenCalledTimes(1);
    blocks.request(200, 210, NONE, 600);
    expect(read).toHaveBeenCalledTimes(2);
  });
});
