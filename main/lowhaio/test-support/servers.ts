// Test support: real servers on 127.0.0.1 that the tests start and stop. A raw TCP server runs a
// script per connection (write exact bytes, split, slow, close mid-body, stay silent); an
// node:http server answers like an ordinary server; TLS servers use certificates made here.
import { once } from 'node:events';
import { createServer as createHttpServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createServer as createNetServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { createServer as createTlsServer, type TlsOptions } from 'node:tls';
import { generate } from 'selfsigned';

export interface RunningServer {
  port: number;
  /** Base URL, e.g. http://127.0.0.1:34567 */
  url: string;
  /** Connections accepted so far. */
  connections: number;
  /** Connections closed so far. */
  closedConnections: number;
  sockets: Socket[];
  close(): Promise<void>;
}

async function listen(server: Server, scheme: 'http' | 'https', host = '127.0.0.1', port = 0): Promise<RunningServer> {
  const state: RunningServer = {
    port: 0,
    url: '',
    connections: 0,
    closedConnections: 0,
    sockets: [],
    close: async () => {
      for (const socket of state.sockets) socket.destroy();
      server.close();
      await once(server, 'close');
    },
  };
  server.on('connection', (socket: Socket) => {
    state.connections++;
    state.sockets.push(socket);
    socket.on('close', () => state.closedConnections++);
  });
  server.listen(port, host);
  await once(server, 'listening');
  state.port = (server.address() as AddressInfo).port;
  state.url = `${scheme}://${host}:${state.port}`;
  return state;
}

/** A TCP server that runs `script` for each connection it accepts. */
export function rawServer(
  script: (socket: Socket, index: number) => void | Promise<void>,
  host = '127.0.0.1',
  port = 0,
): Promise<RunningServer> {
  let index = 0;
  const server = createNetServer((socket) => {
    socket.on('error', () => socket.destroy());
    void script(socket, index++);
  });
  return listen(server, 'http', host, port);
}

const leftovers = new WeakMap<Socket, string>();

/**
 * Reads from `socket` until `done(text)` says enough has arrived (by default: a whole request head,
 * up to its empty line) or the peer ends; returns that text and keeps any bytes past it for the next
 * read. Resolves with '' when the peer closed before sending anything.
 */
export function readUntil(
  socket: Socket,
  done: (text: string) => number = (t) => (t.indexOf('\r\n\r\n') + 1 || -3) + 3,
): Promise<string> {
  return new Promise((resolve) => {
    let text = leftovers.get(socket) ?? '';
    const finish = (length: number) => {
      socket.off('data', onData);
      socket.off('end', onEnd);
      socket.off('close', onEnd);
      socket.pause();
      leftovers.set(socket, text.slice(length));
      resolve(text.slice(0, length));
    };
    const check = () => {
      const length = done(text);
      if (length > 0) finish(length);
    };
    const onData = (chunk: Buffer) => {
      text += chunk.toString('latin1');
      check();
    };
    const onEnd = () => finish(text.length);
    socket.on('data', onData);
    socket.on('end', onEnd);
    socket.on('close', onEnd);
    socket.resume();
    check();
  });
}

/** Reads one request head (through its empty line). */
export function readHead(socket: Socket): Promise<string> {
  return readUntil(socket);
}

export function httpServer(
  handler: (request: IncomingMessage, response: ServerResponse) => void,
): Promise<RunningServer> {
  const server = createHttpServer({ keepAliveTimeout: 60_000 }, handler);
  return listen(server as unknown as Server, 'http');
}

export interface Certificates {
  cert: string;
  key: string;
}

let cached: Promise<Certificates> | null = null;

/** A self-signed certificate for localhost and 127.0.0.1, made once per test run. */
export function testCertificates(): Promise<Certificates> {
  cached ??= generate([{ name: 'commonName', value: 'localhost' }], {
    keyType: 'ec',
    algorithm: 'sha256',
    extensions: [
      { name: 'basicConstraints', cA: true },
      {
        name: 'subjectAltName',
        altNames: [
          { type: 2, value: 'localhost' },
          { type: 7, ip: '127.0.0.1' },
        ],
      },
    ],
  }).then((pems) => ({ cert: pems.cert, key: pems.private }));
  return cached;
}

/** A TLS server that runs `script` on each decrypted connection; reports the SNI name it was sent. */
export async function tlsServer(
  script: (socket: Socket) => void,
  options: TlsOptions = {},
): Promise<RunningServer & { servernames: Array<string | false | null> }> {
  const { cert, key } = await testCertificates();
  const servernames: Array<string | false | null> = [];
  const server = createTlsServer({ cert, key, ...options }, (socket) => {
    servernames.push(socket.servername);
    socket.on('error', () => socket.destroy());
    script(socket);
  });
  const running = await listen(server as unknown as Server, 'https');
  return Object.assign(running, { servernames });
}
