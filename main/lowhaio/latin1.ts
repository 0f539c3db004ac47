// Field names, values and reason phrases are bytes read one to one as characters (ISO-8859-1):
// decoded natively here, on the parser's hot path. (shared/visible-bytes has the portable twin.)
import { Buffer } from 'node:buffer';

const latin1Slice = (
  Buffer.prototype as unknown as { latin1Slice: (this: Uint8Array, start: number, end: number) => string }
).latin1Slice;

export function decodeLatin1(bytes: Uint8Array, start = 0, end = bytes.length): string {
  return latin1Slice.call(bytes, start, end);
}
