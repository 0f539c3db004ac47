// Typed arrays that grow in place by doubling (the frame list, the wire view's layout): a copy of
// the array with twice the room, the values kept at the front.

export function doubled(values: Uint8Array<ArrayBuffer>): Uint8Array<ArrayBuffer>;
export function doubled(values: Float64Array<ArrayBuffer>): Float64Array<ArrayBuffer>;
export function doubled(
  values: Uint8Array<ArrayBuffer> | Float64Array<ArrayBuffer>,
): Uint8Array<ArrayBuffer> | Float64Array<ArrayBuffer> {
  const out = values instanceof Uint8Array ? new Uint8Array(values.length * 2) : new Float64Array(values.length * 2);
  out.set(values);
  return out;
}
