// The browser-mode wire protocol: InspectorApi calls and exchange batches as JSON text over one
// WebSocket. Byte arrays travel as {"$bytes": base64}; everything else is plain JSON. Pure: the
// renderer's client and the main process's server share it.
import type { ExchangeBatch } from './exchange-events';
import type { SerializedError } from './serialized-error';

export interface RpcRequest {
  kind: 'request';
  id: number;
  method: string;
  params: unknown[];
}

export interface RpcResponse {
  kind: 'response';
  id: number;
  result?: unknown;
  error?: SerializedError;
}

export interface RpcBatch {
  kind: 'batch';
  batch: ExchangeBatch;
}

/** The server asks the page for a slice of a file it offered; the page answers with a binary message. */
export interface RpcUploadPull {
  kind: 'upload-pull';
  uploadId: string;
  /** Echoed in the binary answer's first four bytes. */
  pullId: number;
  offset: number;
  length: number;
}

export type RpcMessage = RpcRequest | RpcResponse | RpcBatch | RpcUploadPull;

/** A binary answer to an upload pull: the pull id (4 bytes, big-endian), then the bytes. */
export function encodeUploadSlice(pullId: number, bytes: Uint8Array): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(4 + bytes.length);
  new DataView(out.buffer).setUint32(0, pullId);
  out.set(bytes, 4);
  return out;
}

export function decodeUploadSlice(message: Uint8Array): { pullId: number; bytes: Uint8Array } {
  if (message.length < 4) throw new RangeError('an upload slice needs a 4-byte pull id');
  return { pullId: new DataView(message.buffer, message.byteOffset, 4).getUint32(0), bytes: message.subarray(4) };
}

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const LOOKUP = new Int16Array(128).fill(-1);
for (let i = 0; i < ALPHABET.length; i++) LOOKUP[ALPHABET.charCodeAt(i)] = i;

export function toBase64(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const a = bytes[i]!;
    const b = bytes[i + 1];
    const c = bytes[i + 2];
    out += ALPHABET[a >> 2]! + ALPHABET[((a & 3) << 4) | ((b ?? 0) >> 4)]!;
    out += b === undefined ? '=' : ALPHABET[((b & 15) << 2) | ((c ?? 0) >> 6)]!;
    out += c === undefined ? '=' : ALPHABET[c & 63]!;
  }
  return out;
}

export function fromBase64(text: string): Uint8Array {
  const clean = text.replace(/=+$/, '');
  const out = new Uint8Array(Math.floor((clean.length * 3) / 4));
  let bits = 0;
  let value = 0;
  let at = 0;
  for (let i = 0; i < clean.length; i++) {
    const digit = LOOKUP[clean.charCodeAt(i)] ?? -1;
    if (digit < 0) throw new RangeError(`invalid base64 character at ${i}`);
    value = (value << 6) | digit;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[at++] = (value >> bits) & 0xff;
    }
  }
  return out.subarray(0, at);
}

export function encodeMessage(message: RpcMessage): string {
  return JSON.stringify(message, (_key, value: unknown) => (value instanceof Uint8Array ? { $bytes: toBase64(value) } : value));
}

export function decodeMessage(text: string): RpcMessage {
  return JSON.parse(text, (_key, value: unknown) =>
    value !== null && typeof value === 'object' && typeof (value as { $bytes?: unknown }).$bytes === 'string' ? fromBase64((value as { $bytes: string }).$bytes) : value,
  ) as RpcMessage;
}
