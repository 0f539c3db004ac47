// Test support: what a page (or an attacker) does to browser mode over real sockets: WebSockets
// with chosen headers, the hello, RPC calls, raw HTTP/1.1 requests written byte for byte, and raw
// WebSocket frames the `ws` client would never send.
import { connect as connectTcp } from 'node:net';
import { WebSocket } from 'ws';
import { decodeMessage, encodeMessage, type RpcMessage } from '../../../shared/rpc-protocol';

export function openSocket(port: number, headers: Record<string, string>): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`ws://127.0.0.1:${port}/rpc`, { headers });
    ws.once('open', () => resolve(ws));
    ws.once('unexpected-response', (_req, res) => reject(new Error(`refused with ${res.statusCode}`)));
    ws.once('error', reject);
  });
}

/** Resolves with the close code and reason of `ws`. */
export function closed(ws: WebSocket): Promise<[number, string]> {
  return new Promise((resolve) =>
    ws.once('close', (code: number, reason: Buffer) => resolve([code, reason.toString()])),
  );
}

/** Sends the hello and waits for the welcome; rejects with the close reason when refused. */
export function hello(ws: WebSocket, token: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const onMessage = (data: Buffer) => {
      if (decodeMessage(data.toString()).kind === 'welcome') {
        ws.off('message', onMessage);
        resolve();
      }
    };
    ws.on('message', onMessage);
    ws.once('close', (code: number, reason: Buffer) => reject(new Error(`closed ${code}: ${reason.toString()}`)));
    ws.send(encodeMessage({ kind: 'hello', token }));
  });
}

let nextId = 1;

export function rpc(
  ws: WebSocket,
  method: string,
  params: unknown[] = [],
): Promise<Extract<RpcMessage, { kind: 'response' }>> {
  const id = nextId++;
  return new Promise((resolve, reject) => {
    const onClose = () => reject(new Error(`the socket closed before request ${id} (${method}) was answered`));
    const onMessage = (data: Buffer) => {
      const message = decodeMessage(data.toString());
      if (message.kind === 'response' && message.id === id) {
        ws.off('message', onMessage);
        ws.off('close', onClose);
        resolve(message);
      }
    };
    ws.on('message', onMessage);
    ws.once('close', onClose);
    ws.send(encodeMessage({ kind: 'request', id, method, params }));
  });
}

/** Writes `request` as it is to the port and returns everything the server answers until it closes (or 2 s pass). */
export function rawHttp(port: number, request: string | Uint8Array): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connectTcp(port, '127.0.0.1');
    const parts: Buffer[] = [];
    const timer = setTimeout(() => socket.destroy(), 2000);
    socket.on('data', (part) => parts.push(part));
    socket.on('error', reject);
    socket.on('close', () => {
      clearTimeout(timer);
      resolve(Buffer.concat(parts).toString('latin1'));
    });
    socket.write(request);
  });
}

/** One masked client frame (RFC 6455 section 5.2), with any opcode, flags and declared length. */
export function clientFrame(opcode: number, payload: Uint8Array, declaredLength = payload.length): Buffer {
  const mask = Buffer.from([0x12, 0x34, 0x56, 0x78]);
  const head =
    declaredLength < 126
      ? Buffer.from([0x80 | opcode, 0x80 | declaredLength])
      : declaredLength < 65536
        ? Buffer.from([0x80 | opcode, 0x80 | 126, declaredLength >> 8, declaredLength & 0xff])
        : Buffer.concat([
            Buffer.from([0x80 | opcode, 0x80 | 127]),
            (() => {
              const b = Buffer.alloc(8);
              b.writeBigUInt64BE(BigInt(declaredLength));
              return b;
            })(),
          ]);
  const body = Buffer.from(payload.map((byte, i) => byte ^ mask[i % 4]!));
  return Buffer.concat([head, mask, body]);
}

/** Writes raw bytes on an open WebSocket's TCP connection, past the `ws` client's own checks. */
export function writeRaw(ws: WebSocket, bytes: Uint8Array): void {
  (ws as unknown as { _socket: { write(bytes: Uint8Array): void } })._socket.write(bytes);
}
