// The upload the core issue asks for: a file of BENCH_UPLOAD_BYTES (256 MiB) sent with Content-Length
// to a raw TCP sink in another process, by lowhaio (a Pool, the body its fileBody(): reads ahead,
// each piece written as read), lowhaio with a read stream of the file as its body, node:http (the
// read stream piped into the request) and a raw socket the read stream is piped into. Runs
// alternate between clients; medians and ratios. `upload.cjs serve` is the sink; run by `npm run bench`.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createReadStream, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { connect, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { DEFAULT_FILE_PIECE, Pool, fileBody } from '../main/lowhaio';
import { median } from './median';

const BYTES = Number(process.env['BENCH_UPLOAD_BYTES'] ?? 256 * 1024 * 1024);
const RUNS = Number(process.env['BENCH_UPLOAD_RUNS'] ?? 7);
const PIECE = Number(process.env['BENCH_UPLOAD_PIECE'] ?? DEFAULT_FILE_PIECE);
const READ_AHEAD = Number(process.env['BENCH_UPLOAD_READ_AHEAD'] ?? 2);

/** The sink: reads a head, takes Content-Length bytes, answers 204; one request per connection. */
function serve(): void {
  const server = createServer((socket) => {
    let head = '';
    let remaining = -1;
    socket.on('error', () => socket.destroy());
    socket.on('data', (chunk: Buffer) => {
      let body = chunk;
      if (remaining < 0) {
        head += chunk.toString('latin1');
        const end = head.indexOf('\r\n\r\n');
        if (end < 0) return;
        remaining = Number(/content-length: *(\d+)/i.exec(head.slice(0, end))?.[1] ?? 0);
        body = chunk.subarray(chunk.length - (head.length - end - 4));
      }
      remaining -= body.length;
      if (remaining <= 0) socket.end('HTTP/1.1 204 No Content\r\nConnection: close\r\n\r\n');
    });
  });
  server.listen(0, '127.0.0.1', () => console.log((server.address() as { port: number }).port));
}

type Client = (file: string, port: number) => Promise<void>;

const [lowhaioRequest] = Pool({ keepAliveTimeout: 0 });
const clients: Record<string, Client> = {
  lowhaio: async (file, port) => {
    const [code, , body] = await lowhaioRequest('PUT', `http://127.0.0.1:${port}/upload`, {
      headers: [['content-length', String(BYTES)]],
      body: () => fileBody(file, { pieceSize: PIECE, readAhead: READ_AHEAD }),
    });
    for await (const _ of body);
    if (code !== 204) throw new Error(`lowhaio got ${code}`);
  },
  'lowhaio, read stream': async (file, port) => {
    const [code, , body] = await lowhaioRequest('PUT', `http://127.0.0.1:${port}/upload`, {
      headers: [['content-length', String(BYTES)]],
      body: () => createReadStream(file, { highWaterMark: 1024 * 1024 }),
    });
    for await (const _ of body);
    if (code !== 204) throw new Error(`lowhaio got ${code}`);
  },
  'node:http': (file, port) =>
    new Promise<void>((resolve, reject) => {
      const req = httpRequest(
        { host: '127.0.0.1', port, method: 'PUT', path: '/upload', headers: { 'content-length': BYTES } },
        (res) => {
          res.resume();
          res.on('end', () =>
            res.statusCode === 204 ? resolve() : reject(new Error(`node:http got ${res.statusCode}`)),
          );
        },
      );
      req.on('error', reject);
      pipeline(createReadStream(file, { highWaterMark: 1024 * 1024 }), req).catch(reject);
    }),
  'raw socket': async (file, port) => {
    const socket = connect({ port, host: '127.0.0.1', noDelay: true });
    await once(socket, 'connect');
    socket.write(`PUT /upload HTTP/1.1\r\nhost: 127.0.0.1:${port}\r\ncontent-length: ${BYTES}\r\n\r\n`);
    const answered = new Promise<void>((resolve, reject) => {
      socket.on('data', (chunk: Buffer) =>
        chunk.toString('latin1').startsWith('HTTP/1.1 204') ? resolve() : reject(new Error('raw socket: not 204')),
      );
    });
    await pipeline(createReadStream(file, { highWaterMark: 1024 * 1024 }), socket, { end: false });
    await answered;
    socket.destroy();
  },
};

export async function uploadBench(): Promise<Array<{ client: string; mbPerSecond: number }>> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-upload-'));
  const file = join(dir, 'upload.bin');
  writeFileSync(file, Buffer.alloc(BYTES, 0x61));
  const sink = spawn(process.execPath, [__filename, 'serve'], { stdio: ['ignore', 'pipe', 'inherit'] });
  try {
    const port = Number(((await once(sink.stdout!, 'data')) as [Buffer])[0].toString().trim());
    const names = Object.keys(clients);
    const rates = new Map<string, number[]>(names.map((name) => [name, []]));
    for (let run = 0; run < RUNS; run++) {
      // Rotate the order from run to run (the file is in the page cache for all after the first).
      for (const name of [...names.slice(run % names.length), ...names.slice(0, run % names.length)]) {
        const started = performance.now();
        await clients[name]!(file, port);
        rates.get(name)!.push(BYTES / 1e6 / ((performance.now() - started) / 1000));
      }
    }
    return names.map((client) => ({ client, mbPerSecond: median(rates.get(client)!) }));
  } finally {
    sink.kill();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (require.main === module) {
  if (process.argv[2] === 'serve') serve();
  else
    void uploadBench().then((results) => {
      const lowhaio = results.find((r) => r.client === 'lowhaio')!.mbPerSecond;
      for (const { client, mbPerSecond } of results)
        console.log(
          `${BYTES / 1024 / 1024} MiB upload, ${client}: ${mbPerSecond.toFixed(0)} MB/s${client === 'lowhaio' ? '' : `; lowhaio / ${client} ${(lowhaio / mbPerSecond).toFixed(2)}x`}`,
        );
      process.exit(0);
    });
}
