// The browser-mode wire protocol: InspectorApi calls and exchange batches as JSON text over one
// WebSocket. The page's first message is a hello with its access token; nothing else is read until
// the server has answered it with welcome. Byte arrays travel as {"$bytes": base64}; everything else is plain JSON. The
// bytes of
// an upload do not: the server asks for a slice (upload-pull) and the page POSTs that slice of the
// file to uploadSlicePath(pullId), straight from disk, as the browser streams a request body.
// Pure: the renderer's client and the main process's server share it.
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

/** The server asks the page for a slice of a file it offered; the page POSTs it to uploadSlicePath(pullId). */
export interface RpcUploadPull {
  kind: 'upload-pull';
  uploadId: string;
  /** Unguessable, good for one slice. */
  pullId: string;
  offset: number;
  length: number;
}

/** The page could not send a slice it was asked for (the file became unreadable, the POST failed). */
export interface RpcUploadError {
  kind: 'upload-error';
  pullId: string;
  message: string;
}

/** The page's first message: the access token it took from its URL's fragment. */
export interface RpcHello {
  kind: 'hello';
  token: string;
}

/** The server took the hello: calls may follow. */
export interface RpcWelcome {
  kind: 'welcome';
}

export type RpcMessage = RpcHello | RpcWelcome | RpcRequest | RpcResponse | RpcBatch | RpcUploadPull | RpcUploadError;

/** The WebSocket close code for a page whose token is missing, wrong or expired (the reason says which). */
export const CLOSE_UNAUTHORIZED = 4401;

/** Where a page downloads what a ticket names (the ticket is good once). */
export function exportTicketPath(ticket: string): string {
  return `/export/${encodeURIComponent(ticket)}`;
}

/** Where the page POSTs the slice a pull asked for. */
export function uploadSlicePath(pullId: string): string {
  return `/upload/${encodeURIComponent(pullId)}`;
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

/**
 * `value` with every Uint8Array in it replaced by {$bytes: base64}. Parts without bytes are returned
 * as they are (no copy), so a batch of 20,000 frames costs one walk, not 20,000 copies. (A
 * JSON.stringify replacer or JSON.parse reviver would be called back for every value: ten times
 * slower on frame-heavy batches.)
 */
function bytesEncoded(value: unknown): unknown {
  if (value instanceof Uint8Array) return { $bytes: toBase64(value) };
  if (Array.isArray(value)) {
    let out: unknown[] | null = null;
    for (let i = 0; i < value.length; i++) {
      const item: unknown = value[i];
      if (item === null || typeof item !== 'object') continue;
      const encoded = bytesEncoded(item);
      if (encoded !== item) (out ??= value.slice())[i] = encoded;
    }
    return out ?? value;
  }
  if (value !== null && typeof value === 'object') {
    let out: Record<string, unknown> | null = null;
    for (const key in value) {
      const item = (value as Record<string, unknown>)[key];
      if (item === null || typeof item !== 'object') continue;
      const encoded = bytesEncoded(item);
      if (encoded !== item) (out ??= { ...(value as Record<string, unknown>) })[key] = encoded;
    }
    return out ?? value;
  }
  return value;
}

/** Turns {$bytes: base64} objects back into Uint8Arrays, in place (the value was just parsed). */
function bytesDecoded(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++)
      if (value[i] !== null && typeof value[i] === 'object') value[i] = bytesDecoded(value[i]);
    return value;
  }
  const record = value as Record<string, unknown>;
  if (typeof record['$bytes'] === 'string') return fromBase64(record['$bytes']);
  for (const key in record)
    if (record[key] !== null && typeof record[key] === 'object') record[key] = bytesDecoded(record[key]);
  return record;
}

export function encodeMessage(message: RpcMessage): string {
  // A batch holds bytes only in its `bytes` events: those alone are encoded, and its (many) frames
  // go to JSON.stringify as they are.
  if (message.kind === 'batch') {
    const events = message.batch.events.map((event) =>
      event.type === 'bytes' ? { ...event, data: { $bytes: toBase64(event.data) } } : event,
    );
    return JSON.stringify({ ...message, batch: { ...message.batch, events } });
  }
  return JSON.stringify(bytesEncoded(message));
}

export function decodeMessage(text: string): RpcMessage {
  const message = JSON.parse(text) as RpcMessage;
  if (message.kind === 'batch') {
    for (const event of message.batch.events)
      if (event.type === 'bytes') event.data = bytesDecoded(event.data) as Uint8Array;
    return message;
  }
  return bytesDecoded(message) as RpcMessage;
}
