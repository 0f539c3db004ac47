// How this works: the page-aligned 1 MiB blocks that direct capture writes are made from, shared by
// every capture of the process. Blocks come SLAB_BLOCKS at a time from one WebAssembly.Memory (a
// WebAssembly.Memory is mapped page-aligned, as O_DIRECT wants, and each reserves address space, so
// they are made few and large). A block goes back once its file is done with it; a new block is
// taken from the slab with the most blocks out, so that the others can empty. When every block of
// a slab is back and SPARE_SLABS other slabs are wholly free too, the slab is let go (the garbage
// collector frees its memory): enough stays warm for the next capture, and a burst of parallel
// downloads does not stay resident for the app's life.

/** Bytes per block: one direct write. */
export const BLOCK = 1024 * 1024;
/** Blocks per WebAssembly.Memory. */
export const SLAB_BLOCKS = 16;
/**
 * Wholly free slabs kept for the next capture: a file written at full speed holds about 17 blocks
 * under the default water marks, so two slabs make one download's steady state with none made anew.
 */
export const SPARE_SLABS = 2;
const WASM_PAGE = 64 * 1024;

/** WebAssembly.Memory, which Node has and the Node typings here only declare as a namespace of types. */
const Wasm = (
  globalThis as unknown as {
    WebAssembly: { Memory: new (descriptor: { initial: number; maximum: number }) => { buffer: ArrayBuffer } };
  }
).WebAssembly;

/** `bytes` (a multiple of 64 KiB) of zeroed memory that starts on a page boundary, as O_DIRECT wants. */
export function pageAlignedMemory(bytes: number): ArrayBuffer {
  const pages = bytes / WASM_PAGE;
  return new Wasm.Memory({ initial: pages, maximum: pages }).buffer;
}

interface Slab {
  free: Uint8Array[];
  /** Blocks taken and not yet given back. */
  out: number;
}

const slabs = new Set<Slab>();
const slabOf = new WeakMap<Uint8Array, Slab>();

/** A block of BLOCK bytes, page-aligned; give it back with giveBack() once nothing uses it. */
export function takeBlock(): Uint8Array {
  let from: Slab | null = null;
  for (const slab of slabs) if (slab.free.length > 0 && (from === null || slab.out > from.out)) from = slab;
  if (from === null) {
    const memory = pageAlignedMemory(BLOCK * SLAB_BLOCKS);
    from = { free: [], out: 0 };
    for (let i = SLAB_BLOCKS - 1; i >= 0; i--) {
      const block = new Uint8Array(memory, i * BLOCK, BLOCK);
      slabOf.set(block, from);
      from.free.push(block);
    }
    slabs.add(from);
  }
  from.out++;
  return from.free.pop()!;
}

/** Returns a block taken with takeBlock(); its memory may be reused or freed at once. */
export function giveBack(block: Uint8Array): void {
  const slab = slabOf.get(block);
  if (slab === undefined || !slabs.has(slab)) throw new Error('giveBack: not a block of the pool, or given back twice');
  if (slab.free.includes(block)) throw new Error('giveBack: this block was given back twice');
  slab.free.push(block);
  slab.out--;
  if (slab.out > 0) return;
  let whollyFree = 0;
  for (const other of slabs) if (other.out === 0) whollyFree++;
  if (whollyFree > SPARE_SLABS) slabs.delete(slab);
}

/** What the pool holds now: slabs, and blocks free in them. */
export function pooled(): { slabs: number; freeBlocks: number } {
  let freeBlocks = 0;
  for (const slab of slabs) freeBlocks += slab.free.length;
  return { slabs: slabs.size, freeBlocks };
}
