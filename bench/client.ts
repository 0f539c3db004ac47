// One benchmark client in its own process: `client.ts <client> <scenario> <port>`, client one of
// lowhaio | undici | node:http | raw, scenario one of seq | concurrent | download | download-observed |
// download-here (the download from a bench server this process starts, on its own thread).
// Warms up, runs the scenario once, and prints {"ms": elapsed, "cpuMs": CPU time of this process,
// "units": requests or bytes}.
import { Agent as HttpAgent, request as httpRequest } from 'node:http';
import { connect, type Socket } from 'node:net';
import { Agent, request as undiciRequest } from 'undici';
import { Pool } from '../main/lowhaio';
import { startBenchServer } from './server';

const [clientName, scenario, portText] = process.argv.slice(2);
const TOTAL = Number(process.env['BENCH_BYTES'] ?? 2 ** 30);
const SEQUENTIAL = Number(process.env['BENCH_SEQUENTIAL'] ?? 10000);
const CONCURRENT_TOTAL = Number(process.env['BENCH_CONCURRENT'] ?? 50000);
const WORKERS = 32;

type Get = (path: string, countBytes?: (n: number) => void) => Promise<number>;

function lowhaioClient(base: string, observed: boolean): Get {
  const [request] = Pool();
  return async (path) => {
    let seen = 0;
    const observe = observed
      ? (e: { type: string; data?: Uint8Array }) => void (e.type === 'bytes' && (seen += e.data!.length))
      : undefined;
    const [, , body] = await request('GET', base + path, observe ? { observe } : {});
    let n = 0;
    for await (const part of body) n += part.length;
    if (observed && seen < n) throw new Error('observer saw fewer bytes than the body');
    return n;
  };
}

function undiciClient(base: string): Get {
  const dispatcher = new Agent({ connections: WORKERS, pipelining: 1, keepAliveTimeout: 60_000 });
  return async (path) => {
    const { body } = await undiciRequest(base + path, { dispatcher });
    let n = 0;
    for await (const part of body) n += (part as Buffer).length;
    return n;
  };
}

/** node:http with a keep-alive agent of WORKERS sockets (Node's own client, llhttp underneath). */
function nodeHttpClient(port: number): Get {
  const agent = new HttpAgent({ keepAlive: true, maxSockets: WORKERS });
  return (path) =>
    new Promise<number>((resolve, reject) => {
      const req = httpRequest({ host: '127.0.0.1', port, path, agent }, (res) => {
        let n = 0;
        res.on('data', (part: Buffer) => (n += part.length));
        res.on('end', () => resolve(n));
        res.on('error', reject);
      });
      req.on('error', reject);
      req.end();
    });
}

/** A raw socket per worker: writes a fixed request, reads until the known response size. */
function rawClient(port: number): Get {
  const idle: Socket[] = [];
  const smallLength = Buffer.byteLength('HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok');
  const chunkedLength =
    Buffer.byteLength('HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n') + (TOTAL / 65536) * (65536 + 9) + 5;
  return (path) =>
    new Promise<number>((resolve, reject) => {
      let socket = idle.pop();
      if (!socket) {
        socket = connect({ port, host: '127.0.0.1', noDelay: true });
        socket.on('error', reject);
      }
      const current = socket;
      const expected = path === '/chunked' ? chunkedLength : smallLength;
      let got = 0;
      const onData = (chunk: Buffer) => {
        got += chunk.length;
        if (got >= expected) {
          current.off('data', onData);
          idle.push(current);
          resolve(got);
        }
      };
      current.on('data', onData);
      current.write(`GET ${path} HTTP/1.1\r\nhost: 127.0.0.1:${port}\r\n\r\n`);
    });
}

async function main(): Promise<void> {
  const port = scenario === 'download-here' ? await startBenchServer() : Number(portText);
  const base = `http://127.0.0.1:${port}`;
  const get =
    clientName === 'lowhaio'
      ? lowhaioClient(base, scenario === 'download-observed')
      : clientName === 'undici'
        ? undiciClient(base)
        : clientName === 'node:http'
          ? nodeHttpClient(port)
          : rawClient(port);
  for (let i = 0; i < 300; i++) await get('/small');
  const started = performance.now();
  const cpuStart = process.cpuUsage();
  let units: number;
  if (scenario === 'seq') {
    for (let i = 0; i < SEQUENTIAL; i++) await get('/small');
    units = SEQUENTIAL;
  } else if (scenario === 'concurrent') {
    let next = 0;
    await Promise.all(
      Array.from({ length: WORKERS }, async () => {
        while (next++ < CONCURRENT_TOTAL) await get('/small');
      }),
    );
    units = CONCURRENT_TOTAL;
  } else {
    units = await get('/chunked');
  }
  const ms = performance.now() - started;
  const cpu = process.cpuUsage(cpuStart);
  console.log(JSON.stringify({ ms, cpuMs: (cpu.user + cpu.system) / 1000, units }));
  process.exit(0);
}

void main();
