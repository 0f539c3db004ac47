// The pool of aligned blocks behind direct capture writes: blocks are page-aligned and never handed
// out twice at once, a slab is let go once all its blocks are back (SPARE_SLABS kept), new blocks
// come from the fullest slab, and real captures written side by side leave SPARE_SLABS behind.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BLOCK, giveBack, pooled, SLAB_BLOCKS, SPARE_SLABS, takeBlock } from './block-pool';
import { DirectCaptureFile } from './capture-file-direct';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'block-pool-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
  expect(pooled().slabs).toBeLessThanOrEqual(SPARE_SLABS); // every test gives back all it took
});

/** The address range of a block, for overlap checks (its memory and its offset in it). */
const span = (block: Uint8Array) => ({
  memory: block.buffer,
  from: block.byteOffset,
  to: block.byteOffset + block.byteLength,
});

describe('block pool', () => {
  it('hands out page-aligned blocks of BLOCK bytes, none overlapping another taken', () => {
    const taken = Array.from({ length: SLAB_BLOCKS * 4 + 3 }, () => takeBlock());
    for (const block of taken) {
      expect(block.byteLength).toBe(BLOCK);
      expect(block.byteOffset % 4096).toBe(0);
    }
    const spans = taken.map(span);
    for (let i = 0; i < spans.length; i++) {
      for (let j = i + 1; j < spans.length; j++) {
        const a = spans[i]!;
        const b = spans[j]!;
        expect(a.memory !== b.memory || a.to <= b.from || b.to <= a.from).toBe(true);
      }
    }
    expect(pooled().slabs).toBe(5);
    for (const block of taken) giveBack(block);
  });

  it('lets a slab go once all its blocks are back, keeping SPARE_SLABS', () => {
    const taken = Array.from({ length: SLAB_BLOCKS * 5 }, () => takeBlock());
    expect(pooled()).toEqual({ slabs: 5, freeBlocks: 0 });
    for (const block of taken) giveBack(block);
    expect(pooled()).toEqual({ slabs: SPARE_SLABS, freeBlocks: SLAB_BLOCKS * SPARE_SLABS });
  });

  it('takes new blocks from the fullest slab, so that the others can empty', () => {
    const first = Array.from({ length: SLAB_BLOCKS }, () => takeBlock());
    const second = Array.from({ length: SLAB_BLOCKS }, () => takeBlock());
    // Half of each slab back: both slabs have room, with eight blocks out each.
    for (const block of [...first.slice(0, 8), ...second.slice(0, 4)]) giveBack(block);
    const more = Array.from({ length: 4 }, () => takeBlock());
    // The second slab (12 out) is the fuller one: the new blocks come from it.
    for (const block of more) expect(block.buffer).toBe(second[0]!.buffer);
    for (const block of [...first.slice(8), ...second.slice(4), ...more]) giveBack(block);
    expect(pooled().slabs).toBe(SPARE_SLABS);
  });

  it('refuses a block given back twice, or one it never gave', () => {
    const block = takeBlock();
    giveBack(block);
    expect(() => giveBack(block)).toThrow(/twice/);
    expect(() => giveBack(new Uint8Array(BLOCK))).toThrow(/not a block of the pool/);
  });

  it('keeps SPARE_SLABS after captures written side by side have closed, with every byte on disk', async () => {
    const files = await Promise.all(['a', 'b', 'c'].map((name) => DirectCaptureFile.open(join(dir, `${name}.bin`))));
    if (files.some((file) => file === null))
      throw new Error(`${tmpdir()} does not take O_DIRECT here: the block pool cannot be tested with direct captures`);
    const piece = Uint8Array.from({ length: 300_000 }, (_, k) => (k * 13) & 0xff);
    // 24 MiB each, appended in turns without waiting for the disk: three captures hold many blocks at once.
    for (let round = 0; round < 84; round++) for (const file of files) file!.append(piece);
    expect(pooled().slabs).toBeGreaterThan(SPARE_SLABS);
    await Promise.all(files.map((file) => file!.close()));
    expect(pooled().slabs).toBe(SPARE_SLABS);
    for (const name of ['a', 'b', 'c']) {
      const bytes = readFileSync(join(dir, `${name}.bin`));
      expect(bytes.length).toBe(piece.length * 84);
      expect(bytes.subarray(piece.length * 83).equals(piece)).toBe(true);
    }
  });
});
