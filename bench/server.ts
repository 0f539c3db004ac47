// Benchmark server: a raw TCP server that answers every request on a keep-alive connection.
// GET /small -> "ok" with Content-Length; GET /chunked -> BENCH_BYTES bytes in 64 KiB chunks,
// written with backpressure. Run as a program, it serves in its own process and prints its port on
// stdout; the client imports startBenchServer() for the download with the server in its own process
// (as the app's demo server shares the app's thread).
import { once } from 'node:events';
import { createServer, type AddressInfo, type Socket } from 'node:net';

const TOTAL = Number(process.env['BENCH_BYTES'] ?? 2 ** 30);
const CHUNK = 64 * 1024;
const SMALL = Buffer.from('HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok');
const CHUNK_FRAME = Buffer.concat([
  Buffer.from(`${CHUNK.toString(16)}\r\n`),
  Buffer.alloc(CHUNK, 0x61),
  Buffer.from('\r\n'),
]);

async function sendChunked(socket: Socket): Promise<void> {
  socket.write('HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n');
  for (let sent = 0; sent < TOTAL; sent += CHUNK) {
    if (!socket.write(CHUNK_FRAME)) await once(socket, 'drain');
  }
  socket.write('0\r\n\r\n');
}

function createBenchServer() {
  return createServer((socket) => {
    socket.setNoDelay(true);
    let pending = '';
    let busy = Promise.resolve();
    socket.on('error', () => socket.destroy());
    socket.on('data', (chunk: Buffer) => {
      pending += chunk.toString('latin1');
      for (let end = pending.indexOf('\r\n\r\n'); end >= 0; end = pending.indexOf('\r\n\r\n')) {
        const head = pending.slice(0, end);
        pending = pending.slice(end + 4);
        const path = head.split(' ')[1];
        busy = busy.then(() => (path === '/chunked' ? sendChunked(socket) : void socket.write(SMALL)));
      }
    });
  });
}

/** Starts a bench server in this process; resolves to its port. */
export async function startBenchServer(): Promise<number> {
  const server = createBenchServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  return (server.address() as AddressInfo).port;
}

if (require.main === module) void startBenchServer().then((port) => console.log(port));
