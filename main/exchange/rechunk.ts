// Cuts a stream of byte pieces of any sizes into pieces of one chosen size: how an upload is sent
// in the chunk size the person chose, whatever the sizes its source reads in.

/** Splits a stream of pieces into pieces of exactly `size` bytes (the last may be shorter). */
export async function* rechunk(source: AsyncIterable<Uint8Array>, size: number): AsyncGenerator<Uint8Array> {
  let pending = new Uint8Array(0);
  for await (const piece of source) {
    let data = pending.length > 0 ? concat(pending, piece) : piece;
    while (data.length >= size) {
      yield data.subarray(0, size);
      data = data.subarray(size);
    }
    pending = data.slice(); // a copy: the source may reuse its buffer once it is asked for more
  }
  if (pending.length > 0) yield pending;
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a, 0);
  out.set(b, a.length);
  return out;
}
